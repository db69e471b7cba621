package dev.featurewatch.alerts;

/**
 * What {@link AlertDispatcher} reports about delivery, for metrics; it keeps this package free of
 * any metrics library. Calls come from the dispatcher's threads and must return quickly; an
 * exception thrown here is logged and ignored.
 */
public interface AlertDeliveryListener {

  /** Reports nothing. */
  AlertDeliveryListener NONE = new AlertDeliveryListener() {};

  /** {@code alerts} alerts reached a sink of kind {@code sink}. */
  default void delivered(String sink, int alerts) {}

  /**
   * A delivery attempt of {@code alerts} alerts failed; {@code willRetry} false means they were
   * given up (a permanent failure such as HTTP 400).
   */
  default void failed(String sink, int alerts, boolean willRetry) {}

  /** {@code alerts} alerts were thrown away undelivered: spool overflow, or still spooled at close. */
  default void dropped(String sink, int alerts) {}

  /** The number of alerts spooled over all sinks (waiting or being delivered) is now {@code size}. */
  default void spoolSizeChanged(int size) {}
}
