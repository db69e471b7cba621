package dev.featurewatch.api;

import dev.featurewatch.metrics.ServerMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Counts every request by route template (never the raw path: {@code /v1/rules/:id}, not the id),
 * method and status, and times it to the last byte. Runs first on every request.
 */
final class HttpMetricsHandler implements Handler<RoutingContext> {
  private final ServerMetrics metrics;

  HttpMetricsHandler(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(v -> {
      Route route = ctx.currentRoute();
      String template = route == null || route.getPath() == null ? "other" : route.getPath();
      metrics.recordHttpRequest(template, ctx.request().method().name(), ctx.response().getStatusCode(),
          Duration.ofNanos(System.nanoTime() - start));
    });
    ctx.next();
  }

  /** {@code GET /metrics}: the Prometheus text format. */
  static void scrape(ServerMetrics metrics, RoutingContext ctx) {
    ctx.response().putHeader("content-type", ServerMetrics.CONTENT_TYPE).end(metrics.scrape());
  }
}
