package dev.featurewatch.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Who sent a request, for the audit trail and alerts (never for metrics labels: it is the
 * client's own string). Until API keys exist this is the OpenAI {@code user} field when given,
 * else the remote address.
 */
final class ClientIdentity {
  private ClientIdentity() {}

  static String of(RoutingContext ctx, OpenAiRequest request) {
    if (request != null && request.user() != null && !request.user().isBlank()) {
      return "user:" + request.user();
    }
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
