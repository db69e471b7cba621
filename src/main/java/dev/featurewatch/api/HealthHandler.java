package dev.featurewatch.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: model, SAE, rules and audit are
 * loaded and the server is not draining for shutdown, so a load balancer may send traffic.
 */
final class HealthHandler {
  private final BooleanSupplier ready;

  HealthHandler(BooleanSupplier ready) {
    this.ready = ready;
  }

  void live(RoutingContext ctx) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("status", "live");
    ApiResponses.json(ctx, 200, o);
  }

  void ready(RoutingContext ctx) {
    boolean isReady = ready.getAsBoolean();
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("status", isReady ? "ready" : "not ready");
    ApiResponses.json(ctx, isReady ? 200 : 503, o);
  }
}
