package dev.featurewatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call which route. With a key file, every protected route needs {@code Authorization:
 * Bearer <key>} (401 otherwise, as OpenAI answers) and one of the route's scopes (403); a client
 * over its request allowance gets 429 with {@code Retry-After}. Without a key file the server is
 * open (the anonymous client holds every scope) and says so at start-up. Keys never reach a log.
 */
public final class Authentication {
  private static final String CLIENT = "featurewatch.client";

  private final ClientKeys keys;
  private final RateLimiter limiter;

  /** @param keys the accepted keys, or null for an open server */
  public Authentication(ClientKeys keys, RateLimiter limiter) {
    this.keys = keys;
    this.limiter = limiter;
  }

  /** A handler that lets through only callers holding one of {@code anyOf}. */
  public Handler<RoutingContext> require(Scope... anyOf) {
    Set<Scope> allowed = EnumSet.copyOf(Arrays.asList(anyOf));
    return ctx -> {
      ApiClient client = authorize(ctx, allowed);
      if (client != null) {
        ctx.put(CLIENT, client);
        ctx.next();
      }
    };
  }

  /** Like {@link #require}, and takes one request from the client's allowance (the generation routes). */
  public Handler<RoutingContext> requireAndAdmit(Scope... anyOf) {
    Set<Scope> allowed = EnumSet.copyOf(Arrays.asList(anyOf));
    return ctx -> {
      ApiClient client = authorize(ctx, allowed);
      if (client == null) {
        return;
      }
      int wait = limiter.admit(client);
      if (wait > 0) {
        ApiResponses.error(ctx, OpenAiError.rateLimited("client '" + client.name() + "' is over its rate limit; retry after "
            + wait + " s", wait));
        return;
      }
      ctx.put(CLIENT, client);
      ctx.next();
    };
  }

  /** The caller if it holds one of the scopes; otherwise null, with the 401 or 403 written. */
  private ApiClient authorize(RoutingContext ctx, Set<Scope> allowed) {
    ApiClient client = keys == null ? ApiClient.ANONYMOUS : fromHeader(ctx);
    if (client == null) {
      ApiResponses.error(ctx, new OpenAiError(401, "invalid_request_error", null, "invalid_api_key",
          "Incorrect or missing API key: send 'Authorization: Bearer <key>'"));
      return null;
    }
    if (allowed.stream().noneMatch(client::may)) {
      ApiResponses.error(ctx, new OpenAiError(403, "permission_error", null, "insufficient_scope",
          "this key may not do that: it needs one of the scopes " + allowed.stream().map(Scope::label).toList()));
      return null;
    }
    return client;
  }

  private ApiClient fromHeader(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return keys.client(header.substring(7).strip()).orElse(null);
  }

  /** The authenticated caller of a request that passed {@link #require}; the anonymous client otherwise. */
  public static ApiClient client(RoutingContext ctx) {
    ApiClient c = ctx.get(CLIENT);
    return c == null ? ApiClient.ANONYMOUS : c;
  }

  /** Charges an exchange's tokens to its caller's allowance. */
  public void charge(ApiClient client, long tokens) {
    limiter.charge(client, tokens);
  }
}
