package dev.featurewatch.server;

import dev.featurewatch.api.CompletionJson;
import dev.featurewatch.api.Exchange;
import dev.featurewatch.api.ExchangeRecorder;
import dev.featurewatch.api.ServedModel;
import dev.featurewatch.audit.AuditLatency;
import dev.featurewatch.audit.AuditLog;
import dev.featurewatch.audit.AuditRecord;
import dev.featurewatch.audit.AuditToken;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.TokenActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Writes every exchange to the audit log: the request as sent, the prompt and the answer as sent,
 * every token with all its active features and probe scores, the rule hits and what was enforced,
 * latencies, client and time. Failed requests are recorded too, with their error.
 */
final class AuditRecorder implements ExchangeRecorder {
  private final AuditLog log;
  private final ServedModel served;
  private final boolean failClosed;

  AuditRecorder(AuditLog log, ServedModel served, boolean failClosed) {
    this.log = log;
    this.served = served;
    this.failClosed = failClosed;
  }

  @Override
  public boolean failClosed() {
    return failClosed;
  }

  @Override
  public CompletableFuture<Void> record(Exchange exchange) {
    try {
      return log.append(toRecord(exchange)).thenApply(position -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  AuditRecord toRecord(Exchange exchange) {
    AuditRecord.Builder b = AuditRecord.builder(exchange.id(), exchange.arrived())
        .client(exchange.client())
        .route(exchange.route())
        .model(served.id())
        .status(exchange.status())
        .request(exchange.request().body())
        .promptText(exchange.promptText())
        .steer(exchange.request().steer())
        .probeNames(served.guardrail().probeNames());
    if (exchange.error() != null) {
      b.error(exchange.error().getMessage());
    }
    GuardedGeneration g = exchange.result();
    if (g == null) {
      return b.latency(new AuditLatency(millis(exchange.queueSeconds()), Double.NaN, exchange.secondsSinceArrival() * 1000))
          .build();
    }
    List<AuditToken> tokens = new ArrayList<>(g.activity().size());
    for (TokenActivity a : g.activity()) {
      String text = served.tokenizer().decode(new int[] {a.tokenId()}, false);
      tokens.add(a.monitored() ? new AuditToken(a.position(), a.tokenId(), text, a.source(), a.features(), a.probeScores())
          : new AuditToken(a.position(), a.tokenId(), text, a.source(), null, a.probeScores(), true));
    }
    return b.finishReason(g.finishReason().name().toLowerCase(Locale.ROOT))
        .responseText(g.text() + CompletionJson.blockNotice(g))
        .promptTokens(g.promptTokens().length)
        .completionTokens(g.releasedTokens().length)
        .tokens(tokens)
        .ruleHits(g.hits())
        .latency(new AuditLatency(millis(exchange.queueSeconds()), g.firstTokenNanos() < 0 ? Double.NaN : g.firstTokenNanos() / 1e6,
            exchange.secondsSinceArrival() * 1000))
        .build();
  }

  private static double millis(double seconds) {
    return seconds * 1000;
  }
}
