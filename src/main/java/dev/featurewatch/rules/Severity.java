package dev.featurewatch.rules;

/** How urgent a hit is, for alert routing and dashboards (Alertmanager's usual names). */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
