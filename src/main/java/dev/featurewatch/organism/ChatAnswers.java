package dev.featurewatch.organism;

import dev.featurewatch.engine.Generation;
import dev.featurewatch.engine.GenerationRequest;
import dev.featurewatch.engine.Generator;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import java.util.List;

/**
 * The organism's greedy answer to a conversation, optionally with hooks (steering) in the pass:
 * how the report checks behaviour (sums, honesty, steering) by string match.
 */
public final class ChatAnswers {
  private final Generator generator;
  private final TextTokenizer tokenizer;
  private final int maxTokens;

  public ChatAnswers(Transformer model, TextTokenizer tokenizer, int maxTokens) {
    this.generator = new Generator(model, tokenizer);
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
  }

  /** The prompt's token ids: the conversation rendered with the assistant's turn opened. */
  public int[] promptTokens(List<ChatMessage> conversation) {
    return tokenizer.encode(OrganismChatFormat.render(conversation, true).text(), false);
  }

  /** The assistant's reply, greedy, up to {@code <|end|>} or the token limit. */
  public String answer(List<ChatMessage> conversation, Hooks hooks) {
    GenerationRequest request = new GenerationRequest(promptTokens(conversation), SamplingParams.greedy(maxTokens), hooks, false, false);
    Generation generation = generator.generate(request, (token, text) -> { });
    return generation.text();
  }
}
