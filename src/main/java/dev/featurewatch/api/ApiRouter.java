package dev.featurewatch.api;

import static dev.featurewatch.api.Scope.ADMIN;
import static dev.featurewatch.api.Scope.CHAT;
import static dev.featurewatch.api.Scope.READ_AUDIT;

import dev.featurewatch.audit.AuditIndex;
import dev.featurewatch.metrics.ServerMetrics;
import dev.featurewatch.rules.RuleRepository;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The HTTP surface: which route goes to which handler, and OpenAI error objects for everything
 * that fails before a handler answers (unknown route, wrong method, body too large, a handler
 * that threw). Handlers only route; the work is in the services they are given.
 */
public final class ApiRouter {
  private ApiRouter() {}

  /**
   * What the routes need.
   *
   * @param service completions and inspection
   * @param rules the rules folder
   * @param workers an unordered worker pool for file and index work
   * @param timeout per-request generation time limit
   * @param bodyLimitBytes the largest request body accepted
   * @param ready whether the server takes traffic
   * @param metrics the Prometheus metrics
   * @param audit the audit index
   * @param inFlight counts responses not yet ended, for a graceful shutdown
   * @param traffic the live feed of finished exchanges
   * @param auth who may call which route (health, metrics and the dashboard's files are open)
   * @param corsOrigins web origins allowed to call the API from a browser; empty: none (CORS closed)
   */
  public record Parts(CompletionService service, RuleRepository rules, WorkerExecutor workers, Duration timeout,
      long bodyLimitBytes, BooleanSupplier ready, ServerMetrics metrics, AuditIndex audit, InFlightRequests inFlight,
      TrafficFeed traffic, Authentication auth, List<String> corsOrigins) {}

  public static Router create(Vertx vertx, Parts parts) {
    Router router = Router.router(vertx);
    Authentication auth = parts.auth();
    if (!parts.corsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create().addOrigins(parts.corsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
          .allowedHeaders(Set.of("authorization", "content-type")));
    }
    CompletionJson json = new CompletionJson(parts.service().served());
    // Before the in-flight count: a live stream lasts as long as its watcher, and shutdown ends it.
    router.get("/v1/traffic/stream").handler(auth.require(READ_AUDIT)).handler(parts.traffic()::stream);
    router.route().handler(parts.inFlight());
    router.route().handler(new HttpMetricsHandler(parts.metrics()));
    // Rule bodies are YAML, read raw; every other body is JSON.
    RawBodyHandler yamlBody = new RawBodyHandler(parts.bodyLimitBytes());
    router.put("/v1/rules/:id").handler(yamlBody);
    router.post("/v1/rules/validate").handler(yamlBody);
    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(parts.bodyLimitBytes());
    router.route().handler(ctx -> {
      if (ctx.get(RawBodyHandler.BODY) != null) {
        ctx.next();
      } else {
        jsonBody.handle(ctx);
      }
    });

    router.post("/v1/chat/completions").handler(auth.requireAndAdmit(CHAT))
        .handler(new CompletionsHandler(parts.service(), json, true, parts.timeout()));
    router.post("/v1/completions").handler(auth.requireAndAdmit(CHAT))
        .handler(new CompletionsHandler(parts.service(), json, false, parts.timeout()));
    ModelsHandler models = new ModelsHandler(parts.service().served());
    router.get("/v1/models").handler(auth.require(CHAT)).handler(models::list);
    router.get("/v1/models/:model").handler(auth.require(CHAT)).handler(models::get);

    RulesHandler rules = new RulesHandler(parts.rules(), parts.workers());
    router.get("/v1/rules").handler(auth.require(ADMIN)).handler(rules::list);
    router.post("/v1/rules/validate").handler(auth.require(ADMIN)).handler(rules::validate);
    router.get("/v1/rules/:id").handler(auth.require(ADMIN)).handler(rules::get);
    router.put("/v1/rules/:id").handler(auth.require(ADMIN)).handler(rules::put);
    router.delete("/v1/rules/:id").handler(auth.require(ADMIN)).handler(rules::delete);

    FeaturesHandler features = new FeaturesHandler(parts.service(), json, parts.rules()::current, parts.workers(),
        parts.timeout());
    router.get("/v1/features/search").handler(auth.require(CHAT)).handler(features::search);
    router.post("/v1/features/inspect").handler(auth.requireAndAdmit(CHAT)).handler(features::inspect);
    router.get("/v1/features/:id").handler(auth.require(CHAT)).handler(features::get);

    HealthHandler health = new HealthHandler(parts.ready());
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/metrics").handler(ctx -> HttpMetricsHandler.scrape(parts.metrics(), ctx));
    AuditHandler audit = new AuditHandler(parts.audit(), parts.rules(), parts.workers());
    router.get("/v1/audit").handler(auth.require(CHAT, READ_AUDIT)).handler(audit::search);
    router.post("/v1/audit/replay").handler(auth.require(ADMIN)).handler(audit::replay);
    router.get("/v1/audit/:id").handler(auth.require(CHAT, READ_AUDIT)).handler(audit::get);
    // The dashboard (static files in the jar); unknown paths fall through to the 404 below.
    // Only outside the API's paths, so a wrong method on an API route is still a 405, not a missing file.
    router.routeWithRegex(HttpMethod.GET, "^/(?!v1/|health/|metrics$).*").handler(StaticHandler.create("dashboard")
        .setCachingEnabled(false));
    parts.metrics().setKnownRoutes(router.getRoutes().stream().map(r -> r.getPath()).filter(java.util.Objects::nonNull)
        .distinct().toList());

    // A client that hangs up mid-body fails its route; there is no one to answer and nothing to log.
    router.route().failureHandler(ctx -> {
      if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
        return;
      }
      ctx.next();
    });
    router.errorHandler(404, ctx -> ApiResponses.error(ctx, OpenAiError.notFound(
        "no route " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> ApiResponses.error(ctx, new OpenAiError(405, "invalid_request_error", null,
        "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path())));
    router.errorHandler(413, ctx -> ApiResponses.error(ctx, new OpenAiError(413, "invalid_request_error", null,
        "request_too_large", "the request body is larger than " + parts.bodyLimitBytes() + " bytes")));
    router.errorHandler(400, ctx -> ApiResponses.error(ctx, OpenAiError.invalid(null, "the request could not be read")));
    router.errorHandler(500, internalError());
    return router;
  }

  private static Handler<RoutingContext> internalError() {
    return ctx -> ApiResponses.failure(ctx, ctx.failure() == null ? new IllegalStateException("unknown failure") : ctx.failure());
  }
}
