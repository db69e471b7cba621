package dev.featurewatch.model;

/**
 * The weights of one transformer block. Parts an architecture lacks are null: GPT-2 has a fused
 * {@code qkv} instead of {@code q}, {@code k}, {@code v} and no {@code gate}; only Gemma 2 has the
 * post-attention and post-MLP norms.
 */
record BlockWeights(
    Norm attentionNorm,
    Projection qkv,
    Projection q,
    Projection k,
    Projection v,
    Projection output,
    Norm postAttentionNorm,
    Norm mlpNorm,
    Projection gate,
    Projection up,
    Projection down,
    Norm postMlpNorm) {}
