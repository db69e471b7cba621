package dev.featurewatch.probe;

/**
 * Probe examples as the probe sees them: one activation row and one label each.
 *
 * @param rows activation vectors, each [d_in]; the arrays are shared, not copied
 * @param labels 0 or 1 per row
 */
public record ActivationSet(float[][] rows, int[] labels) {

  public ActivationSet {
    if (rows.length != labels.length) {
      throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
    }
  }

  /** Number of examples. */
  public int size() {
    return rows.length;
  }

  /** Number of examples labelled 1. */
  public int positives() {
    int n = 0;
    for (int l : labels) {
      n += l;
    }
    return n;
  }

  /** Number of examples labelled 0. */
  public int negatives() {
    return size() - positives();
  }
}
