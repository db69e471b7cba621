package dev.featurewatch.server;

import dev.featurewatch.alerts.Alert;
import dev.featurewatch.alerts.AlertDispatcher;
import dev.featurewatch.api.Exchange;
import dev.featurewatch.api.ExchangeObserver;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.RuleHit;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Sends an alert for every enforced hit of an {@code alert} rule, linking the exchange's audit
 * record. Submitting never blocks: the dispatcher spools and retries on its own thread.
 */
final class AlertObserver implements ExchangeObserver {
  private final AlertDispatcher dispatcher;
  private final String publicUrl;

  /** @param publicUrl the server's base URL as people reach it, for the audit links */
  AlertObserver(AlertDispatcher dispatcher, String publicUrl) {
    this.dispatcher = dispatcher;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @Override
  public void onHits(Exchange exchange, List<RuleHit> hits) {
    for (RuleHit hit : hits) {
      if (hit.isEnforced() && hit.action() == ActionKind.ALERT) {
        dispatcher.submit(Alert.forRuleHit(hit, exchange.client(), exchange.id(),
            URI.create(publicUrl + "/v1/audit/" + exchange.id()), Instant.now()));
      }
    }
  }
}
