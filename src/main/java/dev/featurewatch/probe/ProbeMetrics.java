package dev.featurewatch.probe;

import java.util.Arrays;
import java.util.Comparator;

/** Detection metrics of a scorer on labelled examples. */
public final class ProbeMetrics {
  private ProbeMetrics() {}

  /**
   * Area under the ROC curve, exactly: the probability that a random positive scores above a
   * random negative, counting ties as one half. Computed as the Mann-Whitney U statistic from ranks,
   * with tied scores given their average rank.
   *
   * @param scores one per example
   * @param labels 0 or 1 per example
   * @throws IllegalArgumentException if either class is empty (AUROC is undefined)
   */
  public static double auroc(double[] scores, int[] labels) {
    checkLengths(scores, labels);
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(scores[order[j + 1]], scores[order[i]]) == 0) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("AUROC needs positives and negatives; got " + positives + " positives and "
          + negatives + " negatives");
    }
    double u = positiveRankSum - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }

  /**
   * True-positive rate at a false-positive rate: the threshold is calibrated on these examples'
   * negatives by {@link Calibration#threshold} (so their FPR is at most {@code fpr}), and the result
   * is the fraction of positives strictly above it.
   *
   * @throws IllegalArgumentException if either class is empty
   */
  public static double tprAtFpr(double[] scores, int[] labels, double fpr) {
    checkLengths(scores, labels);
    double[] negatives = select(scores, labels, 0);
    double[] positives = select(scores, labels, 1);
    if (positives.length == 0 || negatives.length == 0) {
      throw new IllegalArgumentException("TPR at FPR needs positives and negatives; got " + positives.length
          + " positives and " + negatives.length + " negatives");
    }
    return Calibration.fractionAbove(positives, Calibration.threshold(negatives, fpr));
  }

  /** The scores of the examples labelled {@code label}. */
  public static double[] select(double[] scores, int[] labels, int label) {
    checkLengths(scores, labels);
    int n = 0;
    for (int l : labels) {
      if (l == label) {
        n++;
      }
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] == label) {
        out[k++] = scores[i];
      }
    }
    return out;
  }

  private static void checkLengths(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
    }
    for (double s : scores) {
      if (Double.isNaN(s)) {
        throw new IllegalArgumentException("a score is NaN");
      }
    }
  }
}
