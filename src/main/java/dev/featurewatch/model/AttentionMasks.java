package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention masks for one pass of n queries at positions start..start+n-1 over all
 * start+n keys: causal, and for sliding-window layers also no further back than the window
 * (key j is visible from query i when i − window &lt; j ≤ i, as in Hugging Face's Gemma 2).
 * A single decoding query that sees every key needs no mask at all, the common case.
 */
final class AttentionMasks {
  private final NDManager manager;
  private final ModelConfig config;
  private final int start;
  private final int n;
  private NDArray global;
  private NDArray sliding;

  AttentionMasks(NDManager manager, ModelConfig config, int start, int n) {
    this.manager = manager;
    this.config = config;
    this.start = start;
    this.n = n;
  }

  /** The mask of shape [n, start + n] for this layer, or null if every key is visible. */
  NDArray forLayer(int layer) {
    if (config.isSlidingLayer(layer) && start + n > config.slidingWindow()) {
      if (sliding == null) {
        sliding = build(config.slidingWindow());
      }
      return sliding;
    }
    if (n == 1) {
      return null;
    }
    if (global == null) {
      global = build(0);
    }
    return global;
  }

  private NDArray build(int window) {
    int keys = start + n;
    float[] mask = new float[n * keys];
    for (int i = 0; i < n; i++) {
      int query = start + i;
      for (int j = 0; j < keys; j++) {
        boolean visible = j <= query && (window == 0 || query - j < window);
        mask[i * keys + j] = visible ? 0f : Float.NEGATIVE_INFINITY;
      }
    }
    return manager.create(mask, new Shape(n, keys));
  }
}
