package dev.featurewatch.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A gauge read at scrape time from a supplier (a queue's size), or set by hand until one is
 * bound. Reading on scrape means the value is never stale and the hot path pays nothing.
 */
final class SuppliedGauge extends Collector {
  private final String name;
  private final String help;
  private volatile DoubleSupplier source = () -> 0;

  SuppliedGauge(String name, String help) {
    this.name = name;
    this.help = help;
  }

  /** Reads {@code supplier} on every scrape from now on. */
  void bind(DoubleSupplier supplier) {
    this.source = supplier;
  }

  /** Fixes the value (until the next {@link #set} or {@link #bind}). */
  void set(double value) {
    this.source = () -> value;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    double value;
    try {
      value = source.getAsDouble();
    } catch (RuntimeException e) {
      value = Double.NaN;
    }
    return List.of(new GaugeMetricFamily(name, help, value));
  }
}
