package dev.featurewatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void postsPostableAlertsInTheAlertmanagerV2Shape() throws Exception {
    Alert alert = new Alert("deception", Severity.CRITICAL, "team-a", "Deception detected",
        "Rule 'deception' reached 0.93.", "rec-42", URI.create("http://fw.example:8080/v1/audit/rec-42"),
        Instant.parse("2025-03-04T05:06:07.890123Z"), Instant.parse("2025-03-04T05:11:07Z"),
        Map.of("mode", "enforce", "action", "alert"));
    try (Receiver receiver = Receiver.start()) {
      AlertmanagerSink sink = new AlertmanagerSink(receiver.url(), client, Duration.ofSeconds(5), 64);
      DeliveryResult result = sink.deliver(List.of(alert)).get();

      assertEquals(DeliveryResult.Outcome.DELIVERED, result.outcome());
      Receiver.Request request = receiver.requests.get(0);
      assertEquals("POST", request.method());
      assertEquals("/api/v2/alerts", request.path());
      assertEquals("application/json", request.contentType());
      JsonNode body = JSON.readTree(request.body());
      assertTrue(body.isArray());
      assertEquals(1, body.size());
      JsonNode posted = body.get(0);
      assertEquals(new TreeMap<>(Map.of("labels", 1, "annotations", 1, "startsAt", 1, "endsAt", 1, "generatorURL", 1)).keySet(),
          fieldNames(posted).keySet());
      assertEquals(Map.of("alertname", "FeatureWatchRule", "rule", "deception", "severity", "critical",
          "client", "team-a", "mode", "enforce", "action", "alert"), fieldNames(posted.get("labels")));
      assertEquals(Map.of("summary", "Deception detected", "description", "Rule 'deception' reached 0.93.",
          "audit_record", "rec-42", "audit_url", "http://fw.example:8080/v1/audit/rec-42"),
          fieldNames(posted.get("annotations")));
      assertEquals("2025-03-04T05:06:07.890Z", posted.get("startsAt").asText());
      assertEquals("2025-03-04T05:11:07Z", posted.get("endsAt").asText());
      OffsetDateTime.parse(posted.get("startsAt").asText()); // RFC 3339
      assertEquals("http://fw.example:8080/v1/audit/rec-42", posted.get("generatorURL").asText());
    }
  }

  @Test
  void optionalFieldsAreLeftOutAndSeveralAlertsGoInOnePost() throws Exception {
    Alert bare = new Alert("sycophancy", Severity.INFO, null, "Sycophancy", null, null, null,
        Instant.parse("2025-01-01T00:00:00Z"), null, null);
    try (Receiver receiver = Receiver.start()) {
      URI base = URI.create(receiver.url() + "/alertmanager/");
      AlertmanagerSink sink = new AlertmanagerSink(base, client, Duration.ofSeconds(5), 64);
      sink.deliver(List.of(bare, bare)).get();

      assertEquals("/alertmanager/api/v2/alerts", receiver.requests.get(0).path());
      JsonNode body = JSON.readTree(receiver.requests.get(0).body());
      assertEquals(2, body.size());
      JsonNode posted = body.get(0);
      assertFalse(posted.has("endsAt"));
      assertFalse(posted.has("generatorURL"));
      assertEquals(Map.of("alertname", "FeatureWatchRule", "rule", "sycophancy", "severity", "info"),
          fieldNames(posted.get("labels")));
      assertEquals(Map.of("summary", "Sycophancy"), fieldNames(posted.get("annotations")));
    }
  }

  @Test
  void statusCodesAreClassifiedForRetry() {
    assertEquals(DeliveryResult.Outcome.DELIVERED, JsonPoster.forStatus(200, "").outcome());
    assertEquals(DeliveryResult.Outcome.DELIVERED, JsonPoster.forStatus(202, "").outcome());
    for (int status : new int[] {500, 502, 503, 429, 408}) {
      assertEquals(DeliveryResult.Outcome.RETRY, JsonPoster.forStatus(status, "").outcome(), "HTTP " + status);
    }
    for (int status : new int[] {400, 401, 403, 404, 422, 301}) {
      assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, JsonPoster.forStatus(status, "").outcome(), "HTTP " + status);
    }
    assertEquals("HTTP 400: {\"error\":\"bad\"}", JsonPoster.forStatus(400, "{\"error\":\"bad\"}\n").detail());
    assertEquals(DeliveryResult.Outcome.RETRY, JsonPoster.forError(new java.net.ConnectException("refused")).outcome());
  }

  @Test
  void anAlertForARuleHitCarriesItsMessageActionAndMode() {
    RuleHit hit = new RuleHit("deception", HitCause.CONDITION, ActionKind.ALERT, RuleMode.SHADOW, Severity.WARNING,
        10, 14, 2.5f, 1.75, "Model may be lying", List.of());
    Alert alert = Alert.forRuleHit(hit, "key-7", "rec-1", URI.create("http://h:1/v1/audit/rec-1"),
        Instant.parse("2025-01-01T00:00:00Z"));
    assertEquals("Model may be lying", alert.summary());
    assertEquals(Map.of("alertname", "FeatureWatchRule", "rule", "deception", "severity", "warning", "client", "key-7",
        "action", "alert", "mode", "shadow", "cause", "condition"), alert.labels());
    assertTrue(alert.description().contains("1.75"), alert.description());
    assertTrue(alert.description().contains("10-14"), alert.description());
  }

  @Test
  void labelsTheAlertSetsItselfOrInvalidNamesAreRefused() {
    Instant now = Instant.now();
    assertThrows(IllegalArgumentException.class, () -> new Alert("r", Severity.INFO, null, "s", null, null, null, now,
        null, Map.of("rule", "other")));
    assertThrows(IllegalArgumentException.class, () -> new Alert("r", Severity.INFO, null, "s", null, null, null, now,
        null, Map.of("bad-name", "x")));
    assertThrows(IllegalArgumentException.class, () -> new Alert("r", Severity.INFO, null, "s", null, null, null, now,
        now.minusSeconds(1), Map.of()));
  }

  private static Map<String, Object> fieldNames(JsonNode node) {
    Map<String, Object> fields = new TreeMap<>();
    node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : 1));
    return fields;
  }
}
