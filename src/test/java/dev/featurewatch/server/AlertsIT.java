package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert rule's hit reaches Alertmanager's API with the rule, severity, client and a link to the audit record. */
class AlertsIT {
  @TempDir Path folder;

  @Test
  void anAlertRulePostsToAlertmanagerWithALinkToTheAuditRecord() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    alertmanager.createContext("/api/v2/alerts", exchange -> {
      received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    alertmanager.start();
    String rule = "id: bridge-alert\nselect: {features: [1250, 1572]}\ncondition: {scope: both, aggregate: max, threshold: 2.0}\n"
        + "action: alert\nmessage: The bridge again\nseverity: critical\n";
    try (TestServer server = TestServer.start(folder, Map.of("alert.yaml", rule),
        Map.of("alerts.alertmanager_url", "http://127.0.0.1:" + alertmanager.getAddress().getPort()))) {
      JsonNode answer = TestServer.json(server.post("/v1/chat/completions",
          TestServer.chat("Tell me about the Golden Gate Bridge.", 8, "\"user\": \"bob\"")));
      String id = answer.get("id").asText();
      String post = received.poll(10, TimeUnit.SECONDS);
      assertTrue(post != null, "Alertmanager got nothing");
      assertTrue(post.startsWith("POST "));
      JsonNode alert = TestServer.JSON.readTree(post.substring("POST ".length())).get(0);
      assertEquals("bridge-alert", alert.get("labels").get("rule").asText());
      assertEquals("critical", alert.get("labels").get("severity").asText());
      assertEquals("user:bob", alert.get("labels").get("client").asText());
      assertTrue(alert.get("annotations").get("audit_url").asText().endsWith("/v1/audit/" + id), alert.toString());
      assertEquals("The bridge again", alert.get("annotations").get("summary").asText());
      String metrics = server.get("/metrics").body();
      assertTrue(OperationsIT.sample(metrics, "featurewatch_alerts_sent_total", "sink=\"alertmanager\"") >= 1, metrics);
    } finally {
      alertmanager.stop(0);
    }
  }
}
