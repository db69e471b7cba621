package dev.featurewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.alerts.AlertDeliveryListener;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  private final ServerMetrics metrics = new ServerMetrics();

  @Test
  void requestsAreCountedByRouteTemplateMethodAndStatusWithLatency() {
    metrics.setKnownRoutes(List.of("/v1/chat/completions", "/v1/rules/:id"));
    metrics.recordHttpRequest("/v1/rules/:id", "GET", 200, Duration.ofMillis(30));
    metrics.recordHttpRequest("/v1/rules/:id", "get", 200, Duration.ofMillis(70));
    metrics.recordHttpRequest("/v1/rules/:id", "GET", 404, Duration.ofMillis(2));
    metrics.recordHttpRequest("/v1/chat/completions", "POST", 200, Duration.ofSeconds(3));

    Scrape s = new Scrape(metrics.scrape());
    assertEquals("counter", s.types.get("featurewatch_http_requests_total"));
    assertEquals("histogram", s.types.get("featurewatch_http_request_duration_seconds"));
    assertEquals(2, s.value("featurewatch_http_requests_total", "route", "/v1/rules/:id", "method", "GET", "status", "200"));
    assertEquals(1, s.value("featurewatch_http_requests_total", "route", "/v1/rules/:id", "method", "GET", "status", "404"));
    assertEquals(3, s.value("featurewatch_http_request_duration_seconds_count", "route", "/v1/rules/:id", "method", "GET"));
    assertEquals(0.102, s.value("featurewatch_http_request_duration_seconds_sum", "route", "/v1/rules/:id", "method", "GET"), 1e-9);
    assertEquals(1, s.value("featurewatch_http_request_duration_seconds_bucket",
        "route", "/v1/rules/:id", "method", "GET", "le", "0.025"));
    assertEquals(2, s.value("featurewatch_http_request_duration_seconds_bucket",
        "route", "/v1/rules/:id", "method", "GET", "le", "0.05"));
    assertEquals(0, s.value("featurewatch_http_request_duration_seconds_bucket",
        "route", "/v1/chat/completions", "method", "POST", "le", "2.5"));
    assertEquals(1, s.value("featurewatch_http_request_duration_seconds_bucket",
        "route", "/v1/chat/completions", "method", "POST", "le", "5.0"));
  }

  @Test
  void arbitraryStringsCannotCreateSeries() {
    metrics.setKnownRoutes(List.of("/v1/rules/:id"));
    metrics.setKnownRules(List.of("deception"));
    metrics.setKnownFeatures(List.of(7));
    String hostile = "/v1/rules/ignore-previous-instructions\"} 1\nevil";
    long before = ownSamples(new Scrape(metrics.scrape()));

    for (int i = 0; i < 50; i++) {
      metrics.recordHttpRequest(hostile + i, "BREW" + i, 1000 + i, Duration.ofMillis(1));
      metrics.recordRuleHit(hit(hostile + i, ActionKind.FLAG, RuleMode.ENFORCE, HitCause.CONDITION));
      metrics.countFeatureActiveTokens(1000 + i, 1);
    }

    Scrape s = new Scrape(metrics.scrape());
    assertFalse(s.text.contains("ignore-previous-instructions"), "a request string became a label value");
    assertFalse(s.text.contains("BREW"));
    // Everything landed in one 'other' series per metric (plus the counters saying so).
    assertEquals(50, s.value("featurewatch_http_requests_total", "route", "other", "method", "other", "status", "other"));
    assertEquals(50, s.value("featurewatch_rule_hits_total", "rule", "other", "action", "flag", "mode", "enforce"));
    assertEquals(List.of("7"), s.samples("featurewatch_feature_active_tokens_total").stream()
        .map(x -> x.labels().get("feature")).toList());
    assertEquals(50, s.value("featurewatch_unregistered_label_values_total", "label", "rule"));
    assertEquals(50, s.value("featurewatch_unregistered_label_values_total", "label", "feature"));
    long added = ownSamples(s) - before;
    // requests (1 + created) + duration histogram (15 buckets + Inf + count + sum + created)
    // + rule hits (1 + created) + unregistered{rule,feature} (2 + 2 created) = 29.
    assertTrue(added < 40, "50 distinct strings added " + added + " samples");
  }

  /** The server's own samples: JVM series come and go with garbage collections (allocation per pool). */
  private static long ownSamples(Scrape s) {
    return s.samples.stream().filter(x -> x.name().startsWith("featurewatch_")).count();
  }

  @Test
  void ruleHitsAreCountedByRuleActionAndModeWithBlocksAndSteersApart() {
    metrics.setKnownRules(List.of("deception", "golden-gate"));
    metrics.recordRuleHit(hit("deception", ActionKind.BLOCK, RuleMode.ENFORCE, HitCause.CONDITION));
    metrics.recordRuleHit(hit("deception", ActionKind.BLOCK, RuleMode.ENFORCE, HitCause.MONITOR_FAILURE));
    metrics.recordRuleHit(hit("deception", ActionKind.BLOCK, RuleMode.SHADOW, HitCause.CONDITION));
    metrics.recordRuleHit(hit("golden-gate", ActionKind.STEER, RuleMode.ENFORCE, HitCause.CONDITION));
    metrics.recordRuleHit(hit("golden-gate", ActionKind.STEER, RuleMode.SHADOW, HitCause.CONDITION));
    metrics.countMonitorFailure();

    Scrape s = new Scrape(metrics.scrape());
    assertEquals(2, s.value("featurewatch_rule_hits_total", "rule", "deception", "action", "block", "mode", "enforce"));
    assertEquals(1, s.value("featurewatch_rule_hits_total", "rule", "deception", "action", "block", "mode", "shadow"));
    assertEquals(1, s.value("featurewatch_rule_hits_total", "rule", "golden-gate", "action", "steer", "mode", "enforce"));
    assertEquals(1, s.value("featurewatch_blocks_total", "cause", "condition"));
    assertEquals(1, s.value("featurewatch_blocks_total", "cause", "monitor_failure"));
    assertEquals(1, s.value("featurewatch_steers_total"), "shadow steers change nothing");
    assertEquals(1, s.value("featurewatch_monitor_failures_total"));

    metrics.setKnownRules(List.of("golden-gate"));
    Scrape reloaded = new Scrape(metrics.scrape());
    assertTrue(Double.isNaN(reloaded.value("featurewatch_rule_hits_total", "rule", "deception", "action", "block", "mode", "enforce")),
        "a removed rule's series goes");
    assertEquals(1, reloaded.value("featurewatch_rule_hits_total", "rule", "golden-gate", "action", "steer", "mode", "enforce"));
  }

  @Test
  void knownLabelSetsStartAtZeroSoAlertsOnIncreaseSeeTheFirstHit() {
    metrics.setKnownRules(List.of("golden-gate"));
    Scrape s = new Scrape(metrics.scrape());
    for (ActionKind action : ActionKind.values()) {
      for (RuleMode mode : RuleMode.values()) {
        assertEquals(0, s.value("featurewatch_rule_hits_total", "rule", "golden-gate", "action", lower(action),
            "mode", lower(mode)), action + " " + mode);
      }
    }
    assertEquals(0, s.value("featurewatch_blocks_total", "cause", "condition"));
    assertEquals(0, s.value("featurewatch_blocks_total", "cause", "monitor_failure"));
    for (String sink : List.of("alertmanager", "webhook")) {
      assertEquals(0, s.value("featurewatch_alerts_sent_total", "sink", sink));
      assertEquals(0, s.value("featurewatch_alerts_dropped_total", "sink", sink));
      assertEquals(0, s.value("featurewatch_alerts_failed_total", "sink", sink, "outcome", "retry"));
      assertEquals(0, s.value("featurewatch_alerts_failed_total", "sink", sink, "outcome", "discarded"));
    }

    metrics.recordRuleHit(hit("golden-gate", ActionKind.FLAG, RuleMode.ENFORCE, HitCause.CONDITION));
    metrics.setKnownRules(List.of("golden-gate", "deception")); // a reload keeps counts and adds zeros
    Scrape reloaded = new Scrape(metrics.scrape());
    assertEquals(1, reloaded.value("featurewatch_rule_hits_total", "rule", "golden-gate", "action", "flag", "mode", "enforce"));
    assertEquals(0, reloaded.value("featurewatch_rule_hits_total", "rule", "deception", "action", "block", "mode", "enforce"));
    assertTrue(Double.isNaN(reloaded.value("featurewatch_rule_hits_total", "rule", "other", "action", "flag", "mode", "enforce")),
        "no series for rules nobody registered");
  }

  @Test
  void onlyRegisteredFeaturesGetActivationSeriesAndTheyStartAtZero() {
    metrics.setKnownFeatures(List.of(12, 1250));
    metrics.countMonitoredTokens(100);
    metrics.countFeatureActiveTokens(1250, 7);
    metrics.countFeatureActiveTokens(1250, 3);
    metrics.countFeatureActiveTokens(99, 5);

    Scrape s = new Scrape(metrics.scrape());
    assertEquals(100, s.value("featurewatch_monitored_tokens_total"));
    assertEquals(10, s.value("featurewatch_feature_active_tokens_total", "feature", "1250"));
    assertEquals(0, s.value("featurewatch_feature_active_tokens_total", "feature", "12"));
    assertEquals(2, s.samples("featurewatch_feature_active_tokens_total").size());

    metrics.setKnownFeatures(List.of(1250, 99));
    metrics.countFeatureActiveTokens(99, 5);
    Scrape reloaded = new Scrape(metrics.scrape());
    assertEquals(10, reloaded.value("featurewatch_feature_active_tokens_total", "feature", "1250"), "kept across reload");
    assertEquals(5, reloaded.value("featurewatch_feature_active_tokens_total", "feature", "99"));
    assertTrue(Double.isNaN(reloaded.value("featurewatch_feature_active_tokens_total", "feature", "12")));
  }

  @Test
  void generationLatencyTokensQueueAndInFlight() {
    AtomicInteger queue = new AtomicInteger(4);
    metrics.bindQueueDepth(queue::get);
    metrics.recordTimeToFirstToken(Duration.ofMillis(300));
    metrics.recordTimePerOutputToken(Duration.ofMillis(20));
    metrics.recordTimePerOutputToken(Duration.ofMillis(40));
    metrics.countPromptTokens(120);
    metrics.countCompletionTokens(30);
    metrics.countCompletionTokens(2);
    metrics.generationStarted();
    metrics.generationStarted();
    metrics.generationFinished();
    metrics.countRejectedRequest();
    metrics.setQueueCapacity(16);

    Scrape s = new Scrape(metrics.scrape());
    assertEquals(1, s.value("featurewatch_time_to_first_token_seconds_count"));
    assertEquals(0, s.value("featurewatch_time_to_first_token_seconds_bucket", "le", "0.25"));
    assertEquals(1, s.value("featurewatch_time_to_first_token_seconds_bucket", "le", "0.5"));
    assertEquals(2, s.value("featurewatch_time_per_output_token_seconds_count"));
    assertEquals(0.06, s.value("featurewatch_time_per_output_token_seconds_sum"), 1e-9);
    assertEquals(120, s.value("featurewatch_tokens_total", "kind", "prompt"));
    assertEquals(32, s.value("featurewatch_tokens_total", "kind", "completion"));
    assertEquals(4, s.value("featurewatch_queue_depth"));
    assertEquals("gauge", s.types.get("featurewatch_queue_depth"));
    assertEquals(16, s.value("featurewatch_queue_capacity"));
    assertEquals(1, s.value("featurewatch_generations_in_flight"));
    assertEquals(1, s.value("featurewatch_rejected_requests_total"));

    queue.set(9);
    assertEquals(9, new Scrape(metrics.scrape()).value("featurewatch_queue_depth"), "read at scrape time");
    metrics.setQueueDepth(2);
    assertEquals(2, new Scrape(metrics.scrape()).value("featurewatch_queue_depth"));
  }

  @Test
  void auditAndAlertDelivery() {
    metrics.recordAuditWrite(Duration.ofMillis(3));
    metrics.recordAuditWrite(Duration.ofMillis(4));
    metrics.countAuditWriteFailure();
    AlertDeliveryListener alerts = metrics.alertDeliveryListener();
    alerts.delivered("alertmanager", 3);
    alerts.delivered("webhook", 1);
    alerts.failed("alertmanager", 2, true);
    alerts.failed("webhook", 1, false);
    alerts.dropped("alertmanager", 5);
    alerts.spoolSizeChanged(17);
    alerts.delivered("made-up-sink", 1);

    Scrape s = new Scrape(metrics.scrape());
    assertEquals(2, s.value("featurewatch_audit_records_total"));
    assertEquals(2, s.value("featurewatch_audit_write_duration_seconds_count"));
    assertEquals(0, s.value("featurewatch_audit_write_duration_seconds_bucket", "le", "0.0025"), "3 ms and 4 ms are above 2.5 ms");
    assertEquals(2, s.value("featurewatch_audit_write_duration_seconds_bucket", "le", "0.005"));
    assertEquals(1, s.value("featurewatch_audit_write_failures_total"));
    assertEquals(3, s.value("featurewatch_alerts_sent_total", "sink", "alertmanager"));
    assertEquals(1, s.value("featurewatch_alerts_sent_total", "sink", "webhook"));
    assertEquals(1, s.value("featurewatch_alerts_sent_total", "sink", "other"));
    assertEquals(2, s.value("featurewatch_alerts_failed_total", "sink", "alertmanager", "outcome", "retry"));
    assertEquals(1, s.value("featurewatch_alerts_failed_total", "sink", "webhook", "outcome", "discarded"));
    assertEquals(5, s.value("featurewatch_alerts_dropped_total", "sink", "alertmanager"));
    assertEquals(17, s.value("featurewatch_alert_spool_size"));
  }

  @Test
  void scrapeIsTextFormat004WithTypeLinesAndJvmMetrics() {
    assertEquals("text/plain; version=0.0.4; charset=utf-8", ServerMetrics.CONTENT_TYPE);
    Scrape s = new Scrape(metrics.scrape());
    assertTrue(s.text.contains("# TYPE featurewatch_monitored_tokens_total counter"), s.text);
    assertTrue(s.text.contains("# HELP featurewatch_http_requests_total "));
    assertEquals("histogram", s.types.get("featurewatch_audit_write_duration_seconds"));
    assertEquals("gauge", s.types.get("jvm_memory_bytes_used"));
    assertTrue(s.value("jvm_memory_bytes_used", "area", "heap") > 0);
    assertFalse(s.samples("jvm_threads_current").isEmpty());
    for (String name : s.types.keySet()) {
      assertTrue(name.startsWith("featurewatch_") || name.startsWith("jvm_") || name.startsWith("process_"),
          "unexpected metric " + name);
    }
  }

  @Test
  void twoInstancesDoNotShareSeries() {
    ServerMetrics other = new ServerMetrics();
    other.countRejectedRequest();
    assertEquals(0, new Scrape(metrics.scrape()).value("featurewatch_rejected_requests_total"));
    assertEquals(1, new Scrape(other.scrape()).value("featurewatch_rejected_requests_total"));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static RuleHit hit(String rule, ActionKind action, RuleMode mode, HitCause cause) {
    return new RuleHit(rule, cause, action, mode, Severity.WARNING, 3, 5, 1.5f, 1.2, null, List.of());
  }
}
