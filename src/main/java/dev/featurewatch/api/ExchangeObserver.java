package dev.featurewatch.api;

import dev.featurewatch.rules.RuleHit;
import java.util.List;

/**
 * Something that must learn of every exchange: the audit log, the metrics, the alerts. Kept apart
 * from the request path so that a handler only routes and the service only generates.
 */
public interface ExchangeObserver {

  /** The exchange left the queue and its generation starts; on the inference thread. */
  default void onStarted(Exchange exchange) { }

  /** Rules fired; on the inference thread, as they fire. Must not block. */
  default void onHits(Exchange exchange, List<RuleHit> hits) { }

  /** The exchange ended (answered, blocked, failed or cancelled). Must not block. */
  default void onFinished(Exchange exchange) { }
}
