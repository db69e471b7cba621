package dev.featurewatch.server;

import dev.featurewatch.alerts.Alert;
import dev.featurewatch.alerts.AlertDispatcher;
import dev.featurewatch.rules.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Alerts when the audit log cannot write (a full disk, a failing device), at most once per
 * interval however many writes fail: with {@code audit.on_failure: closed} no answer leaves until it
 * is fixed, so someone must hear of it at once. The metric counts every failure.
 */
final class AuditFailureAlerts {
  static final String RULE = "audit-write-failure";

  private final AlertDispatcher dispatcher;
  private final Duration interval;
  private Instant lastSent;

  AuditFailureAlerts(AlertDispatcher dispatcher, Duration interval) {
    this.dispatcher = dispatcher;
    this.interval = interval;
  }

  synchronized void failed(Throwable error) {
    Instant now = Instant.now();
    if (lastSent != null && now.isBefore(lastSent.plus(interval))) {
      return;
    }
    lastSent = now;
    dispatcher.submit(new Alert(RULE, Severity.CRITICAL, null, "FeatureWatch cannot write its audit log",
        String.valueOf(error.getMessage()), null, null, now, null, Map.of("component", "audit")));
  }
}
