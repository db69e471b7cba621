package dev.featurewatch.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.rules.RuleHit;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Live traffic: every finished exchange, summarised (who, when, which rules fired, what was
 * done, the start of the answer), published on the event bus and streamed to whoever listens at
 * {@code GET /v1/traffic/stream} as server-sent events. A listener that reads slowly loses events
 * rather than holding the server back.
 */
public final class TrafficFeed implements ExchangeObserver {
  static final String ADDRESS = "featurewatch.traffic";
  private static final int SNIPPET = 160;
  private static final long KEEP_ALIVE_MILLIS = 30_000;

  private final Vertx vertx;

  public TrafficFeed(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void onFinished(Exchange exchange) {
    vertx.eventBus().publish(ADDRESS, ApiResponses.bytes(summary(exchange)).toString());
  }

  /** The summary of one exchange, as the stream sends it. */
  static ObjectNode summary(Exchange exchange) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", exchange.id());
    o.put("time", exchange.arrived().toString());
    o.put("client", exchange.client());
    o.put("route", exchange.route());
    o.put("status", exchange.status());
    GuardedGeneration g = exchange.result();
    Set<String> rules = new LinkedHashSet<>();
    Set<String> actions = new LinkedHashSet<>();
    Set<String> shadow = new LinkedHashSet<>();
    if (g != null) {
      o.put("finish_reason", g.finishReason().name().toLowerCase(Locale.ROOT));
      for (RuleHit h : g.hits()) {
        rules.add(h.ruleId());
        (h.isEnforced() ? actions : shadow).add(h.action().name().toLowerCase(Locale.ROOT));
      }
      String text = g.text() + CompletionJson.blockNotice(g);
      o.put("snippet", text.length() > SNIPPET ? text.substring(0, SNIPPET) : text);
    } else if (exchange.error() != null) {
      o.put("error", exchange.error().getMessage());
    }
    ArrayNode r = o.putArray("rules");
    rules.forEach(r::add);
    ArrayNode a = o.putArray("actions");
    actions.forEach(a::add);
    ArrayNode s = o.putArray("shadow_actions");
    shadow.forEach(s::add);
    return o;
  }

  /** {@code GET /v1/traffic/stream}: one {@code data:} event per finished exchange, until the client leaves. */
  void stream(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    response.write(": featurewatch live traffic\n\n");
    MessageConsumer<String> consumer = vertx.eventBus().consumer(ADDRESS, message -> {
      if (!response.writeQueueFull()) {
        response.write("data: " + message.body() + "\n\n");
      }
    });
    // A comment now and then, so idle timeouts and proxies do not take a quiet stream for a dead one.
    long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, id -> response.write(": keep-alive\n\n"));
    response.closeHandler(v -> {
      consumer.unregister();
      vertx.cancelTimer(keepAlive);
    });
  }
}
