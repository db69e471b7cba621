package dev.featurewatch.alerts;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One destination for alerts. {@link AlertDispatcher} calls {@link #deliver} from its sender
 * thread with at most one batch outstanding per sink, so a sink needs no ordering of its own.
 */
public interface AlertSink {

  /** A short fixed name of the kind of sink ({@code alertmanager}, {@code webhook}): a metric label. */
  String kind();

  /** The most alerts {@link #deliver} accepts at once. */
  int maxBatchSize();

  /**
   * Starts delivering {@code alerts} (in order, at most {@link #maxBatchSize()}); the future
   * completes with the outcome and never exceptionally. Must not block.
   */
  CompletableFuture<DeliveryResult> deliver(List<Alert> alerts);
}
