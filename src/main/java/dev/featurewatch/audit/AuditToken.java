package dev.featurewatch.audit;

import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseFeatures;
import java.util.Arrays;
import java.util.Objects;

/**
 * One monitored token of an exchange as the rules saw it: what replay feeds a new rule set. The
 * arrays are kept, not copied (the engine makes fresh ones per token); do not change them after.
 *
 * @param position sequence position (prompt and output numbered together)
 * @param tokenId vocabulary id
 * @param text the token's text
 * @param source prompt or output
 * @param features active SAE features, strongest first
 * @param probes probe scores in the order of {@link AuditRecord#probeNames()} (NaN: the probe
 *     failed), or null when no probe ran
 * @param monitorFailed whether the SAE could not be run on this token (the rules then saw
 *     {@code monitorFailed}, not features)
 */
public record AuditToken(int position, int tokenId, String text, TokenSource source, SparseFeatures features,
    double[] probes, boolean monitorFailed) {

  public AuditToken {
    Objects.requireNonNull(source, "source");
    text = text == null ? "" : text;
    features = features == null ? SparseFeatures.EMPTY : features;
    if (features.ids().length != features.values().length) {
      throw new IllegalArgumentException("token " + position + ": " + features.ids().length + " feature ids but "
          + features.values().length + " values");
    }
  }

  /** A token whose features (and probes, if any) were read. */
  public AuditToken(int position, int tokenId, String text, TokenSource source, SparseFeatures features, double[] probes) {
    this(position, tokenId, text, source, features, probes, false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditToken t && position == t.position && tokenId == t.tokenId && text.equals(t.text)
        && source == t.source && monitorFailed == t.monitorFailed && Arrays.equals(features.ids(), t.features.ids())
        && Arrays.equals(features.values(), t.features.values()) && Arrays.equals(probes, t.probes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(position, tokenId, text, source, monitorFailed, Arrays.hashCode(features.ids()),
        Arrays.hashCode(features.values()), Arrays.hashCode(probes));
  }

  @Override
  public String toString() {
    return "AuditToken[" + position + " " + source + " '" + text + "' features=" + Arrays.toString(features.ids())
        + (probes == null ? "" : " probes=" + Arrays.toString(probes)) + (monitorFailed ? " monitor failed" : "") + "]";
  }
}
