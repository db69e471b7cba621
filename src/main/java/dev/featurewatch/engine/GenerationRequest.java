package dev.featurewatch.engine;

import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.SamplingParams;

/**
 * What to generate.
 *
 * @param promptTokens the prompt, already templated and tokenized
 * @param sampling sampler settings and limits
 * @param hooks hooks for every forward pass of this request
 * @param ignoreEos keep generating through the model's end-of-sequence tokens (conformance runs)
 * @param returnPromptLogits also return the logits after every prompt position
 */
public record GenerationRequest(int[] promptTokens, SamplingParams sampling, Hooks hooks, boolean ignoreEos, boolean returnPromptLogits) {

  public GenerationRequest {
    if (promptTokens == null || promptTokens.length == 0) {
      throw new IllegalArgumentException("the prompt is empty: at least one token is needed");
    }
    promptTokens = promptTokens.clone();
    hooks = hooks == null ? Hooks.none() : hooks;
  }

  /** A request with no hooks that stops at end-of-sequence. */
  public static GenerationRequest of(int[] promptTokens, SamplingParams sampling) {
    return new GenerationRequest(promptTokens, sampling, Hooks.none(), false, false);
  }
}
