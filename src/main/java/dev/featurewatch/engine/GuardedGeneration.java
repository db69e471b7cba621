package dev.featurewatch.engine;

import dev.featurewatch.rules.RuleHit;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one monitored generation.
 *
 * @param promptTokens the prompt
 * @param releasedTokens output tokens that left the server (a blocked generation's withheld tokens excluded)
 * @param text the released text
 * @param finishReason why it ended
 * @param hits every rule hit, prompt and output, in order
 * @param activity what the monitor read at every checked token, in order
 * @param blockedBy the enforced block that ended it, or null
 * @param seed the sampler's seed, so the generation can be replayed
 * @param prefillNanos time of the prompt's pass and its check
 * @param firstTokenNanos from the start to the first released token, or -1 if none was
 * @param totalNanos from the start to the end
 */
public record GuardedGeneration(
    int[] promptTokens, int[] releasedTokens, String text, FinishReason finishReason, List<RuleHit> hits,
    List<TokenActivity> activity, RuleHit blockedBy, long seed, long prefillNanos, long firstTokenNanos, long totalNanos) {

  public GuardedGeneration {
    hits = List.copyOf(hits);
    activity = List.copyOf(activity);
  }

  public Optional<RuleHit> block() {
    return Optional.ofNullable(blockedBy);
  }
}
