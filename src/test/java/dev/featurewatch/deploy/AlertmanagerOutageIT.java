package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.server.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager is down when a rule fires: the server answers as usual, keeps the alert in its
 * spool (a metric says so, and counts the failed delivery), and once the real Alertmanager comes up
 * on that address the alert reaches the receivers through it, and the spool empties.
 */
class AlertmanagerOutageIT {
  @TempDir Path folder;

  @Test
  void anAlertRaisedWhileAlertmanagerIsDownIsDeliveredWhenItComesBack() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      int amPort = ChildProcess.freePort();
      Map<String, String> rules = new LinkedHashMap<>();
      rules.put("bridge-alert.yaml", PrometheusAlertingIT.BRIDGE_ALERT);
      try (TestServer server = TestServer.start(folder.resolve("featurewatch"), rules,
          Map.of("alerts.alertmanager_url", "http://127.0.0.1:" + amPort))) {
        JsonNode answer = TestServer.json(server.post("/v1/chat/completions",
            TestServer.chat("Tell me about the Golden Gate Bridge.", 8, "\"user\": \"bob\"")));
        assertEquals("bridge-alert", answer.get("featurewatch").get("flags").get(0).get("rule").asText(), answer.toString());
        PrometheusAlertingIT.await("a failed delivery counted and the alert spooled", Duration.ofSeconds(20), () -> {
          String metrics = server.get("/metrics").body();
          return sum(metrics, "featurewatch_alerts_failed_total{sink=\"alertmanager\"") >= 1
              && sum(metrics, "featurewatch_alert_spool_size") >= 1;
        });
        assertTrue(receiver.all().isEmpty(), "nothing can have arrived yet");

        Path amConfig = Files.writeString(folder.resolve("alertmanager.yml"), DeployFiles.alertmanagerConfig(receiver.url()));
        try (ChildProcess alertmanager = ChildProcess.start(folder, Tools.ALERTMANAGER, "--config.file=" + amConfig,
            "--storage.path=" + Files.createDirectories(folder.resolve("alertmanager-data")),
            "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=")) {
          try {
            alertmanager.awaitReady(URI.create("http://127.0.0.1:" + amPort + "/-/ready"), Duration.ofSeconds(30));
            // The dispatcher retries with backoff (1 s doubling): well within a minute.
            PrometheusAlertingIT.await("the spooled alert at the webhook through Alertmanager", Duration.ofSeconds(60),
                () -> receiver.find(r -> "FeatureWatchRule".equals(r.label("alertname"))
                    && "bridge-alert".equals(r.label("rule"))) != null);
            PrometheusAlertingIT.await("the spool empty", Duration.ofSeconds(10),
                () -> sum(server.get("/metrics").body(), "featurewatch_alert_spool_size") == 0);
            assertTrue(sum(server.get("/metrics").body(), "featurewatch_alerts_sent_total{sink=\"alertmanager\"") >= 1);
          } catch (Throwable t) {
            throw new AssertionError(t.getMessage() + "\n" + alertmanager.log() + "\n" + receiver.log(), t);
          }
        }
      }
    }
  }

  /** The sum of the samples whose line starts with {@code prefix} (a name, or a name and the first labels). */
  private static double sum(String exposition, String prefix) {
    return exposition.lines().filter(l -> l.startsWith(prefix) && (l.charAt(prefix.length()) == ' '
        || l.charAt(prefix.length()) == '{' || l.charAt(prefix.length()) == ','))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
