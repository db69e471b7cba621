package dev.featurewatch.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only transformer (Llama, Qwen2, GPT-2 or Gemma 2) loaded from a Hugging Face model
 * directory, with its forward pass on DJL's PyTorch engine.
 *
 * <p>The model holds only read-only weights and is shared by all requests. Per-request state,
 * the KV cache, lives in an {@link InferenceSession}; hooks are passed to each forward call. The
 * forward pass reads top to bottom: embed, then per block attention and MLP around the residual
 * stream with a hook at each TransformerLens hook point, then the final norm and unembedding.
 */
public final class Transformer implements AutoCloseable {
  private final ModelConfig config;
  private final NDManager manager;
  private final Checkpoint checkpoint;
  private final TransformerWeights weights;
  private final RotaryEmbedding rotary;
  private final float embeddingScale;

  private Transformer(ModelConfig config, NDManager manager, Checkpoint checkpoint, TransformerWeights weights) {
    this.config = config;
    this.manager = manager;
    this.checkpoint = checkpoint;
    this.weights = weights;
    this.rotary = config.usesRope() ? new RotaryEmbedding(config) : null;
    // Gemma multiplies embeddings by sqrt(d_model), rounded to the activation dtype.
    this.embeddingScale = config.architecture() == Architecture.GEMMA2 ? (float) Math.sqrt(config.hiddenSize()) : 1f;
  }

  /** Loads a model directory onto the engine's default device. */
  public static Transformer load(Path modelDirectory) {
    return load(modelDirectory, null);
  }

