package dev.featurewatch.sae;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well an SAE reconstructs a model's activations and how much of the model's behaviour
 * survives when the reconstruction replaces them. Field names follow SAELens's evaluation
 * output where it has them.
 *
 * @param tokens positions evaluated (special tokens excluded)
 * @param l0 mean active features per position
 * @param l1 mean sum of feature activations per position
 * @param mse mean squared error per element
 * @param explainedVariance 1 − Σ‖x − x̂‖² / Σ‖x − mean(x)‖²
 * @param cosineSimilarity mean cosine between x and x̂
 * @param l2NormIn mean ‖x‖
 * @param l2NormOut mean ‖x̂‖
 * @param ceLossWithoutSae next-token cross-entropy of the clean model
 * @param ceLossWithSae with the reconstruction spliced in at the hook
 * @param ceLossWithAblation with the hook's activation zeroed
 * @param klDivWithSae mean KL(clean ‖ spliced) of next-token distributions
 * @param klDivWithAblation mean KL(clean ‖ ablated)
 * @param deadFraction features that never fired on the evaluation tokens
 * @param denseFraction features that fired on more than 10% of them
 */
public record SaeEvaluation(
    long tokens, double l0, double l1, double mse, double explainedVariance, double cosineSimilarity,
    double l2NormIn, double l2NormOut, double ceLossWithoutSae, double ceLossWithSae, double ceLossWithAblation,
    double klDivWithSae, double klDivWithAblation, double deadFraction, double denseFraction) {

  /** Fraction of the CE loss gap between ablation and the clean model that the SAE recovers. */
  public double ceLossScore() {
    return (ceLossWithAblation - ceLossWithSae) / (ceLossWithAblation - ceLossWithoutSae);
  }

  /** Fraction of the KL divergence of ablation that the SAE avoids. */
  public double klDivScore() {
    return (klDivWithAblation - klDivWithSae) / klDivWithAblation;
  }

  /** The report as nested maps, grouped as SAELens groups its evaluation metrics. */
  public Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model_behavior_preservation", ordered(
        "kl_div_score", klDivScore(), "kl_div_with_ablation", klDivWithAblation, "kl_div_with_sae", klDivWithSae));
    root.put("model_performance_preservation", ordered(
        "ce_loss_score", ceLossScore(), "ce_loss_with_ablation", ceLossWithAblation,
        "ce_loss_with_sae", ceLossWithSae, "ce_loss_without_sae", ceLossWithoutSae));
    root.put("reconstruction_quality", ordered(
        "explained_variance", explainedVariance, "mse", mse, "cossim", cosineSimilarity));
    root.put("shrinkage", ordered(
        "l2_norm_in", l2NormIn, "l2_norm_out", l2NormOut, "l2_ratio", l2NormOut / l2NormIn));
    root.put("sparsity", ordered("l0", l0, "l1", l1));
    root.put("feature_density", ordered("dead_fraction", deadFraction, "dense_fraction", denseFraction));
    root.put("tokens", tokens);
    return root;
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
