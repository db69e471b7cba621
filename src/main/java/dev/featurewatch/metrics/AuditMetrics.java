package dev.featurewatch.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.time.Duration;

/** The audit log's health: records written, how long a write takes, and writes that failed. */
final class AuditMetrics {
  private static final double[] WRITE_BUCKETS = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  private final Histogram writeDuration;
  private final Counter records;
  private final Counter writeFailures;

  AuditMetrics(CollectorRegistry registry) {
    writeDuration = Histogram.build("featurewatch_audit_write_duration_seconds",
            "Time to write one audit record durably.")
        .buckets(WRITE_BUCKETS).register(registry);
    records = Counter.build("featurewatch_audit_records_total", "Audit records written.").register(registry);
    writeFailures = Counter.build("featurewatch_audit_write_failures_total", "Audit record writes that failed.")
        .register(registry);
  }

  void recordWrite(Duration elapsed) {
    writeDuration.observe(HttpMetrics.seconds(elapsed));
    records.inc();
  }

  void countWriteFailure() {
    writeFailures.inc();
  }
}
