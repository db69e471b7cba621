package dev.featurewatch.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Who sent a request, for the audit trail and alerts (never for metrics labels). With API keys it
 * is the key's client name; on an open server, the OpenAI {@code user} field when given, else the
 * remote address.
 */
final class ClientIdentity {
  private ClientIdentity() {}

  static String of(RoutingContext ctx, OpenAiRequest request) {
    ApiClient caller = Authentication.client(ctx);
    if (!caller.isAnonymous()) {
      return caller.name();
    }
    if (request != null && request.user() != null && !request.user().isBlank()) {
      return "user:" + request.user();
    }
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
