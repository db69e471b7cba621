package dev.featurewatch.sae;

/**
 * One edit of one feature, applied from a sequence position on.
 *
 * @param feature SAE feature index
 * @param kind what to do
 * @param value the pinned value (PIN), the amount added (NUDGE) or the factor (MUL); ignored for ABLATE
 * @param fromPosition first sequence position affected (0: the whole prompt too)
 */
public record FeatureIntervention(int feature, Kind kind, float value, int fromPosition) {

  /** How the feature's activation a becomes its target v. */
  public enum Kind {
    /** v = value: clamp, as in Scaling Monosemanticity. */
    PIN,
    /** v = a + value: add value × the decoder direction whatever a is. */
    NUDGE,
    /** v = a × value. */
    MUL,
    /** v = 0. */
    ABLATE
  }

  public FeatureIntervention {
    if (feature < 0) {
      throw new IllegalArgumentException("feature must be >= 0, got " + feature);
    }
    if (kind == null) {
      throw new IllegalArgumentException("intervention kind is required");
    }
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("intervention value must be finite, got " + value);
    }
    if (fromPosition < 0) {
      throw new IllegalArgumentException("fromPosition must be >= 0, got " + fromPosition);
    }
  }

  /** Clamp a feature to {@code value} from {@code fromPosition} on. */
  public static FeatureIntervention pin(int feature, float value, int fromPosition) {
    return new FeatureIntervention(feature, Kind.PIN, value, fromPosition);
  }

  /** Target activation given the current one. */
  float target(float current) {
    return switch (kind) {
      case PIN -> value;
      case NUDGE -> current + value;
      case MUL -> current * value;
      case ABLATE -> 0f;
    };
  }
}
