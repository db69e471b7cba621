package dev.featurewatch.server;

import dev.featurewatch.alerts.AlertConfig;
import dev.featurewatch.alerts.AlertDispatcher;
import dev.featurewatch.api.ApiRouter;
import dev.featurewatch.api.Authentication;
import dev.featurewatch.api.ClientKeys;
import dev.featurewatch.api.RateLimiter;
import dev.featurewatch.api.TokenAllowance;
import dev.featurewatch.api.CompletionService;
import dev.featurewatch.api.ExchangeObserver;
import dev.featurewatch.api.InFlightRequests;
import dev.featurewatch.api.ServedModel;
import dev.featurewatch.api.TrafficFeed;
import dev.featurewatch.audit.AuditIndex;
import dev.featurewatch.audit.AuditLog;
import dev.featurewatch.engine.InferenceScheduler;
import dev.featurewatch.metrics.ServerMetrics;
import dev.featurewatch.rules.ReloadResult;
import dev.featurewatch.rules.RuleCompiler;
import dev.featurewatch.rules.RuleDirectoryWatcher;
import dev.featurewatch.rules.RuleRepository;
import dev.featurewatch.rules.RuleValidationException;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@code serve} process: loads model, SAE, probes, dictionary and rules, then listens. Closing
 * it stops taking requests (readiness goes false first), lets the generations in flight finish
 * within the grace period, and then releases everything.
 */
