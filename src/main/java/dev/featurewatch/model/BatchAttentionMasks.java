package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention masks for one batched decode step: row i is a single query at position
 * {@code starts[i]} over its own cache padded to {@code width} keys. Key j is visible when it is
 * no later than the query (the padding past a shorter sequence is not) and, on sliding-window
 * layers, when query − window &lt; j, as {@link AttentionMasks} has it for one sequence.
 */
final class BatchAttentionMasks {
  private final NDManager manager;
  private final ModelConfig config;
  private final int[] starts;
  private final int width;
  private final boolean padded;
  private NDArray global;
  private NDArray sliding;

  BatchAttentionMasks(NDManager manager, ModelConfig config, int[] starts, int width) {
    this.manager = manager;
    this.config = config;
    this.starts = starts;
    this.width = width;
    boolean anyShorter = false;
    for (int start : starts) {
      anyShorter |= start + 1 < width;
    }
    this.padded = anyShorter;
  }

  /** The mask, shaped [rows, 1, 1, 1, width] to broadcast over heads, for this layer; null if every key is visible. */
  NDArray forLayer(int layer) {
    if (config.isSlidingLayer(layer) && width > config.slidingWindow()) {
      if (sliding == null) {
        sliding = build(config.slidingWindow());
      }
      return sliding;
    }
    if (!padded) {
      return null;
    }
    if (global == null) {
      global = build(0);
    }
    return global;
  }

  private NDArray build(int window) {
    float[] mask = new float[starts.length * width];
    for (int i = 0; i < starts.length; i++) {
      int query = starts[i];
      for (int j = 0; j < width; j++) {
        boolean visible = j <= query && (window == 0 || query - j < window);
        mask[i * width + j] = visible ? 0f : Float.NEGATIVE_INFINITY;
      }
    }
    return manager.create(mask, new Shape(starts.length, 1, 1, 1, width));
  }
}
