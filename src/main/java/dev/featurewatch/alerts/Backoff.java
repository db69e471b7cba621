package dev.featurewatch.alerts;

import java.time.Duration;

/** Exponential backoff: the initial delay, doubled after each failure up to a maximum. */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = initialNanos;
  }

  /** The delay before the next attempt; the one after it will be twice as long (capped). */
  long nextDelayNanos() {
    long delay = nextNanos;
    nextNanos = delay > maxNanos / 2 ? maxNanos : delay * 2;
    return delay;
  }

  void reset() {
    nextNanos = initialNanos;
  }
}
