package dev.featurewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** AUROC, TPR at FPR and the calibration rule against cases worked by hand. */
class ProbeMetricsTest {

  @Test
  void aurocCountsCorrectlyOrderedPairs() {
    // Pairs (pos, neg): (0.35, 0.1) ok, (0.35, 0.4) wrong, (0.8, 0.1) ok, (0.8, 0.4) ok -> 3/4.
    assertEquals(0.75, ProbeMetrics.auroc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}), 1e-12);
    assertEquals(1.0, ProbeMetrics.auroc(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1, 1}), 1e-12);
    assertEquals(0.0, ProbeMetrics.auroc(new double[] {0.9, 0.2, 0.3}, new int[] {0, 1, 1}), 1e-12);
  }

  @Test
  void aurocCountsTiesAsHalf() {
    // Positives {0.9, 0.5}, negatives {0.5, 0.1}: 1 + 1 + 0.5 (the tie) + 1 = 3.5 of 4 pairs.
    assertEquals(0.875, ProbeMetrics.auroc(new double[] {0.9, 0.5, 0.5, 0.1}, new int[] {1, 1, 0, 0}), 1e-12);
    // All scores equal: every pair is a tie.
    assertEquals(0.5, ProbeMetrics.auroc(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1, 0}), 1e-12);
    // Positives {2, 2, 1}, negatives {2, 1, 0}:
    // 2 vs {2,1,0} = 0.5+1+1 twice, 1 vs {2,1,0} = 0+0.5+1 -> 5 + 1.5 = 6.5 of 9.
    assertEquals(6.5 / 9, ProbeMetrics.auroc(new double[] {2, 0, 2, 1, 1, 2}, new int[] {1, 0, 1, 1, 0, 0}), 1e-12);
  }

  @Test
  void aurocNeedsBothClasses() {
    assertThrows(IllegalArgumentException.class, () -> ProbeMetrics.auroc(new double[] {0.1, 0.2}, new int[] {1, 1}));
  }

  @Test
  void thresholdLeavesAtMostTheTargetFractionOfBenignScoresAbove() {
    double[] negatives = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    // 10% of 10 = 1 may exceed: the threshold is the second highest, 0.8; only 0.9 is above it.
    assertEquals(0.8, Calibration.threshold(negatives, 0.1), 0);
    assertEquals(0.1, Calibration.fractionAbove(negatives, 0.8), 1e-12);
    // 1% of 10 rounds down to 0: the highest benign score, so none is above.
    assertEquals(0.9, Calibration.threshold(negatives, 0.01), 0);
    assertEquals(0.6, Calibration.threshold(negatives, 0.35), 0); // floor(3.5) = 3 above: 0.7, 0.8, 0.9
    // 0.29 × 100 is 28.999999999999996 in doubles; 29 may still exceed.
    assertEquals(29, Calibration.allowedFalsePositives(100, 0.29));
  }

  @Test
  void tiesAtTheThresholdAreNotFlagged() {
    // Two benign scores tie at the top; allowing one false positive must not let both through.
    double[] negatives = {0.9, 0.9, 0.5, 0.4, 0.3, 0.3, 0.2, 0.2, 0.1, 0.1};
    double threshold = Calibration.threshold(negatives, 0.1);
    assertEquals(0.9, threshold, 0);
    assertEquals(0.0, Calibration.fractionAbove(negatives, threshold), 0);
  }

  @Test
  void tprAtFprUsesTheThresholdCalibratedOnTheNegatives() {
    double[] scores = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.85, 0.8, 0.95, 0.5};
    int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
    // FPR 10%: threshold 0.8; positives strictly above: 0.85, 0.95 (0.8 ties and is not) -> 2/4.
    assertEquals(0.5, ProbeMetrics.tprAtFpr(scores, labels, 0.1), 1e-12);
    // FPR 1%: threshold 0.9 -> only 0.95.
    assertEquals(0.25, ProbeMetrics.tprAtFpr(scores, labels, 0.01), 1e-12);
    // FPR 50%: floor(5) above allowed, threshold is the 6th highest negative, 0.4 -> 0.85, 0.8, 0.95, 0.5.
    assertEquals(1.0, ProbeMetrics.tprAtFpr(scores, labels, 0.5), 1e-12);
  }

  @Test
  void calibrationRejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> Calibration.threshold(new double[0], 0.01));
    assertThrows(IllegalArgumentException.class, () -> Calibration.threshold(new double[] {0.1}, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Calibration.threshold(new double[] {0.1}, -0.1));
  }
}
