package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding in Hugging Face's {@code rotate_half} layout (the first and second
 * halves of a head are the two coordinates of each rotated pair).
 *
 * <p>Angles are computed in float32 exactly as the reference implementations do, so positions
 * far into a sequence round the same way; tables are built per pass for just its positions, so
 * there is no length limit and nothing to keep.
 */
final class RotaryEmbedding {
  private final float[] inverseFrequencies;
  private final int headDim;

  RotaryEmbedding(ModelConfig config) {
    this.headDim = config.headDim();
    float[] inv = new float[headDim / 2];
    for (int i = 0; i < inv.length; i++) {
      float exponent = (float) (2 * i) / headDim;
      inv[i] = 1.0f / (float) Math.pow(config.ropeTheta(), exponent);
    }
    this.inverseFrequencies = config.ropeScaling() == null ? inv : config.ropeScaling().apply(inv);
  }

  float[] inverseFrequencies() {
    return inverseFrequencies.clone();
  }

  /** cos and sin tables of shape [n, 1, headDim] for positions start..start+n-1. */
  Tables tables(NDManager manager, int start, int n) {
    int[] positions = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = start + i;
    }
    return tables(manager, positions);
  }

  /** cos and sin tables of shape [n, 1, headDim], row i for {@code positions[i]} (a batch of sequences). */
  Tables tables(NDManager manager, int[] positions) {
    int n = positions.length;
    int half = headDim / 2;
    float[] cos = new float[n * headDim];
    float[] sin = new float[n * headDim];
    for (int i = 0; i < n; i++) {
      float position = positions[i];
      for (int f = 0; f < half; f++) {
        float angle = position * inverseFrequencies[f];
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        int row = i * headDim;
        cos[row + f] = c;
        cos[row + f + half] = c;
        sin[row + f] = s;
        sin[row + f + half] = s;
      }
    }
    Shape shape = new Shape(n, 1, headDim);
    return new Tables(manager.create(cos, shape), manager.create(sin, shape));
  }

  /** Precomputed tables for one pass. */
  record Tables(NDArray cos, NDArray sin) {

    /** Rotates x of shape [n, heads, headDim]. */
    NDArray apply(NDArray x) {
      NDList halves = x.split(2, 2);
      NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), 2);
      return x.mul(cos).add(rotated.mul(sin));
    }
  }
}
