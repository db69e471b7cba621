package dev.featurewatch.metrics;

import dev.featurewatch.alerts.AlertDeliveryListener;
import dev.featurewatch.rules.RuleHit;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.function.IntSupplier;

/**
 * Everything the server measures, behind methods named for what happened, and the scrape that
 * exposes it at {@code /metrics}. It owns its own {@link CollectorRegistry} (JVM metrics included),
 * so servers and tests in one JVM never share series.
 *
 * <p>Label cardinality is bounded by construction: no label value ever comes from a request.
 * Routes, rule ids and feature ids are accepted only once registered ({@link #setKnownRoutes},
 * {@link #setKnownRules}, {@link #setKnownFeatures}); anything else is counted under
 * {@code other} (routes, rules) or not given a series (features). Methods, status codes, actions
 * and modes are closed sets. All methods are thread-safe and cheap enough for the token loop.
 */
public final class ServerMetrics {
  /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

  private final CollectorRegistry registry = new CollectorRegistry(true);
  private final HttpMetrics http = new HttpMetrics(registry);
  private final GenerationMetrics generation = new GenerationMetrics(registry);
  private final RuleMetrics rules = new RuleMetrics(registry);
  private final AuditMetrics audit = new AuditMetrics(registry);
  private final AlertMetrics alerts = new AlertMetrics(registry);

  public ServerMetrics() {
    DefaultExports.register(registry);
  }

  /** The registry, for collectors the server adds itself. */
  public CollectorRegistry registry() {
    return registry;
  }

  /** Every metric in Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). */
  public String scrape() {
    StringWriter out = new StringWriter(16 * 1024);
    try {
      TextFormat.write004(out, registry.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return out.toString();
  }

  // --- registration of the bounded label sets ---

  /** The route templates the router mounts ({@code /v1/rules/:id}); others count as {@code other}. */
  public void setKnownRoutes(Collection<String> routeTemplates) {
    http.setKnownRoutes(routeTemplates);
  }

  /** The ids of the loaded rules; call on every (re)load. Unknown ids count as {@code rule="other"}. */
  public void setKnownRules(Collection<String> ruleIds) {
    rules.setKnownRules(ruleIds);
  }

  /** The feature ids the loaded rules name; call on every (re)load. Only these get a series. */
  public void setKnownFeatures(Collection<Integer> featureIds) {
    rules.setKnownFeatures(featureIds);
  }

  // --- HTTP ---

  /** One answered request: the route TEMPLATE, never the raw path. */
  public void recordHttpRequest(String routeTemplate, String method, int status, Duration elapsed) {
    http.record(routeTemplate, method, status, elapsed);
  }

  /** A request turned away with 429 (queue full). */
  public void countRejectedRequest() {
    http.countRejected();
  }

  // --- generation ---

  public void recordTimeToFirstToken(Duration elapsed) {
    generation.recordTimeToFirstToken(elapsed);
  }

  /** The time between two consecutive output tokens. */
  public void recordTimePerOutputToken(Duration elapsed) {
    generation.recordTimePerOutputToken(elapsed);
  }

  public void countPromptTokens(long tokens) {
    generation.countPromptTokens(tokens);
  }

  public void countCompletionTokens(long tokens) {
    generation.countCompletionTokens(tokens);
  }

  /** Reads the queue depth from {@code depth} on every scrape. */
  public void bindQueueDepth(IntSupplier depth) {
    generation.queueDepth().bind(depth::getAsInt);
  }

  /** Sets the queue depth (when the server prefers pushing it to {@link #bindQueueDepth}). */
  public void setQueueDepth(int depth) {
    generation.queueDepth().set(depth);
  }

  /** How many requests the queue holds before it refuses (saturation = depth / capacity). */
  public void setQueueCapacity(int capacity) {
    generation.setQueueCapacity(capacity);
  }

  public void generationStarted() {
    generation.generationStarted();
  }

  /** Call exactly once per {@link #generationStarted()}, however the generation ended. */
  public void generationFinished() {
    generation.generationFinished();
  }

  // --- rules and monitoring ---

  /** A rule hit: counted by rule, action and mode; enforced blocks and steers also on their own. */
  public void recordRuleHit(RuleHit hit) {
    rules.recordHit(hit);
  }

  /** The monitor could not read a token (SAE encode failed, probe score missing). */
  public void countMonitorFailure() {
    countMonitorFailures(1);
  }

  /** The monitor could not read {@code tokens} tokens. */
  public void countMonitorFailures(long tokens) {
    rules.countMonitorFailures(tokens);
  }

  /** Tokens the monitor read (the denominator of feature activation rates). */
  public void countMonitoredTokens(long tokens) {
    rules.countMonitoredTokens(tokens);
  }

  /** Tokens on which {@code featureId} was active; ignored unless registered. */
  public void countFeatureActiveTokens(int featureId, long tokens) {
    rules.countFeatureActiveTokens(featureId, tokens);
  }

  // --- audit ---

  /** One audit record written durably in {@code elapsed}. */
  public void recordAuditWrite(Duration elapsed) {
    audit.recordWrite(elapsed);
  }

  public void countAuditWriteFailure() {
    audit.countWriteFailure();
  }

  // --- alerts ---

  /** The listener to give the alert dispatcher: sent, failed, dropped and spool size. */
  public AlertDeliveryListener alertDeliveryListener() {
    return alerts;
  }
}