public final class FeatureWatchServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer http;
  private final ServedModel served;
  private final RuleRepository rules;
  private final RuleDirectoryWatcher watcher;
  private final InferenceScheduler scheduler;
  private final WorkerExecutor workers;
  private final AtomicBoolean ready;
  private final Duration grace;
  private final AlertDispatcher alerts;
  private final AuditLog auditLog;
  private final AuditIndex auditIndex;
  private final InFlightRequests inFlight;

  private FeatureWatchServer(Vertx vertx, HttpServer http, ServedModel served, RuleRepository rules,
      RuleDirectoryWatcher watcher, InferenceScheduler scheduler, WorkerExecutor workers, AtomicBoolean ready, Duration grace,
      AlertDispatcher alerts, AuditLog auditLog, AuditIndex auditIndex, InFlightRequests inFlight) {
    this.alerts = alerts;
    this.inFlight = inFlight;
    this.auditLog = auditLog;
    this.auditIndex = auditIndex;
    this.vertx = vertx;
    this.http = http;
    this.served = served;
    this.rules = rules;
    this.watcher = watcher;
    this.scheduler = scheduler;
    this.workers = workers;
    this.ready = ready;
    this.grace = grace;
  }

  /** Loads everything the config names and starts listening; {@code log} hears what was loaded. */
  public static FeatureWatchServer start(ServerConfig config, Consumer<String> log) throws RuleValidationException {
    return start(config, ServedModelLoader.load(config, log), log);
  }

  /**
   * Serves a model the caller loaded (embedding FeatureWatch, or a test that wraps the model);
   * the config's model settings are not read. The server closes {@code served} when it closes.
   */
  public static FeatureWatchServer start(ServerConfig config, ServedModel served, Consumer<String> log)
      throws RuleValidationException {
    RuleRepository rules = RuleRepository.open(config.path("rules.path"), new RuleCompiler(served.dictionaryIndex(),
        served.guardrail().probeNames(), served.sae().config().dSae()));
    log.accept(String.format("rules from %s: %d loaded (hold back %d)", rules.directory(), rules.current().size(),
        rules.current().holdBack()));
    rules.current().warnings().forEach(w -> log.accept("rule warning: " + w));
    RuleDirectoryWatcher watcher = config.bool("rules.watch")
        ? new RuleDirectoryWatcher(rules, Duration.ofMillis(200), r -> logReload(r, log)) : null;

    int queueCapacity = config.integer("engine.queue", 0, 100_000);
    InferenceScheduler scheduler = new InferenceScheduler(config.integer("engine.threads", 1, 256), queueCapacity);
    Authentication auth = new Authentication(keys(config, log), new RateLimiter());
    Vertx vertx = Vertx.vertx();
    TrafficFeed traffic = new TrafficFeed(vertx);
    ServerMetrics metrics = new ServerMetrics();
    metrics.bindQueueDepth(scheduler::queued);
    metrics.setQueueCapacity(queueCapacity);
    MetricsObserver metricsObserver = new MetricsObserver(metrics, rules::current);
    rules.addListener(metricsObserver::register); // each rule's series exist (at 0) before its first hit
    List<ExchangeObserver> observers = new ArrayList<>();
    observers.add(metricsObserver);
    observers.add(traffic);
    observers.add(new TokenAllowance(auth));
    AlertDispatcher alerts = alerts(config, metrics, log);
    if (alerts.isEnabled()) {
      String publicUrl = config.string("server.public_url") != null ? config.string("server.public_url")
          : "http://" + config.string("server.host") + ":" + config.integer("server.port", 0, 65535);
      observers.add(new AlertObserver(alerts, publicUrl));
    }
    AuditLog auditLog = openAuditLog(config, metrics, alerts, log);
    AuditIndex auditIndex = AuditIndex.open(auditLog, auditLog.directory().resolve("index"), Duration.ofSeconds(10),
        (records, read, total) -> log.accept(String.format("audit index: catching up, %d records (%d of %d bytes)", records,
            read, total)));
    log.accept("audit index: " + auditIndex.size() + " records searchable");
    int maxPrompt = config.string("engine.max_prompt_tokens") == null ? served.contextLength() - 1
        : config.integer("engine.max_prompt_tokens", 1, served.contextLength() - 1);
    CompletionService service = new CompletionService(served, maxPrompt, rules::current, scheduler, observers,
        new AuditRecorder(auditLog, served, config.choice("audit.on_failure", Set.of("closed", "open")).equals("closed")));

    WorkerExecutor workers = vertx.createSharedWorkerExecutor("featurewatch-files", 4);
    AtomicBoolean ready = new AtomicBoolean();
    InFlightRequests inFlight = new InFlightRequests();
    Router router = ApiRouter.create(vertx, new ApiRouter.Parts(service, rules, workers,
        config.seconds("engine.timeout_seconds"), config.integer("server.body_limit_bytes", 1024, 1 << 30), ready::get,
        metrics, auditIndex, inFlight, traffic, auth, corsOrigins(config)));
    HttpServer http = vertx.createHttpServer(httpOptions(config))
        .requestHandler(router)
        .listen()
        .await();
    ready.set(true);
    log.accept(String.format("listening on %s://%s:%d (OpenAI API at /v1, dashboard at /)",
        config.path("server.tls_cert_path") == null ? "http" : "https", config.string("server.host"), http.actualPort()));
    return new FeatureWatchServer(vertx, http, served, rules, watcher, scheduler, workers, ready,
        config.seconds("engine.shutdown_grace_seconds"), alerts, auditLog, auditIndex, inFlight);
  }

  private static HttpServerOptions httpOptions(ServerConfig config) {
    HttpServerOptions options = new HttpServerOptions().setHost(config.string("server.host"))
        .setPort(config.integer("server.port", 0, 65535))
        // A connection silent this long is closed: slow clients cannot hold sockets forever.
        .setIdleTimeout(config.integer("server.idle_timeout_seconds", 1, 86_400));
    Path cert = config.path("server.tls_cert_path");
    Path key = config.path("server.tls_key_path");
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("TLS needs both server.tls_cert_path and server.tls_key_path (PEM files)");
    }
    if (cert != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
    }
    return options;
  }

  private static List<String> corsOrigins(ServerConfig config) {
    String origins = config.string("server.cors_origins");
    return origins == null ? List.of() : Arrays.stream(origins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
  }

  private static ClientKeys keys(ServerConfig config, Consumer<String> log) {
    if (config.path("security.keys_path") == null) {
      log.accept("API keys: none configured: the API is open to anyone who can reach " + config.string("server.host"));
      return null;
    }
    ClientKeys keys = ClientKeys.load(config.path("security.keys_path"));
    log.accept("API keys: " + keys.size() + " clients from " + config.path("security.keys_path"));
    return keys;
  }

  private static AuditLog openAuditLog(ServerConfig config, ServerMetrics metrics, AlertDispatcher alerts, Consumer<String> log) {
    AuditFailureAlerts failureAlerts = new AuditFailureAlerts(alerts, Duration.ofMinutes(1));
    AuditLog.Durability durability = config.choice("audit.durability", Set.of("sync", "async")).equals("sync")
        ? AuditLog.Durability.SYNC : AuditLog.Durability.ASYNC;
    AuditLog auditLog = AuditLog.open(config.path("audit.path"), AuditLog.Options.defaults().withDurability(durability)
        .withListener(new AuditLog.Listener() {
          @Override
          public void onWrite(long nanos) {
            metrics.recordAuditWrite(Duration.ofNanos(nanos));
          }

          @Override
          public void onFailure(Throwable error) {
            metrics.countAuditWriteFailure();
            failureAlerts.failed(error);
          }
        }));
    log.accept(auditLog.recovery() + " (" + config.path("audit.path") + ", durability " + durability.name().toLowerCase() + ")");
    return auditLog;
  }

  private static AlertDispatcher alerts(ServerConfig config, ServerMetrics metrics, Consumer<String> log) {
    AlertConfig alerts = AlertConfig.defaults();
    if (config.string("alerts.alertmanager_url") != null) {
      alerts = alerts.withAlertmanagers(URI.create(config.string("alerts.alertmanager_url")));
    }
    if (config.string("alerts.webhook_url") != null) {
      alerts = alerts.withWebhook(URI.create(config.string("alerts.webhook_url")), config.string("alerts.webhook_token"));
    }
    log.accept(alerts.hasSinks() ? "alerts to " + alerts : "alerts: none configured (alert rules are recorded, not sent)");
    return AlertDispatcher.start(alerts, metrics.alertDeliveryListener());
  }

  private static void logReload(ReloadResult r, Consumer<String> log) {
    if (r.applied()) {
      log.accept("rules reloaded: " + r.serving().size() + " serving");
    } else {
      log.accept("rules NOT reloaded, the previous rules keep serving:");
      r.errors().forEach(e -> log.accept("  " + e));
    }
  }

  public int port() {
    return http.actualPort();
  }

  public ServedModel served() {
    return served;
  }

  public RuleRepository rules() {
    return rules;
  }

  @Override
  public void close() {
    ready.set(false);
    long start = System.nanoTime();
    boolean drained = scheduler.shutdown(grace); // in-flight answers still stream out meanwhile
    try {
      // Their last chunks follow the audit write: wait for the responses to end, not only the generations.
      inFlight.awaitNone(grace.minusNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close().await();
    if (watcher != null) {
      watcher.close();
    }
    workers.close();
    vertx.close().await();
    alerts.close();
    auditIndex.close();
    auditLog.close();
    served.close();
    if (!drained) {
      scheduler.close();
    }
  }
}
