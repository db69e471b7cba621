package dev.featurewatch.sae;

/**
 * The geometric median of points (Weiszfeld's iteration): the b_dec initialisation SAELens and
 * Anthropic use, robust to the few huge-norm activations a residual stream has.
 */
final class GeometricMedian {
  private static final int ITERATIONS = 50;

  private GeometricMedian() {}

  /** Median of the rows of a flat [n, d] array. */
  static float[] of(float[] points, int d) {
    int n = points.length / d;
    double[] median = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        median[j] += points[i * d + j] / (double) n;
      }
    }
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] next = new double[d];
      double weightSum = 0;
      for (int i = 0; i < n; i++) {
        double dist = 0;
        for (int j = 0; j < d; j++) {
          double diff = points[i * d + j] - median[j];
          dist += diff * diff;
        }
        double w = 1 / Math.max(Math.sqrt(dist), 1e-8);
        weightSum += w;
        for (int j = 0; j < d; j++) {
          next[j] += w * points[i * d + j];
        }
      }
      for (int j = 0; j < d; j++) {
        median[j] = next[j] / weightSum;
      }
    }
    float[] out = new float[d];
    for (int j = 0; j < d; j++) {
      out[j] = (float) median[j];
    }
    return out;
  }
}
