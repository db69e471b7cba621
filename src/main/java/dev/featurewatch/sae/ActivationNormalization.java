package dev.featurewatch.sae;

/**
 * SAELens's {@code normalize_activations}: how the input is rescaled before encoding and the
 * reconstruction rescaled back.
 */
public enum ActivationNormalization {
  /** Raw activations. */
  NONE("none"),
  /**
   * Trained on activations scaled to an expected norm of sqrt(d_in); SAELens folds the scaling
   * factor into the weights when it saves, so at inference the input is used as it is.
   */
  EXPECTED_AVERAGE_ONLY_IN("expected_average_only_in"),
  /** Each input rescaled to norm sqrt(d_in), the reconstruction scaled back. */
  CONSTANT_NORM_RESCALE("constant_norm_rescale"),
  /** Each input layer-normalised (no affine), the reconstruction de-normalised. */
  LAYER_NORM("layer_norm");

  private final String saeLensName;

  ActivationNormalization(String saeLensName) {
    this.saeLensName = saeLensName;
  }

  /** The SAELens string. */
  public String saeLensName() {
    return saeLensName;
  }

  /** Parses an SAELens string; null if unknown. */
  public static ActivationNormalization parse(String name) {
    for (ActivationNormalization n : values()) {
      if (n.saeLensName.equals(name)) {
        return n;
      }
    }
    return null;
  }
}
