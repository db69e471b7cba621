package dev.featurewatch.engine;

import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseFeatures;

/**
 * What the monitor read at one token.
 *
 * @param position sequence position
 * @param tokenId the token
 * @param source prompt or output
 * @param features active SAE features, strongest first; null where the SAE failed
 * @param probeScores one score per loaded probe ({@link Guardrail#probeNames()} order); NaN where a probe failed
 */
public record TokenActivity(int position, int tokenId, TokenSource source, SparseFeatures features, double[] probeScores) {

  /** Whether the SAE could read this token. */
  public boolean monitored() {
    return features != null;
  }
}
