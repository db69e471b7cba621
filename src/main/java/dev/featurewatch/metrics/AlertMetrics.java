package dev.featurewatch.metrics;

import dev.featurewatch.alerts.AlertDeliveryListener;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import java.util.Set;

/**
 * Alert delivery, as the alert dispatcher reports it through {@link AlertDeliveryListener}: this
 * side depends on the alerts package, never the other way round.
 */
final class AlertMetrics implements AlertDeliveryListener {
  private static final Set<String> KNOWN_SINKS = Set.of("alertmanager", "webhook");
  private static final KnownLabelValues SINKS = new KnownLabelValues(KNOWN_SINKS);

  private final Counter sent;
  private final Counter failed;
  private final Counter dropped;
  private final Gauge spoolSize;

  AlertMetrics(CollectorRegistry registry) {
    sent = Counter.build("featurewatch_alerts_sent_total", "Alerts delivered, by sink kind.")
        .labelNames("sink").register(registry);
    failed = Counter.build("featurewatch_alerts_failed_total",
            "Alerts in failed delivery attempts, by sink kind; outcome=retry (sent again later) or discarded (rejected).")
        .labelNames("sink", "outcome").register(registry);
    dropped = Counter.build("featurewatch_alerts_dropped_total",
            "Alerts thrown away undelivered: spool overflow (oldest first) or still spooled at shutdown.")
        .labelNames("sink").register(registry);
    spoolSize = Gauge.build("featurewatch_alert_spool_size", "Alerts waiting for delivery, over all sinks.")
        .register(registry);
    // Every sink's series from the start, at 0: alerting rules on increase() then see the first failure.
    for (String sink : KNOWN_SINKS) {
      sent.labels(sink);
      dropped.labels(sink);
      failed.labels(sink, "retry");
      failed.labels(sink, "discarded");
    }
  }

  @Override
  public void delivered(String sink, int alerts) {
    sent.labels(SINKS.labelFor(sink)).inc(alerts);
  }

  @Override
  public void failed(String sink, int alerts, boolean willRetry) {
    failed.labels(SINKS.labelFor(sink), willRetry ? "retry" : "discarded").inc(alerts);
  }

  @Override
  public void dropped(String sink, int alerts) {
    dropped.labels(SINKS.labelFor(sink)).inc(alerts);
  }

  @Override
  public void spoolSizeChanged(int size) {
    spoolSize.set(size);
  }
}
