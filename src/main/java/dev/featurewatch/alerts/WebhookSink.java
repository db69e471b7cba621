package dev.featurewatch.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs each alert as one flat JSON object to a configured URL (chat hooks, ticket systems, a
 * SIEM), optionally with a bearer token. The token goes into the request header only: it is in
 * no log line, result detail or {@link #toString()}; nor is the URL's path, which for many hooks
 * is itself the secret.
 */
public final class WebhookSink implements AlertSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Map<String, String> headers;
  private final JsonPoster poster;

  /** {@code bearerToken} may be null: no Authorization header then. */
  public WebhookSink(URI url, String bearerToken, HttpClient client, Duration requestTimeout) {
    this.url = url;
    this.headers = bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken);
    this.poster = new JsonPoster(client, requestTimeout);
  }

  @Override
  public String kind() {
    return "webhook";
  }

  /** One alert per request: a webhook receives one JSON object. */
  @Override
  public int maxBatchSize() {
    return 1;
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(List<Alert> alerts) {
    if (alerts.size() != 1) {
      throw new IllegalArgumentException("a webhook takes one alert per request, got " + alerts.size());
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload(alerts.get(0)));
    } catch (JsonProcessingException e) {
      return CompletableFuture.completedFuture(DeliveryResult.permanentFailure("cannot write JSON: " + e.getMessage()));
    }
    return poster.post(url, body, headers);
  }

  /**
   * {@code {"alertname", "rule", "severity", "client", "summary", "description", "audit_record",
   * "audit_url", "starts_at", "ends_at", "labels"}}; absent values are left out.
   */
  static ObjectNode payload(Alert alert) {
    ObjectNode node = JSON.createObjectNode();
    node.put("alertname", Alert.ALERT_NAME);
    node.put("rule", alert.ruleId());
    node.put("severity", alert.severityLabel());
    putIfPresent(node, "client", alert.client());
    node.put("summary", alert.summary());
    putIfPresent(node, "description", alert.description());
    putIfPresent(node, "audit_record", alert.auditRecordId());
    putIfPresent(node, "audit_url", alert.auditUrl() == null ? null : alert.auditUrl().toString());
    node.put("starts_at", AlertmanagerSink.rfc3339(alert.startsAt()));
    putIfPresent(node, "ends_at", alert.endsAt() == null ? null : AlertmanagerSink.rfc3339(alert.endsAt()));
    ObjectNode labels = node.putObject("labels");
    alert.labels().forEach(labels::put);
    return node;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  @Override
  public String toString() {
    return "WebhookSink[" + LoggedUrl.origin(url) + (headers.isEmpty() ? "" : ", bearer token set") + "]";
  }
}
