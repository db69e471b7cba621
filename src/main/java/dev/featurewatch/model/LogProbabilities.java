package dev.featurewatch.model;

/** Log-softmax of one row of logits, in double precision (losses and divergences sum many of them). */
public final class LogProbabilities {
  private LogProbabilities() {}

  /** log p(i) = logits[i] − log Σ exp(logits), computed stably around the maximum. */
  public static double[] of(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double total = 0;
    for (float v : logits) {
      total += Math.exp(v - max);
    }
    double logZ = max + Math.log(total);
    double[] out = new double[logits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = logits[i] - logZ;
    }
    return out;
  }
}
