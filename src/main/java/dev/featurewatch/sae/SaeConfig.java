package dev.featurewatch.sae;

import dev.featurewatch.model.HookPoint;

/**
 * What an SAE is and where it reads, independent of the file format it came in.
 *
 * @param architecture activation function family
 * @param dIn input width (the hook's d_model)
 * @param dSae number of features
 * @param k active features per position for {@link SaeArchitecture#TOPK}, else 0
 * @param hookName TransformerLens hook the SAE was trained on, e.g. {@code blocks.2.hook_resid_post}
 * @param applyBDecToInput subtract b_dec from the input before encoding
 * @param normalization input normalisation
 * @param modelName the model the SAE belongs to (informational), may be empty
 */
public record SaeConfig(
    SaeArchitecture architecture,
    int dIn,
    int dSae,
    int k,
    String hookName,
    boolean applyBDecToInput,
    ActivationNormalization normalization,
    String modelName) {

  public SaeConfig {
    if (architecture == null) {
      throw new IllegalArgumentException("architecture is required");
    }
    if (dIn <= 0 || dSae <= 0) {
      throw new IllegalArgumentException("d_in and d_sae must be positive, got " + dIn + " and " + dSae);
    }
    if (architecture == SaeArchitecture.TOPK && (k <= 0 || k > dSae)) {
      throw new IllegalArgumentException("a topk SAE needs 0 < k <= d_sae, got k = " + k);
    }
    HookPoint.parse(hookName); // fail early on a hook the runtime cannot serve
    normalization = normalization == null ? ActivationNormalization.NONE : normalization;
    modelName = modelName == null ? "" : modelName;
  }

  /** The hook as a runtime {@link HookPoint}. */
  public HookPoint hookPoint() {
    return HookPoint.parse(hookName);
  }
}
