package dev.featurewatch.probe;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.Hook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Hook} that scores every row it sees with a {@link Probe} and passes the activation on
 * unchanged. It keeps one score per row across prefill and decode steps. One hook belongs to one
 * request (it is not thread-safe); make it with {@link Probe#newHook(int)}.
 */
public final class ProbeHook implements Hook {

  /**
   * One scored row.
   *
   * @param position sequence position of the token
   * @param tokenId the token
   * @param logit w·x + b
   * @param score sigmoid(logit)
   */
  public record RowScore(int position, int tokenId, double logit, double score) {}

  private final Probe probe;
  private final int bosTokenId;
  private final List<RowScore> rows = new ArrayList<>();

  ProbeHook(Probe probe, int bosTokenId) {
    this.probe = probe;
    this.bosTokenId = bosTokenId;
  }

  @Override
  public NDArray apply(HookPoint point, NDArray activation, HookContext context) {
    int width = (int) activation.getShape().get(1);
    if (width != probe.dIn()) {
      throw new IllegalStateException("probe reads d_in " + probe.dIn() + " but the activation at " + point + " has " + width);
    }
    float[] flat = activation.toFloatArray();
    float[] row = new float[width];
    for (int i = 0; i < context.length(); i++) {
      System.arraycopy(flat, i * width, row, 0, width);
      double logit = probe.logit(row);
      rows.add(new RowScore(context.startPosition() + i, context.tokenIds()[i], logit, LogisticProbe.sigmoid(logit)));
    }
    return activation;
  }

  /** Every row's score so far, in sequence order (including a BOS row, whose score means nothing). */
  public List<RowScore> rows() {
    return Collections.unmodifiableList(rows);
  }

  /**
   * The score of the sequence so far, read as the probe was trained: for {@link Pooling#LAST} and
   * {@link Pooling#TOKEN} the latest row's score; for {@link Pooling#MEAN} sigmoid of the mean
   * logit over rows after a leading BOS, which equals scoring the mean activation because the probe
   * is linear. NaN before any row that counts.
   */
  public double sequenceScore() {
    int from = !rows.isEmpty() && rows.get(0).position() == 0 && rows.get(0).tokenId() == bosTokenId ? 1 : 0;
    if (rows.size() <= from) {
      return Double.NaN;
    }
    if (probe.pool() != Pooling.MEAN) {
      return rows.get(rows.size() - 1).score();
    }
    double sum = 0;
    for (int i = from; i < rows.size(); i++) {
      sum += rows.get(i).logit();
    }
    return LogisticProbe.sigmoid(sum / (rows.size() - from));
  }

  /** Whether {@link #sequenceScore()} is above the probe's threshold. */
  public boolean isFlagged() {
    double s = sequenceScore();
    return !Double.isNaN(s) && probe.isFlagged(s);
  }
}
