package dev.featurewatch.audit;

/**
 * How long one exchange took, in milliseconds; NaN where not known (written as JSON null).
 *
 * @param queueMs waiting for admission, from arrival to the start of prefill
 * @param firstTokenMs from arrival to the first output token sent
 * @param totalMs from arrival to the last byte of the response
 */
public record AuditLatency(double queueMs, double firstTokenMs, double totalMs) {
  /** Nothing measured. */
  public static final AuditLatency UNKNOWN = new AuditLatency(Double.NaN, Double.NaN, Double.NaN);
}
