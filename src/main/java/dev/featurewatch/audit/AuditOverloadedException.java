package dev.featurewatch.audit;

/**
 * The audit log's queue is full: the writer is behind (a slow or stalled disk), and the record was
 * refused at once rather than letting the caller wait. The caller decides whether the exchange
 * may go on unrecorded (fail open) or must be refused (fail closed).
 */
public final class AuditOverloadedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AuditOverloadedException(int capacity) {
    super("audit log overloaded: " + capacity + " records are already waiting to be written; this one was not recorded");
  }
}
