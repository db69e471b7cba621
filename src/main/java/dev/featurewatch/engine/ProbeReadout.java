package dev.featurewatch.engine;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.BatchableHook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.probe.LogisticProbe;
import dev.featurewatch.probe.Pooling;
import dev.featurewatch.probe.Probe;
import java.util.List;

/**
 * Scores every token of one request with a probe, as the probe was trained to be read: a
 * mean-pooled probe scores the conversation so far (sigmoid of the running mean logit, which equals
 * scoring the mean activation because the probe is linear); others score the token itself. The BOS
 * row scores 0: it carries nothing to judge, and a probe never saw it in training. A failure gives
 * NaN scores for the pass (rules then follow their {@code on_monitor_failure}).
 */
final class ProbeReadout implements BatchableHook {
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
      for (int i = 0; i < rows; i++) {
        scores[i] = score(flat, i * width, width, context.startPosition() + i, context.tokenIds()[i]);
      }
    } catch (RuntimeException e) {
      java.util.Arrays.fill(scores, Double.NaN);
    }
    return activation;
  }

  @Override
  public Object batchKey() {
    return probe;
  }

  /** One copy of every request's row out of the device; each request's running mean stays its own. */
  @Override
  public NDArray applyTogether(List<BatchableHook> hooks, HookPoint point, NDArray rows, HookContext[] contexts) {
    float[] flat;
    try {
      flat = rows.toFloatArray();
    } catch (RuntimeException e) {
      hooks.forEach(h -> ((ProbeReadout) h).scores = new double[] {Double.NaN});
      return rows;
    }
    int width = (int) rows.getShape().get(1);
    for (int i = 0; i < hooks.size(); i++) {
      ProbeReadout r = (ProbeReadout) hooks.get(i);
      try {
        r.scores = new double[] {r.score(flat, i * width, width, contexts[i].startPosition(), contexts[i].tokenIds()[0])};
      } catch (RuntimeException e) {
        r.scores = new double[] {Double.NaN};
      }
    }
    return rows;
  }

  /** The score of one row, as the probe was trained to be read (see the class comment). */
  private double score(float[] flat, int offset, int width, int position, int tokenId) {
    if (position == 0 && tokenId == bosTokenId) {
      return 0;
    }
    if (width != probe.dIn()) {
      throw new IllegalStateException("the probe reads d_in " + probe.dIn() + " but the activation has " + width);
    }
    double logit = probe.logit(flat, offset);
    if (probe.pool() == Pooling.MEAN) {
      logitSum += logit;
      counted++;
      logit = logitSum / counted;
    }
    return LogisticProbe.sigmoid(logit);
  }

  /** Score of row {@code i} of the latest pass; NaN if the probe failed or did not run. */
  double row(int i) {
    return i < scores.length ? scores[i] : Double.NaN;
  }
}
