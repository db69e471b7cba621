package dev.featurewatch.probe;

import java.util.Arrays;

/**
 * Chooses a probe's alarm threshold from the scores of benign examples.
 *
 * <p>The rule: an example is flagged when its score is strictly above the threshold, and the
 * threshold is the (k+1)-th highest benign score with k = floor(targetFpr × n). At most k benign
 * scores lie strictly above it, so the benign set's false-positive rate is at most the target;
 * ties at the threshold are not flagged, which keeps the bound when many scores are equal. With
 * fewer than 1/targetFpr benign examples k is 0 and the threshold is the highest benign score: the
 * set is too small to resolve the target, and the rate on it is 0.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * The threshold for a target false-positive rate.
   *
   * @param benignScores scores of benign (negative) examples, not empty
   * @param targetFpr in [0, 1)
   * @return a threshold such that at most {@code floor(targetFpr × n)} benign scores exceed it
   */
  public static double threshold(double[] benignScores, double targetFpr) {
    if (benignScores.length == 0) {
      throw new IllegalArgumentException("calibration needs at least one benign example");
    }
    if (!(targetFpr >= 0 && targetFpr < 1)) {
      throw new IllegalArgumentException("target false-positive rate must be in [0, 1), got " + targetFpr);
    }
    int allowed = allowedFalsePositives(benignScores.length, targetFpr);
    double[] sorted = benignScores.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length - 1 - allowed];
  }

  /**
   * floor(targetFpr × n), the most benign examples that may score above the threshold. The small
   * slack keeps products like 0.29 × 100 = 28.999999999999996 from losing one.
   */
  static int allowedFalsePositives(int n, double targetFpr) {
    return Math.min(n - 1, (int) Math.floor(targetFpr * n + 1e-9));
  }

  /** Fraction of {@code scores} strictly above {@code threshold} (0 for no scores). */
  public static double fractionAbove(double[] scores, double threshold) {
    if (scores.length == 0) {
      return 0;
    }
    int above = 0;
    for (double s : scores) {
      if (s > threshold) {
        above++;
      }
    }
    return (double) above / scores.length;
  }
}
