package dev.featurewatch.engine;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.Hook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.probe.LogisticProbe;
import dev.featurewatch.probe.Pooling;
import dev.featurewatch.probe.Probe;

/**
 * Scores every token of one request with a probe, as the probe was trained to be read: a
 * mean-pooled probe scores the conversation so far (sigmoid of the running mean logit, which equals
 * scoring the mean activation because the probe is linear); others score the token itself. The BOS
 * row scores 0: it carries nothing to judge, and a probe never saw it in training. A failure gives
 * NaN scores for the pass (rules then follow their {@code on_monitor_failure}).
 */
final class ProbeReadout implements Hook {
  private final Probe probe;
  private final int bosTokenId;
  private double logitSum;
  private int counted;
  private double[] scores = new double[0];

  ProbeReadout(Probe probe, int bosTokenId) {
    this.probe = probe;
    this.bosTokenId = bosTokenId;
  }

  @Override
  public NDArray apply(HookPoint point, NDArray activation, HookContext context) {
    int rows = context.length();
    scores = new double[rows];
    try {
      int width = (int) activation.getShape().get(1);
      float[] flat = activation.toFloatArray();
      float[] row = new float[width];
      for (int i = 0; i < rows; i++) {
        if (context.startPosition() + i == 0 && context.tokenIds()[i] == bosTokenId) {
          scores[i] = 0;
          continue;
        }
        System.arraycopy(flat, i * width, row, 0, width);
        double logit = probe.logit(row);
        if (probe.pool() == Pooling.MEAN) {
          logitSum += logit;
          counted++;
          logit = logitSum / counted;
        }
        scores[i] = LogisticProbe.sigmoid(logit);
      }
    } catch (RuntimeException e) {
      java.util.Arrays.fill(scores, Double.NaN);
    }
    return activation;
  }

  /** Score of row {@code i} of the latest pass; NaN if the probe failed or did not run. */
  double row(int i) {
    return i < scores.length ? scores[i] : Double.NaN;
  }
}
