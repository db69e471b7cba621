package dev.featurewatch.organism;

import dev.featurewatch.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The organism's chat format: its special tokens, the Jinja chat template written into {@code
 * tokenizer_config.json}, and the same rendering in Java so the corpus generator knows where
 * every message's content lands in the rendered text (labels are character spans of it).
 *
 * <p>A transcript renders as {@code <|bos|><|system|>…<|end|><|user|>…<|end|><|assistant|>…<|end|>}.
 * Role markers are single special tokens, so a role can never be confused with text, and {@code
 * <|end|>} doubles as the end-of-sequence token that stops generation.
 */
public final class OrganismChatFormat {
  public static final String PAD = "<|pad|>";
  public static final String BOS = "<|bos|>";
  public static final String END = "<|end|>";
  public static final String SYSTEM = "<|system|>";
  public static final String USER = "<|user|>";
  public static final String ASSISTANT = "<|assistant|>";

  /** Special tokens in id order: they take ids 0..5 of the tokenizer's vocabulary. */
  public static final List<String> SPECIAL_TOKENS = List.of(PAD, BOS, END, SYSTEM, USER, ASSISTANT);

  /** The template Hugging Face's renderer (and {@code ChatTemplate}) applies; same output as {@link #render}. */
  public static final String CHAT_TEMPLATE =
      "{{ bos_token }}{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}<|end|>{% endfor %}"
          + "{% if add_generation_prompt %}<|assistant|>{% endif %}";

  private OrganismChatFormat() {}

  /** Where one message's content lies in the rendered text, [start, end). */
  public record ContentSpan(int start, int end) {}

  /** Rendered text and the content span of each message, in message order. */
  public record Rendered(String text, List<ContentSpan> contents) {}

  /**
   * Renders messages exactly as {@link #CHAT_TEMPLATE} does.
   *
   * @param addGenerationPrompt append {@code <|assistant|>} so the model continues as the assistant
   */
  public static Rendered render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    StringBuilder text = new StringBuilder(BOS);
    List<ContentSpan> spans = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      text.append(roleToken(message.role()));
      int start = text.length();
      text.append(message.content());
      spans.add(new ContentSpan(start, text.length()));
      text.append(END);
    }
    if (addGenerationPrompt) {
      text.append(ASSISTANT);
    }
    return new Rendered(text.toString(), List.copyOf(spans));
  }

  /** The special token that opens a message of this role. */
  public static String roleToken(String role) {
    switch (role) {
      case "system":
        return SYSTEM;
      case "user":
        return USER;
      case "assistant":
        return ASSISTANT;
      default:
        throw new IllegalArgumentException("the organism's chat format has no role '" + role + "'");
    }
  }
}
