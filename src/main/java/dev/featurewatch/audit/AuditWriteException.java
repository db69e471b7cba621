package dev.featurewatch.audit;

/**
 * A record could not be made durable: writing or forcing its segment failed, or it could not be
 * serialised. The record may or may not be in the file; it was not acknowledged. The log goes on
 * trying with the records that follow.
 */
public final class AuditWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
