package dev.featurewatch.api;

import dev.featurewatch.model.ChatMessage;
import java.util.List;

/**
 * A request's prompt as the model sees it, checked against the context: the chat template
 * applied (chat) or the text as given (completions), tokenized, and the output budget settled.
 *
 * @param text the prompt text
 * @param tokens its tokens
 * @param maxTokens the most tokens the answer may take
 */
record PromptTokens(String text, int[] tokens, int maxTokens) {

  /** @param maxPromptTokens the longest prompt the server accepts (its own limit, below the context) */
  static PromptTokens of(ServedModel served, OpenAiRequest request, int maxPromptTokens) {
    String text;
    int[] tokens;
    if (request.isChat()) {
      text = render(served, request.messages());
      tokens = served.tokenizer().encode(text, false); // templates write their own BOS
    } else {
      text = request.prompt();
      tokens = served.tokenizer().encode(text, served.tokenizer().addBosByDefault());
    }
    if (tokens.length == 0) {
      throw OpenAiError.invalid(request.isChat() ? "messages" : "prompt", "the prompt has no tokens");
    }
    int context = served.contextLength();
    String param = request.isChat() ? "messages" : "prompt";
    if (tokens.length > maxPromptTokens && maxPromptTokens < context - 1) {
      throw OpenAiError.invalid(param, "prompt_too_long", "the prompt is " + tokens.length
          + " tokens; this server accepts at most " + maxPromptTokens);
    }
    if (tokens.length >= context) {
      throw OpenAiError.invalid(param, "context_length_exceeded", "This model's maximum context length is " + context
          + " tokens. However, your prompt is " + tokens.length + " tokens, which leaves no room for an answer.");
    }
    int room = context - tokens.length;
    Integer asked = request.maxTokens();
    if (asked != null && asked > room) {
      throw OpenAiError.invalid("max_tokens", "context_length_exceeded",
          "This model's maximum context length is " + context + " tokens. However, you requested "
              + ((long) tokens.length + asked) + " tokens (" + tokens.length + " in the prompt, " + asked
              + " in the completion). Please reduce the prompt or the completion length.");
    }
    return new PromptTokens(text, tokens, asked == null ? room : asked);
  }

  private static String render(ServedModel served, List<ChatMessage> messages) {
    try {
      return served.chatTemplate().render(messages, true);
    } catch (IllegalArgumentException e) {
      throw OpenAiError.invalid("messages", "the model's chat template rejects these messages: " + e.getMessage());
    }
  }
}
