package dev.featurewatch.engine;

/**
 * The outcome of one generation.
 *
 * @param promptTokens the prompt
 * @param tokens generated tokens, stop token excluded
 * @param text generated text up to any stop string (empty without a tokenizer)
 * @param finishReason why it ended
 * @param promptLogits logits after every prompt position if asked for, else null
 * @param prefillNanos time of the prompt's forward pass
 * @param decodeNanos time of all decode steps
 */
public record Generation(
    int[] promptTokens, int[] tokens, String text, FinishReason finishReason, float[][] promptLogits,
    long prefillNanos, long decodeNanos) {

  /** Prompt tokens per second of prefill. */
  public double prefillTokensPerSecond() {
    return promptTokens.length / (prefillNanos / 1e9);
  }

  /** Generated tokens per second of decode (the first token comes from the prefill). */
  public double decodeTokensPerSecond() {
    return tokens.length <= 1 || decodeNanos == 0 ? 0 : (tokens.length - 1) / (decodeNanos / 1e9);
  }
}
