package dev.featurewatch.sae;

import java.util.Locale;

/** How an SAE turns encoder pre-activations into feature activations, named as SAELens names it. */
public enum SaeArchitecture {
  /** ReLU (trained with an L1 penalty). */
  STANDARD,
  /** Keep the k largest pre-activations, then ReLU. */
  TOPK,
  /** ReLU gated by a per-feature threshold: f = pre · 1[pre > θ]. */
  JUMPRELU;

  /** The SAELens {@code architecture} string. */
  public String saeLensName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an SAELens {@code architecture}; null if unknown. */
  public static SaeArchitecture parse(String name) {
    return switch (name) {
      case "standard" -> STANDARD;
      case "topk" -> TOPK;
      case "jumprelu" -> JUMPRELU;
      default -> null;
    };
  }
}
