package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * All weights of a model, read from a {@link TensorSource} (a checkpoint on disk, or a training
 * run's own arrays) under each family's tensor names and
 * checked against the config's shapes.
 *
 * @param embedding [vocab, d]
 * @param positionEmbedding [positions, d] for learned positions, else null
 * @param blocks one per layer
 * @param finalNorm before the unembedding
 * @param unembedding [vocab, d]; the embedding itself when tied
 */
record TransformerWeights(
    NDArray embedding, NDArray positionEmbedding, List<BlockWeights> blocks, Norm finalNorm, NDArray unembedding) {

  static TransformerWeights load(TensorSource checkpoint, ModelConfig config, NDManager manager) {
    return config.architecture() == Architecture.GPT2
        ? loadGpt2(checkpoint, config, manager)
        : loadRotary(checkpoint, config, manager);
  }

  private static TransformerWeights loadRotary(TensorSource ckpt, ModelConfig c, NDManager m) {
    long d = c.hiddenSize();
    long qWidth = (long) c.numHeads() * c.headDim();
    long kvWidth = (long) c.numKvHeads() * c.headDim();
    boolean gemma = c.architecture() == Architecture.GEMMA2;
    NDArray embedding = ckpt.load(m, "model.embed_tokens.weight", c.vocabSize(), d);
    BlockWeights[] blocks = new BlockWeights[c.numLayers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = "model.layers." + i + ".";
      Norm attentionNorm = rmsNorm(ckpt, m, c, p + "input_layernorm.weight");
      Projection q = projection(ckpt, m, p + "self_attn.q_proj", qWidth, d, c.attentionBias());
      Projection k = projection(ckpt, m, p + "self_attn.k_proj", kvWidth, d, c.attentionBias());
      Projection v = projection(ckpt, m, p + "self_attn.v_proj", kvWidth, d, c.attentionBias());
      Projection o = projection(ckpt, m, p + "self_attn.o_proj", d, qWidth, false);
      // Llama names its pre-MLP norm "post_attention_layernorm"; Gemma 2 uses that name for a norm
      // of the attention output and calls the pre-MLP one "pre_feedforward_layernorm".
      Norm postAttention = gemma ? rmsNorm(ckpt, m, c, p + "post_attention_layernorm.weight") : null;
      Norm mlpNorm = rmsNorm(ckpt, m, c, p + (gemma ? "pre_feedforward_layernorm.weight" : "post_attention_layernorm.weight"));
      Norm postMlp = gemma ? rmsNorm(ckpt, m, c, p + "post_feedforward_layernorm.weight") : null;
      blocks[i] = new BlockWeights(
          attentionNorm, null, q, k, v, o, postAttention, mlpNorm,
          projection(ckpt, m, p + "mlp.gate_proj", c.intermediateSize(), d, false),
          projection(ckpt, m, p + "mlp.up_proj", c.intermediateSize(), d, false),
          projection(ckpt, m, p + "mlp.down_proj", d, c.intermediateSize(), false),
          postMlp);
    }
    Norm finalNorm = rmsNorm(ckpt, m, c, "model.norm.weight");
    NDArray unembedding = c.tieWordEmbeddings() ? embedding : ckpt.load(m, "lm_head.weight", c.vocabSize(), d);
    return new TransformerWeights(embedding, null, List.of(blocks), finalNorm, unembedding);
  }

  private static TransformerWeights loadGpt2(TensorSource ckpt, ModelConfig c, NDManager m) {
    // Checkpoints saved from GPT2LMHeadModel prefix names with "transformer."; hub originals do not.
    String root = ckpt.contains("transformer.wte.weight") ? "transformer." : "";
    long d = c.hiddenSize();
    long inner = c.intermediateSize();
    NDArray embedding = ckpt.load(m, root + "wte.weight", c.vocabSize(), d);
    NDArray positions = ckpt.load(m, root + "wpe.weight", c.maxPositions(), d);
    BlockWeights[] blocks = new BlockWeights[c.numLayers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = root + "h." + i + ".";
      blocks[i] = new BlockWeights(
          layerNorm(ckpt, m, c, p + "ln_1"),
          conv1d(ckpt, m, p + "attn.c_attn", d, 3 * d),
          null, null, null,
          conv1d(ckpt, m, p + "attn.c_proj", d, d),
          null,
          layerNorm(ckpt, m, c, p + "ln_2"),
          null,
          conv1d(ckpt, m, p + "mlp.c_fc", d, inner),
          conv1d(ckpt, m, p + "mlp.c_proj", inner, d),
          null);
    }
    Norm finalNorm = layerNorm(ckpt, m, c, root + "ln_f");
    NDArray unembedding = c.tieWordEmbeddings() ? embedding : ckpt.load(m, "lm_head.weight", c.vocabSize(), d);
    return new TransformerWeights(embedding, positions, List.of(blocks), finalNorm, unembedding);
  }

  private static Projection projection(TensorSource ckpt, NDManager m, String name, long out, long in, boolean bias) {
    return new Projection(ckpt.load(m, name + ".weight", out, in), bias ? ckpt.load(m, name + ".bias", out) : null);
  }

  /** GPT-2's Conv1D stores [in, out]; its transpose is a free view in the [out, in] layout. */
  private static Projection conv1d(TensorSource ckpt, NDManager m, String name, long in, long out) {
    NDArray stored = ckpt.load(m, name + ".weight", in, out);
    return new Projection(stored.transpose(), ckpt.load(m, name + ".bias", out));
  }

  private static Norm rmsNorm(TensorSource ckpt, NDManager m, ModelConfig c, String name) {
    NDArray weight = ckpt.load(m, name, c.hiddenSize());
    if (c.architecture() == Architecture.GEMMA2) {
      // Not closed after: a training source owns its arrays, and a mapped one costs nothing.
      weight = weight.add(1f);
    }
    return new Norm(weight, null, (float) c.normEps());
  }

  private static Norm layerNorm(TensorSource ckpt, NDManager m, ModelConfig c, String name) {
    return new Norm(ckpt.load(m, name + ".weight", c.hiddenSize()), ckpt.load(m, name + ".bias", c.hiddenSize()), (float) c.normEps());
  }
}
