package dev.featurewatch.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.HookPoint;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LogisticProbe} on synthetic Gaussian data whose separating direction is known. */
class ProbeLogisticRegressionTest {
  static final int D = 64;
  static final LogisticProbe.Options DEFAULTS = new LogisticProbe.Options(1e-3, 500, true);

  /**
   * Two Gaussian classes, unit variance, sharing a large offset (as residual streams do); the
   * positives are shifted by {@code separation} along {@code direction}.
   */
  static ActivationSet gaussians(Random random, float[] direction, int n, double positiveFraction, double separation,
      double scale) {
    float[][] rows = new float[n][D];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < positiveFraction ? 1 : 0;
      for (int j = 0; j < D; j++) {
        double offset = 5 + j % 7; // shared, large mean
        rows[i][j] = (float) (scale * (offset + random.nextGaussian() + labels[i] * separation * direction[j]));
      }
    }
    return new ActivationSet(rows, labels);
  }

  static float[] unitDirection(Random random) {
    float[] u = new float[D];
    double norm = 0;
    for (int j = 0; j < D; j++) {
      u[j] = (float) random.nextGaussian();
      norm += u[j] * u[j];
    }
    for (int j = 0; j < D; j++) {
      u[j] /= (float) Math.sqrt(norm);
    }
    return u;
  }

  static double cosine(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  static Probe probe(LogisticProbe.Fit fit, double threshold) {
    return new Probe(HookPoint.residPost(0), fit.direction(), fit.bias(), threshold, 0.01, Pooling.LAST, "synthetic", Map.of());
  }

  @Test
  void recoversTheSeparatingDirectionAndCalibratesOnFreshBenignData() {
    Random random = new Random(7);
    float[] truth = unitDirection(random);
    ActivationSet train = gaussians(random, truth, 4000, 0.5, 3.0, 1);
    LogisticProbe.Fit fit = LogisticProbe.fit(train, DEFAULTS, (i, loss, g) -> { });
    assertTrue(fit.converged(), "L-BFGS should converge well within 500 iterations, took " + fit.iterations());
    double cos = cosine(fit.direction(), truth);
    assertTrue(cos > 0.95, "cosine with the true direction " + cos);

    // Separation 3σ along the direction: the best possible AUROC is Φ(3/√2) ≈ 0.983.
    ActivationSet test = gaussians(random, truth, 4000, 0.5, 3.0, 1);
    Probe unthresholded = probe(fit, 1);
    double auroc = ProbeMetrics.auroc(unthresholded.scores(test.rows()), test.labels());
    assertTrue(auroc > 0.95 && auroc < 0.99, "held-out AUROC " + auroc);

    // Threshold on 5000 benign samples at 1% FPR; then the FPR on 20000 fresh ones. The
    // calibration sample's own rate is at most 1% by construction; the fresh rate is 1% up to
    // sampling error (standard deviation about 0.15 percentage points from the calibration set).
    ActivationSet benign = gaussians(random, truth, 5000, 0, 3.0, 1);
    double[] benignScores = unthresholded.scores(benign.rows());
    double threshold = Calibration.threshold(benignScores, 0.01);
    assertTrue(Calibration.fractionAbove(benignScores, threshold) <= 0.01);
    ActivationSet fresh = gaussians(random, truth, 20000, 0, 3.0, 1);
    double freshFpr = Calibration.fractionAbove(probe(fit, threshold).scores(fresh.rows()), threshold);
    assertTrue(freshFpr > 0.005 && freshFpr < 0.015, "FPR on fresh benign samples " + freshFpr);
  }

  @Test
  void balancingKeepsARareClassDetectable() {
    Random random = new Random(11);
    float[] truth = unitDirection(random);
    ActivationSet train = gaussians(random, truth, 4000, 0.03, 2.5, 1);
    ActivationSet test = gaussians(random, truth, 8000, 0.1, 2.5, 1);
    LogisticProbe.Fit balanced = LogisticProbe.fit(train, DEFAULTS, (i, loss, g) -> { });
    LogisticProbe.Fit plain = LogisticProbe.fit(train, new LogisticProbe.Options(1e-3, 500, false), (i, loss, g) -> { });
    double aurocBalanced = ProbeMetrics.auroc(probe(balanced, 1).scores(test.rows()), test.labels());
    assertTrue(aurocBalanced > 0.9, "balanced AUROC " + aurocBalanced);
    // Unbalanced, the bias sits near the base rate: mean positive score far lower than balanced.
    double meanBalanced = mean(probe(balanced, 1).scores(ProbeMetricsSubset.positives(test)));
    double meanPlain = mean(probe(plain, 1).scores(ProbeMetricsSubset.positives(test)));
    assertTrue(meanBalanced > meanPlain + 0.2, "balanced " + meanBalanced + " vs plain " + meanPlain);
  }

  @Test
  void theSameL2MeansTheSameAtAnyActivationScale() {
    // The penalty is relative to the activations' variance: scaling every activation by 1000 scales
    // w by 1/1000 and leaves every score where it was.
    float[] truth = unitDirection(new Random(3));
    ActivationSet small = gaussians(new Random(5), truth, 1000, 0.5, 1.0, 1);
    ActivationSet large = gaussians(new Random(5), truth, 1000, 0.5, 1.0, 1000);
    LogisticProbe.Options strong = new LogisticProbe.Options(0.1, 500, true); // so the penalty matters
    double[] a = probe(LogisticProbe.fit(small, strong, (i, loss, g) -> { }), 1).scores(small.rows());
    double[] b = probe(LogisticProbe.fit(large, strong, (i, loss, g) -> { }), 1).scores(large.rows());
    assertArrayEquals(a, b, 1e-4);
  }

  @Test
  void fitsAreDeterministic() {
    Random random = new Random(9);
    float[] truth = unitDirection(random);
    ActivationSet train = gaussians(random, truth, 3000, 0.5, 1.0, 1);
    LogisticProbe.Fit a = LogisticProbe.fit(train, DEFAULTS, (i, loss, g) -> { });
    LogisticProbe.Fit b = LogisticProbe.fit(train, DEFAULTS, (i, loss, g) -> { });
    assertArrayEquals(a.direction(), b.direction());
    assertEquals(a.bias(), b.bias(), 0);
  }

  @Test
  void needsBothLabels() {
    ActivationSet allNegative = new ActivationSet(new float[][] {{1, 2}, {3, 4}}, new int[] {0, 0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogisticProbe.fit(allNegative, DEFAULTS, (i, loss, g) -> { }));
    assertTrue(e.getMessage().contains("both labels"), e.getMessage());
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The positive rows of a set. */
  static final class ProbeMetricsSubset {
    static float[][] positives(ActivationSet set) {
      return java.util.stream.IntStream.range(0, set.size()).filter(i -> set.labels()[i] == 1)
          .mapToObj(i -> set.rows()[i]).toArray(float[][]::new);
    }
  }
}
