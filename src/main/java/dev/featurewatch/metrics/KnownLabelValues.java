package dev.featurewatch.metrics;

import java.util.Collection;
import java.util.Set;

/**
 * The label values one label may take, replaced whole when the operator's configuration changes
 * (rules reloaded, routes mounted). Anything else maps to {@link #OTHER}: a value from a request
 * can never create a series, so the number of series stays bounded by the configuration.
 */
final class KnownLabelValues {
  /** The label value for anything not registered. */
  static final String OTHER = "other";

  private volatile Set<String> known;

  KnownLabelValues(Collection<String> initial) {
    this.known = Set.copyOf(initial);
  }

  /** Replaces the accepted values; returns the ones no longer accepted. */
  Set<String> replace(Collection<String> values) {
    Set<String> previous = known;
    Set<String> next = Set.copyOf(values);
    known = next;
    return previous.stream().filter(v -> !next.contains(v)).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** {@code value} if registered, else {@link #OTHER}. */
  String labelFor(String value) {
    return value != null && known.contains(value) ? value : OTHER;
  }

  boolean contains(String value) {
    return value != null && known.contains(value);
  }
}