  /**
   * Loads a model directory.
   *
   * @param device where weights and activations live, or null for the engine's default
   * @throws ModelLoadException naming the file, tensor or field at fault
   */
  public static Transformer load(Path modelDirectory, Device device) {
    ModelConfig config = ModelConfig.load(modelDirectory);
    Checkpoint checkpoint = Checkpoint.open(modelDirectory);
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try {
      GradientMode.disableOnThisThread();
      TransformerWeights weights = TransformerWeights.load(checkpoint, config, manager);
      return new Transformer(config, manager, checkpoint, weights);
    } catch (RuntimeException e) {
      manager.close();
      try {
        checkpoint.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * A model over arrays the caller owns and may update in place between passes (training): no
   * copy is made, so gradients of a pass flow to these arrays. Closing the model leaves them open.
   *
   * @param tensors by Hugging Face name, with the shapes the config needs
   * @throws ModelLoadException naming a missing or misshapen tensor
   */
  public static Transformer overTensors(ModelConfig config, Map<String, NDArray> tensors) {
    TensorSource source = new TensorSource() {
      @Override
      public boolean contains(String name) {
        return tensors.containsKey(name);
      }

      @Override
      public NDArray load(NDManager unused, String name, long... expectedShape) {
        NDArray array = tensors.get(name);
        if (array == null) {
          throw new ModelLoadException("missing tensor " + name);
        }
        if (!Arrays.equals(array.getShape().getShape(), expectedShape)) {
          throw new ModelLoadException("tensor " + name + " has shape " + array.getShape()
              + " but the config needs " + Arrays.toString(expectedShape));
        }
        return array;
      }
    };
    Device device = tensors.values().iterator().next().getDevice();
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    return new Transformer(config, manager, null, TransformerWeights.load(source, config, manager));
  }

  /** The parsed config. */
  public ModelConfig config() {
    return config;
  }

  /** The device holding the weights. */
  public Device device() {
    return manager.getDevice();
  }

  /** Starts a sequence with an empty KV cache. Close it to free the cache. */
  public InferenceSession newSession() {
    NDManager sessionManager = manager.newSubManager();
    return new InferenceSession(this, sessionManager,
        new KvCache(sessionManager, config.numLayers(), config.numKvHeads(), config.headDim()));
  }

  /**
   * Runs {@code tokens} after the positions already in {@code cache}, appending their keys and
   * values, and returns logits for the last token or for every token. Gradients are off and
   * every intermediate array is freed when the pass returns.
   */
  float[][] forward(NDManager m, KvCache cache, int[] tokens, Hooks hooks, boolean allPositions) {
    GradientMode.disableOnThisThread(); // per thread in DJL; inference threads may be new
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return toRows(logits(m, cache, tokens, hooks, allPositions).toFloatArray(), config.vocabSize());
    }
  }

  /**
   * The forward pass itself: logits [rows, vocab] as an array in the caller's scope, with the
   * thread's grad mode left as the caller set it.
   */
  NDArray logits(NDManager m, KvCache cache, int[] tokens, Hooks hooks, boolean allPositions) {
    validate(cache, tokens, hooks);
    int start = cache.length();
    int n = tokens.length;
    HookContext context = new HookContext(start, tokens.clone());
    NDArray ids = m.create(toLongs(tokens));
    NDArray x = ids.getNDArrayInternal().embedding(ids, weights.embedding(), SparseFormat.DENSE).singletonOrThrow();
    if (embeddingScale != 1f) {
      x = x.mul(embeddingScale);
    }
    if (weights.positionEmbedding() != null) {
      x = x.add(weights.positionEmbedding().get(m, new NDIndex("{}:{}", start, start + n)));
    }
    RotaryEmbedding.Tables rope = rotary == null ? null : rotary.tables(m, start, n);
    AttentionMasks masks = new AttentionMasks(m, config, start, n);

    for (int layer = 0; layer < config.numLayers(); layer++) {
      BlockWeights block = weights.blocks().get(layer);
      x = hooks.run(HookPoint.Kind.RESID_PRE, layer, x, context);

      NDArray attention = attention(block, layer, block.attentionNorm().apply(x), rope, masks.forLayer(layer), cache);
      if (block.postAttentionNorm() != null) {
        attention = block.postAttentionNorm().apply(attention);
      }
      attention = hooks.run(HookPoint.Kind.ATTN_OUT, layer, attention, context);
      x = x.add(attention);
      x = hooks.run(HookPoint.Kind.RESID_MID, layer, x, context);

      NDArray mlp = mlp(block, block.mlpNorm().apply(x));
      if (block.postMlpNorm() != null) {
        mlp = block.postMlpNorm().apply(mlp);
      }
      mlp = hooks.run(HookPoint.Kind.MLP_OUT, layer, mlp, context);
      x = x.add(mlp);
      x = hooks.run(HookPoint.Kind.RESID_POST, layer, x, context);
    }

    x = weights.finalNorm().apply(x);
    x = hooks.run(HookPoint.Kind.LN_FINAL, 0, x, context);
    NDArray rows = allPositions ? x : x.get(new NDIndex("{}:", n - 1));
    NDArray logits = Linear.linear(rows, weights.unembedding(), null).singletonOrThrow();
    if (config.finalLogitSoftcap() > 0) {
      logits = softcap(logits, config.finalLogitSoftcap());
    }
    cache.advance(n);
    return logits;
  }

  /**
   * One decode step for several sequences at once: row i is token {@code tokens[i]} of
   * {@code caches[i]}'s sequence, run with {@code hooks[i]}. Everything runs batched over all
   * rows: projections, MLPs and the unembedding as one matrix product, and attention over the
   * caches padded to the longest one and masked; only writing each row's key and value into its
   * own cache and reading the cache back stay per row. Each request's hooks see only its own row.
   * Returns each row's logits; gradients off.
   */
  float[][] decodeStep(NDManager m, KvCache[] caches, int[] tokens, Hooks[] hooks) {
    GradientMode.disableOnThisThread();
    int b = tokens.length;
    HookContext[] contexts = new HookContext[b];
    int[] starts = new int[b];
    int width = 0;
    for (int i = 0; i < b; i++) {
      validate(caches[i], new int[] {tokens[i]}, hooks[i]);
      starts[i] = caches[i].length();
      width = Math.max(width, starts[i] + 1);
      contexts[i] = new HookContext(starts[i], new int[] {tokens[i]});
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray ids = m.create(toLongs(tokens));
      NDArray x = ids.getNDArrayInternal().embedding(ids, weights.embedding(), SparseFormat.DENSE).singletonOrThrow();
      if (embeddingScale != 1f) {
        x = x.mul(embeddingScale);
      }
      if (weights.positionEmbedding() != null) {
        NDArray at = m.create(toLongs(starts));
        x = x.add(at.getNDArrayInternal().embedding(at, weights.positionEmbedding(), SparseFormat.DENSE).singletonOrThrow());
      }
      RotaryEmbedding.Tables rope = rotary == null ? null : rotary.tables(m, starts);
      BatchAttentionMasks masks = new BatchAttentionMasks(m, config, starts, width);

      for (int layer = 0; layer < config.numLayers(); layer++) {
        BlockWeights block = weights.blocks().get(layer);
        x = runHooks(HookPoint.Kind.RESID_PRE, layer, x, hooks, contexts);
        NDArray[] qkv = projectQkv(block, block.attentionNorm().apply(x), rope);
        NDArray mixed = attendPadded(layer, qkv[0], qkv[1], qkv[2], masks.forLayer(layer), caches, width);
        NDArray attention = block.output().apply(mixed);
        if (block.postAttentionNorm() != null) {
          attention = block.postAttentionNorm().apply(attention);
        }
        attention = runHooks(HookPoint.Kind.ATTN_OUT, layer, attention, hooks, contexts);
        x = x.add(attention);
        x = runHooks(HookPoint.Kind.RESID_MID, layer, x, hooks, contexts);
        NDArray mlp = mlp(block, block.mlpNorm().apply(x));
        if (block.postMlpNorm() != null) {
          mlp = block.postMlpNorm().apply(mlp);
        }
        mlp = runHooks(HookPoint.Kind.MLP_OUT, layer, mlp, hooks, contexts);
        x = x.add(mlp);
        x = runHooks(HookPoint.Kind.RESID_POST, layer, x, hooks, contexts);
      }
      x = weights.finalNorm().apply(x);
      x = runHooks(HookPoint.Kind.LN_FINAL, 0, x, hooks, contexts);
      NDArray logits = Linear.linear(x, weights.unembedding(), null).singletonOrThrow();
      if (config.finalLogitSoftcap() > 0) {
        logits = softcap(logits, config.finalLogitSoftcap());
      }
      float[][] rows = toRows(logits.toFloatArray(), config.vocabSize());
      // Only now: a pass that failed before this point left every cache's length as it was, so the
      // step can be run again (its keys and values are written at the same places).
      for (KvCache cache : caches) {
        cache.advance(1);
      }
      return rows;
    }
  }

  /**
   * Each row through its own request's hooks at one point (rows without hooks there pass as they
   * are). When every row has the same sequence of {@link BatchableHook}s (the same SAE and probes
   * read for every request), each of them runs once over all rows.
   */
  private static NDArray runHooks(HookPoint.Kind kind, int layer, NDArray x, Hooks[] hooks, HookContext[] contexts) {
    boolean any = false;
    for (Hooks h : hooks) {
      any |= h.has(kind, layer);
    }
    if (!any) {
      return x;
    }
    List<List<BatchableHook>> together = batchable(kind, layer, hooks);
    if (together != null) {
      HookPoint point = new HookPoint(kind, layer);
      for (List<BatchableHook> same : together) {
        NDArray next = same.get(0).applyTogether(same, point, x, contexts);
        if (!next.getShape().equals(x.getShape())) {
          throw new IllegalStateException("batched hooks at " + point + " returned shape " + next.getShape() + ", not " + x.getShape());
        }
        x = next;
      }
      return x;
    }
    NDList rows = new NDList();
    for (int i = 0; i < hooks.length; i++) {
      NDArray row = x.get(new NDIndex("{}:{}", i, i + 1));
      rows.add(hooks[i].has(kind, layer) ? hooks[i].run(kind, layer, row, contexts[i]) : row);
    }
    return NDArrays.concat(rows, 0);
  }

  /** The hooks of every row at a point grouped by position, if they can all run batched; else null. */
  private static List<List<BatchableHook>> batchable(HookPoint.Kind kind, int layer, Hooks[] hooks) {
    Hook[] first = hooks[0].at(kind, layer);
    if (first == null) {
      return null;
    }
    List<List<BatchableHook>> out = new java.util.ArrayList<>();
    for (int j = 0; j < first.length; j++) {
      if (!(first[j] instanceof BatchableHook lead)) {
        return null;
      }
      List<BatchableHook> same = new java.util.ArrayList<>(hooks.length);
      for (Hooks h : hooks) {
        Hook[] row = h.at(kind, layer);
        if (row == null || row.length != first.length || !(row[j] instanceof BatchableHook b)
            || !b.batchKey().equals(lead.batchKey())) {
          return null;
        }
        same.add(b);
      }
      out.add(same);
    }
    return out;
  }

  /**
   * Direct logit effects of residual-stream directions: each row d of {@code directions} [n,
   * d_model] mapped to W_U·(g ⊙ d) [n, vocab], where g is the final norm's scale (and d is first
   * centred when that norm is a LayerNorm, which centres its input). This is the unembedding with
   * the final norm folded in, as TransformerLens folds it by default, so the values are those
   * Neuronpedia and SAELens dashboards show for an SAE feature's decoder direction. The soft-cap
   * and the norm's division by the input's scale are left out: they do not reorder tokens.
   *
   * @return an array in {@code directions}'s manager; gradients are off
   */
  public NDArray directLogits(NDArray directions) {
    GradientMode.disableOnThisThread();
    if (directions.getShape().dimension() != 2 || directions.getShape().get(1) != config.hiddenSize()) {
      throw new IllegalArgumentException("directions must be [n, " + config.hiddenSize() + "], got " + directions.getShape());
    }
    Norm norm = weights.finalNorm();
    NDArray d = norm.bias() != null ? directions.sub(directions.mean(new int[] {1}, true)) : directions;
    return Linear.linear(d.mul(norm.weight()), weights.unembedding(), null).singletonOrThrow();
  }

  private NDArray attention(BlockWeights block, int layer, NDArray h, RotaryEmbedding.Tables rope, NDArray mask, KvCache cache) {
    NDArray[] qkv = projectQkv(block, h, rope);
    return block.output().apply(attend(layer, qkv[0], qkv[1], qkv[2], mask, cache));
  }

  /** q [n, heads, headDim], k and v [n, kvHeads, headDim] of the rows of h, rotated. */
  private NDArray[] projectQkv(BlockWeights block, NDArray h, RotaryEmbedding.Tables rope) {
    long n = h.getShape().get(0);
    NDArray q;
    NDArray k;
    NDArray v;
    if (block.qkv() != null) {
      NDList fused = block.qkv().apply(h).split(3, 1);
      q = fused.get(0);
      k = fused.get(1);
      v = fused.get(2);
    } else {
      q = block.q().apply(h);
      k = block.k().apply(h);
      v = block.v().apply(h);
    }
    q = q.reshape(n, config.numHeads(), config.headDim());
    k = k.reshape(n, config.numKvHeads(), config.headDim());
    v = v.reshape(n, config.numKvHeads(), config.headDim());
    if (rope != null) {
      q = rope.apply(q);
      k = rope.apply(k);
    }
    return new NDArray[] {q, k, v};
  }

  /** One sequence's attention: appends k and v to its cache, returns the heads mixed, [n, heads · headDim]. */
  private NDArray attend(int layer, NDArray q, NDArray k, NDArray v, NDArray mask, KvCache cache) {
    long n = q.getShape().get(0);
    int heads = config.numHeads();
    int kvHeads = config.numKvHeads();
    int headDim = config.headDim();
    NDArray[] cached = cache.append(layer, k.transpose(1, 0, 2), v.transpose(1, 0, 2));
    NDArray keys = cached[0].expandDims(1); // [kvHeads, 1, T, headDim]: broadcast over the group
    NDArray values = cached[1].expandDims(1);
    // Query head h reads key/value head h / group, as Hugging Face's repeat_kv arranges them.
    NDArray grouped = q.reshape(n, kvHeads, heads / kvHeads, headDim).transpose(1, 2, 0, 3);
    NDArray scores = grouped.matMul(keys.transpose(0, 1, 3, 2)).mul((float) config.attentionScale());
    if (config.attnLogitSoftcap() > 0) {
      scores = softcap(scores, config.attnLogitSoftcap());
    }
    if (mask != null) {
      scores = scores.add(mask);
    }
    NDArray mixed = scores.softmax(-1).matMul(values); // [kvHeads, group, n, headDim]
    return mixed.transpose(2, 0, 1, 3).reshape(n, (long) heads * headDim);
  }

  /**
   * Attention of a batch of single queries, each over its own cache: the new keys and values go
   * into each cache, then all caches are read as views padded to {@code width} and stacked, so
   * scores, softmax and mixing are one operation each for the whole batch. Returns [rows, heads · headDim].
   */
  private NDArray attendPadded(int layer, NDArray q, NDArray k, NDArray v, NDArray mask, KvCache[] caches, int width) {
    int b = caches.length;
    int heads = config.numHeads();
    int kvHeads = config.numKvHeads();
    int headDim = config.headDim();
    NDArray newKeys = k.transpose(1, 0, 2); // [kvHeads, rows, headDim]
    NDArray newValues = v.transpose(1, 0, 2);
    NDList keyViews = new NDList(b);
    NDList valueViews = new NDList(b);
    for (int i = 0; i < b; i++) {
      NDIndex row = new NDIndex(":, {}:{}, :", i, i + 1);
      NDArray[] cached = caches[i].appendPadded(layer, newKeys.get(row), newValues.get(row), width);
      keyViews.add(cached[0]);
      valueViews.add(cached[1]);
    }
    NDArray keys = NDArrays.stack(keyViews, 0).expandDims(2); // [rows, kvHeads, 1, width, headDim]
    NDArray values = NDArrays.stack(valueViews, 0).expandDims(2);
    // Query head h reads key/value head h / group, as Hugging Face's repeat_kv arranges them.
    NDArray grouped = q.reshape(b, kvHeads, heads / kvHeads, 1, headDim);
    NDArray scores = grouped.matMul(keys.transpose(0, 1, 2, 4, 3)).mul((float) config.attentionScale());
    if (config.attnLogitSoftcap() > 0) {
      scores = softcap(scores, config.attnLogitSoftcap());
    }
    if (mask != null) {
      scores = scores.add(mask);
    }
    return scores.softmax(-1).matMul(values).reshape(b, (long) heads * headDim); // [rows, kvHeads, group, 1, headDim]
  }

  private NDArray mlp(BlockWeights block, NDArray h) {
    if (block.gate() == null) {
      return block.down().apply(activate(block.up().apply(h)));
    }
    return block.down().apply(activate(block.gate().apply(h)).mul(block.up().apply(h)));
  }

  private NDArray activate(NDArray x) {
    switch (config.activation()) {
      case SILU:
        return x.mul(ai.djl.nn.Activation.sigmoid(x));
      case GELU:
        return ai.djl.nn.Activation.gelu(x);
      case GELU_TANH:
        // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(inner.tanh().add(1f)).mul(0.5f);
      default:
        throw new IllegalStateException(config.activation().name());
    }
  }

  private static NDArray softcap(NDArray x, double cap) {
    return x.div((float) cap).tanh().mul((float) cap);
  }

  private void validate(KvCache cache, int[] tokens, Hooks hooks) {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("a forward pass needs at least one token");
    }
    for (int t : tokens) {
      if (t < 0 || t >= config.vocabSize()) {
        throw new IllegalArgumentException("token id " + t + " is outside the vocabulary [0, " + config.vocabSize() + ")");
      }
    }
    if (hooks.maxLayer() >= config.numLayers()) {
      throw new IllegalArgumentException("a hook names block " + hooks.maxLayer() + " but the model has " + config.numLayers() + " blocks");
    }
    if (weights.positionEmbedding() != null && cache.length() + tokens.length > config.maxPositions()) {
      throw new IllegalArgumentException("sequence of " + (cache.length() + tokens.length)
          + " tokens exceeds the model's " + config.maxPositions() + " learned positions");
    }
  }

  private static long[] toLongs(int[] tokens) {
    long[] ids = new long[tokens.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens[i];
    }
    return ids;
  }

  private static float[][] toRows(float[] flat, int width) {
    float[][] rows = new float[flat.length / width][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    return rows;
  }

  /** Unscaled rotary inverse frequencies after any rope_scaling (for tests and tools). */
  float[] rotaryInverseFrequencies() {
    return rotary == null ? new float[0] : rotary.inverseFrequencies();
  }

  /** NDArrays alive under this model's manager, sessions included (leak checks). */
  public int liveArrayCount() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    manager.close();
    if (checkpoint == null) {
      return;
    }
    try {
      checkpoint.close();
    } catch (IOException ignored) {
      // The mapping stays valid until unmapped by GC; a failed channel close loses nothing.
    }
  }
}
