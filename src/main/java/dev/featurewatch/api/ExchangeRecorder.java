package dev.featurewatch.api;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps the durable record of an exchange: the audit log. Unlike an {@link ExchangeObserver}, the
 * answer waits for it: an answer goes out only once its record is acknowledged (after fsync when
 * the log is synchronous), so no client holds an answer the audit trail lacks.
 */
public interface ExchangeRecorder {
  /** Records nothing (a server without an audit log). */
  ExchangeRecorder NONE = exchange -> CompletableFuture.completedFuture(null);

  /** Completes when the record is durable, or exceptionally when it could not be written. */
  CompletableFuture<Void> record(Exchange exchange);

  /** Whether an answer whose record failed is withheld (fail closed) or sent anyway (fail open). */
  default boolean failClosed() {
    return true;
  }
}
