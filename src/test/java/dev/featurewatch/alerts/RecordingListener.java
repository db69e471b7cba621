package dev.featurewatch.alerts;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the dispatcher reports. */
final class RecordingListener implements AlertDeliveryListener {
  final AtomicInteger delivered = new AtomicInteger();
  final AtomicInteger retried = new AtomicInteger();
  final AtomicInteger discarded = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();
  volatile int spoolSize;

  @Override
  public void delivered(String sink, int alerts) {
    delivered.addAndGet(alerts);
  }

  @Override
  public void failed(String sink, int alerts, boolean willRetry) {
    (willRetry ? retried : discarded).addAndGet(alerts);
  }

  @Override
  public void dropped(String sink, int alerts) {
    dropped.addAndGet(alerts);
  }

  @Override
  public void spoolSizeChanged(int size) {
    spoolSize = size;
  }

  @Override
  public String toString() {
    return "[delivered " + delivered + ", retried " + retried + ", discarded " + discarded + ", dropped " + dropped
        + ", spool " + spoolSize + "]";
  }
}
