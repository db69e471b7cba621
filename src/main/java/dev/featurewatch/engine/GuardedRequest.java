package dev.featurewatch.engine;

import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.sae.FeatureIntervention;
import java.util.List;

/**
 * One monitored generation.
 *
 * @param promptTokens the prompt, templated and tokenized
 * @param sampling sampler settings and limits ({@code maxTokens} 0: read the prompt only)
 * @param steering the request's own interventions
 * @param rules the rules snapshot for the whole request
 * @param ignoreEos generate through end-of-sequence tokens to the token limit
 */
public record GuardedRequest(int[] promptTokens, SamplingParams sampling, List<FeatureIntervention> steering, CompiledRules rules,
    boolean ignoreEos) {

  public GuardedRequest {
    if (promptTokens == null || promptTokens.length == 0) {
      throw new IllegalArgumentException("the prompt is empty: at least one token is needed");
    }
    promptTokens = promptTokens.clone();
    steering = List.copyOf(steering);
  }
}
