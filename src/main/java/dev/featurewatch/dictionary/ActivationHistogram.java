package dev.featurewatch.dictionary;

import java.util.Arrays;

/**
 * How a feature's non-zero activations are distributed: counts in equal-width bins over (0, max].
 * Zeros (the great majority of tokens for a sparse feature) are left out; the density says how
 * many tokens it fires on.
 *
 * @param edges bin boundaries, {@code counts.length + 1} of them, ascending from 0 to the maximum
 *     (float, like the activations they bound)
 * @param counts non-zero activations in each bin; bin i is (edges[i], edges[i+1]], the first bin
 *     includes every value above 0
 */
public record ActivationHistogram(float[] edges, long[] counts) {

  public ActivationHistogram {
    edges = edges.clone();
    counts = counts.clone();
    if (edges.length != counts.length + 1) {
      throw new IllegalArgumentException(counts.length + " bins need " + (counts.length + 1) + " edges, got " + edges.length);
    }
  }

  /**
   * Bins the positive values among {@code values[0, n)} into {@code bins} equal bins over (0, max].
   *
   * @return the histogram, or null when no value is positive
   */
  public static ActivationHistogram of(float[] values, int n, int bins) {
    if (bins <= 0) {
      throw new IllegalArgumentException("a histogram needs at least one bin, got " + bins);
    }
    float max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, values[i]);
    }
    if (max <= 0) {
      return null;
    }
    long[] counts = new long[bins];
    for (int i = 0; i < n; i++) {
      float v = values[i];
      if (v > 0) {
        // ceil(v / max · bins) − 1 puts each value in the bin whose upper edge is at or above it.
        int bin = (int) Math.ceil(v / (double) max * bins) - 1;
        counts[Math.max(0, Math.min(bins - 1, bin))]++;
      }
    }
    float[] edges = new float[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = i == bins ? max : (float) ((double) max * i / bins);
    }
    return new ActivationHistogram(edges, counts);
  }

  @Override
  public float[] edges() {
    return edges.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Number of values counted. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActivationHistogram h && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ActivationHistogram" + Arrays.toString(counts);
  }
}
