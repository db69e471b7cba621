package dev.featurewatch.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One sink's spool and delivery state: the alerts waiting, the batch taken for delivery (in flight,
 * or waiting to be retried), and the backoff. One batch at a time, retried before anything newer,
 * is what keeps the sink's order. Not thread-safe: {@link AlertDispatcher} holds its lock.
 */
final class SinkLane {
  private final AlertSink sink;
  private final int capacity;
  private final int maxBatchSize;
  private final Backoff backoff;
  private final ArrayDeque<Alert> waiting = new ArrayDeque<>();
  /** The oldest alerts, taken for delivery; kept until delivered or given up. */
  private final ArrayList<Alert> batch = new ArrayList<>();
  private boolean inFlight;
  private long notBeforeNanos;
  private int failuresInARow;

  SinkLane(AlertSink sink, int capacity, Backoff backoff) {
    this.sink = sink;
    this.capacity = capacity;
    this.maxBatchSize = Math.max(1, sink.maxBatchSize());
    this.backoff = backoff;
  }

  AlertSink sink() {
    return sink;
  }

  /** Spooled alerts: waiting plus the batch. */
  int size() {
    return waiting.size() + batch.size();
  }

  /**
   * Spools {@code alert}; over capacity, drops the oldest alert not in flight (an alert being sent
   * cannot be recalled). Returns how many were dropped.
   */
  int add(Alert alert) {
    waiting.addLast(alert);
    int dropped = 0;
    while (size() > capacity && dropOldest()) {
      dropped++;
    }
    return dropped;
  }

  private boolean dropOldest() {
    if (!inFlight && !batch.isEmpty()) {
      batch.remove(0);
      return true;
    }
    return waiting.pollFirst() != null;
  }

  boolean isReady(long nowNanos) {
    return !inFlight && size() > 0 && nowNanos - notBeforeNanos >= 0;
  }

  /** Nanoseconds until {@link #isReady} (0 when ready), or {@link Long#MAX_VALUE} if only an event can make it ready. */
  long nanosUntilReady(long nowNanos) {
    if (inFlight || size() == 0) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, notBeforeNanos - nowNanos);
  }

  /** Tops the batch up from the waiting alerts, marks it in flight, and returns a copy to send. */
  List<Alert> startAttempt() {
    while (batch.size() < maxBatchSize && !waiting.isEmpty()) {
      batch.add(waiting.pollFirst());
    }
    inFlight = true;
    return List.copyOf(batch);
  }

  /** The batch reached the sink, or was given up: it leaves the spool and the backoff resets. */
  void finishBatch() {
    batch.clear();
    inFlight = false;
    failuresInARow = 0;
    backoff.reset();
  }

  /** The batch stays for another attempt after the backoff; returns the delay in nanoseconds. */
  long retryLater(long nowNanos) {
    inFlight = false;
    failuresInARow++;
    long delay = backoff.nextDelayNanos();
    notBeforeNanos = nowNanos + delay;
    return delay;
  }

  /** Failed attempts since the last success (or give-up). */
  int failuresInARow() {
    return failuresInARow;
  }

  boolean isIdle() {
    return !inFlight && size() == 0;
  }

  /** Empties the spool; returns how many alerts it held. */
  int clear() {
    int n = size();
    waiting.clear();
    batch.clear();
    return n;
  }
}
