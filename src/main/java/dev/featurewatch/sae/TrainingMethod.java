package dev.featurewatch.sae;

/** How an SAE is trained, and the inference architecture it is saved as. */
public enum TrainingMethod {
  /** k largest pre-activations per token; saved as {@code topk}. */
  TOPK(SaeArchitecture.TOPK),
  /**
   * The B·k largest over a batch of B tokens, so busy tokens use more features and quiet ones
   * fewer at the same mean L0 (Bussmann et al., 2024). Inference uses the running minimum
   * selected activation as a threshold for every feature: saved as {@code jumprelu}, as SAELens
   * saves BatchTopK SAEs.
   */
  BATCH_TOPK(SaeArchitecture.JUMPRELU),
  /** ReLU with an L1 penalty; saved as {@code standard}. */
  STANDARD(SaeArchitecture.STANDARD);

  private final SaeArchitecture savedAs;

  TrainingMethod(SaeArchitecture savedAs) {
    this.savedAs = savedAs;
  }

  /** The architecture of the saved SAE. */
  public SaeArchitecture savedAs() {
    return savedAs;
  }

  /** Parses {@code topk}, {@code batchtopk} or {@code standard}; null if unknown. */
  public static TrainingMethod parse(String name) {
    return switch (name) {
      case "topk" -> TOPK;
      case "batchtopk" -> BATCH_TOPK;
      case "standard" -> STANDARD;
      default -> null;
    };
  }

  /** Whether features are chosen by rank (and dead ones revived by AuxK). */
  boolean ranked() {
    return this != STANDARD;
  }
}
