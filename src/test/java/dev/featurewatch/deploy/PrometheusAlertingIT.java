package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.server.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real tools: FeatureWatch, Prometheus running the shipped rules, Alertmanager
 * running the shipped routes. One flagged request reaches the receivers twice through Alertmanager:
 * as the server's own alert (an alert rule) and as the Prometheus alert on the flag rule's counter.
 */
class PrometheusAlertingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ALERT_DEADLINE = Duration.ofSeconds(60);
  /** An alert rule on the same features as the shipped golden-gate flag rule: one request hits both. */
  static final String BRIDGE_ALERT = "id: bridge-alert\nselect: {features: [1250, 1572]}\n"
      + "condition: {scope: both, aggregate: max, threshold: 2.0}\naction: alert\nmessage: The bridge again\nseverity: critical\n";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path folder;

  @Test
  void aFlaggedRequestReachesAlertmanagerAsTheServersAlertAndAsThePrometheusRulesAlert() throws Exception {
    List<String> logs = new ArrayList<>();
    long start = System.nanoTime();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      int amPort = ChildProcess.freePort();
      Path amConfig = Files.writeString(folder.resolve("alertmanager.yml"), DeployFiles.alertmanagerConfig(receiver.url()));
      Path amData = Files.createDirectories(folder.resolve("alertmanager-data"));
      try (ChildProcess alertmanager = ChildProcess.start(folder, Tools.ALERTMANAGER, "--config.file=" + amConfig,
              "--storage.path=" + amData, "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
          TestServer server = TestServer.start(folder.resolve("featurewatch"), rulesWithBridgeAlert(),
              Map.of("alerts.alertmanager_url", "http://127.0.0.1:" + amPort))) {
        int promPort = ChildProcess.freePort();
        Path promConfig = Files.writeString(folder.resolve("prometheus.yml"),
            DeployFiles.prometheusConfig("127.0.0.1:" + server.server().port(), "127.0.0.1:" + amPort));
        try (ChildProcess prometheus = ChildProcess.start(folder, Tools.PROMETHEUS, "--config.file=" + promConfig,
            "--storage.tsdb.path=" + folder.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + promPort)) {
          try {
            URI prom = URI.create("http://127.0.0.1:" + promPort);
            alertmanager.awaitReady(URI.create("http://127.0.0.1:" + amPort + "/-/ready"), Duration.ofSeconds(30));
            prometheus.awaitReady(prom.resolve("/-/ready"), Duration.ofSeconds(30));
            // Prometheus must hold the flag counter at 0 before the hit, as it would in production.
            await("Prometheus scraped golden-gate's flag counter at 0", Duration.ofSeconds(30), () -> !query(prom,
                "featurewatch_rule_hits_total{job=\"featurewatch\", rule=\"golden-gate\", action=\"flag\", mode=\"enforce\"} == 0")
                .isEmpty());

            JsonNode answer = TestServer.json(server.post("/v1/chat/completions",
                TestServer.chat("Tell me about the Golden Gate Bridge.", 8, "\"user\": \"bob\"")));
            List<String> rules = new ArrayList<>();
            answer.get("featurewatch").get("flags").forEach(f -> rules.add(f.get("rule").asText()));
            assertTrue(rules.contains("golden-gate") && rules.contains("bridge-alert"), answer.toString());
            String auditId = answer.get("id").asText();

            await("both alerts at the webhook through Alertmanager", ALERT_DEADLINE,
                () -> direct(receiver) != null && fromPrometheus(receiver) != null);
            WebhookReceiver.Received direct = direct(receiver);
            assertEquals("critical", direct.label("severity"));
            assertEquals("user:bob", direct.label("client"));
            assertEquals("The bridge again", direct.annotation("summary"));
            assertTrue(direct.annotation("audit_url").endsWith("/v1/audit/" + auditId), direct.alert().toString());
            assertTrue(receiver.find(r -> r.receiver().equals("featurewatch-pager")
                && "bridge-alert".equals(r.label("rule"))) != null, "a critical direct alert pages: " + receiver.all());
            WebhookReceiver.Received flagged = fromPrometheus(receiver);
            assertEquals("featurewatch-feed", flagged.receiver());
            assertEquals("info", flagged.label("severity"));
            assertEquals(DeployFiles.JOB, flagged.label("job"));
            assertTrue(flagged.annotation("summary").contains("golden-gate"), flagged.alert().toString());

            // Every dashboard query parses in the real Prometheus (names are checked in PrometheusConfigIT).
            for (String expr : PrometheusConfigIT.dashboardExpressions(JSON.readTree(DeployFiles.DASHBOARD.toFile()))) {
              if (!expr.startsWith("label_values(")) {
                query(prom, grafanaVariablesFilledIn(expr));
              }
            }
            System.out.printf("alerts through Alertmanager %.1f s after the start%n", (System.nanoTime() - start) / 1e9);
          } catch (Throwable t) {
            logs.add(prometheus.log());
            logs.add(alertmanager.log());
            logs.add(receiver.log());
            logs.add("--- featurewatch start-up ---\n" + String.join("\n", server.startupLog()));
            throw t;
          }
        }
      }
    } catch (Throwable t) {
      throw new AssertionError(t.getMessage() + "\n" + String.join("\n", logs), t);
    }
  }

  private static Map<String, String> rulesWithBridgeAlert() {
    Map<String, String> rules = new LinkedHashMap<>(TestServer.shippedRules());
    rules.put("bridge-alert.yaml", BRIDGE_ALERT);
    return rules;
  }

  /** The server's own alert for the bridge-alert rule, as a receiver got it. */
  private static WebhookReceiver.Received direct(WebhookReceiver receiver) {
    return receiver.find(r -> "FeatureWatchRule".equals(r.label("alertname")) && "bridge-alert".equals(r.label("rule")));
  }

  /** The shipped Prometheus rule's alert on golden-gate's flags. */
  private static WebhookReceiver.Received fromPrometheus(WebhookReceiver receiver) {
    return receiver.find(r -> "FeatureWatchRuleFlagged".equals(r.label("alertname")) && "golden-gate".equals(r.label("rule")));
  }

  /** Grafana's variables as Grafana would fill them in for this setup. */
  private static String grafanaVariablesFilledIn(String expr) {
    return expr.replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$job", DeployFiles.JOB)
        .replace("$instance", ".*");
  }

  /** An instant query's result vector; fails when Prometheus refuses the expression. */
  private JsonNode query(URI prometheus, String expr) throws Exception {
    URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("success", body.path("status").asText(), expr + " -> " + r.body());
    return body.get("data").get("result");
  }

  /** Polls {@code condition} every 200 ms until it holds, failing with {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, ThrowingCondition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
      }
      Thread.sleep(200);
    }
  }

  interface ThrowingCondition {
    boolean holds() throws Exception;
  }
}
