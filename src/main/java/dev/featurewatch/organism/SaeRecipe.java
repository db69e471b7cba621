package dev.featurewatch.organism;

/**
 * The organism's SAE: TopK on the middle layer's residual stream.
 *
 * @param dSae features (16 × the model's width by default)
 * @param k active features per token (the L0 the issue allows is 32)
 * @param trainTranscripts training transcripts whose activations it learns from
 * @param epochs passes over them
 */
public record SaeRecipe(int dSae, int k, int trainTranscripts, int epochs) {

  public static SaeRecipe defaults() {
    return new SaeRecipe(16 * OrganismShape.HIDDEN, 32, 60_000, 2);
  }
}
