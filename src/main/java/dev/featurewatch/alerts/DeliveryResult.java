package dev.featurewatch.alerts;

/**
 * How one delivery attempt ended, and a line saying why (for the log; never a secret).
 *
 * @param outcome delivered, worth retrying, or not worth retrying
 * @param detail e.g. {@code HTTP 503} or the connection error
 */
public record DeliveryResult(Outcome outcome, String detail) {

  public enum Outcome {
    DELIVERED,
    /** The receiver may accept the same request later: 5xx, 429, 408, timeout, connection error. */
    RETRY,
    /** The receiver rejected the request itself (other 4xx, 3xx): sending it again cannot help. */
    PERMANENT_FAILURE
  }

  public static DeliveryResult delivered() {
    return new DeliveryResult(Outcome.DELIVERED, "delivered");
  }

  public static DeliveryResult retry(String detail) {
    return new DeliveryResult(Outcome.RETRY, detail);
  }

  public static DeliveryResult permanentFailure(String detail) {
    return new DeliveryResult(Outcome.PERMANENT_FAILURE, detail);
  }
}
