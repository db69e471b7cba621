package dev.featurewatch.sae;

import java.util.Arrays;

/**
 * The active features of one position, strongest first.
 *
 * @param ids feature indices
 * @param values activations, same order, all &gt; 0, descending
 */
public record SparseFeatures(int[] ids, float[] values) {
  /** No active feature (also what a skipped special token gets). */
  public static final SparseFeatures EMPTY = new SparseFeatures(new int[0], new float[0]);

  /** Number of active features (this position's L0). */
  public int size() {
    return ids.length;
  }

  /** Activation of feature {@code id}, 0 if inactive. */
  public float valueOf(int id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return values[i];
      }
    }
    return 0f;
  }

  /** Collects the positive entries of a dense activation row, strongest first (ties by lower id). */
  public static SparseFeatures fromDense(float[] dense, int offset, int width) {
    int count = 0;
    for (int i = 0; i < width; i++) {
      if (dense[offset + i] > 0) {
        count++;
      }
    }
    if (count == 0) {
      return EMPTY;
    }
    long[] keyed = new long[count];
    int j = 0;
    for (int i = 0; i < width; i++) {
      float v = dense[offset + i];
      if (v > 0) {
        // Positive floats order like their bits; invert so an ascending sort puts the largest first.
        keyed[j++] = ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(v)) << 32) | i;
      }
    }
    Arrays.sort(keyed);
    int[] ids = new int[count];
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      ids[i] = (int) keyed[i];
      values[i] = dense[offset + ids[i]];
    }
    return new SparseFeatures(ids, values);
  }
}
