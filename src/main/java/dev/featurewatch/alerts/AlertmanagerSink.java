package dev.featurewatch.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends alerts to one Alertmanager through its v2 API: a JSON array of {@code postableAlerts}
 * POSTed to {@code <base>/api/v2/alerts}. Labels identify an alert (Alertmanager merges alerts
 * with equal labels); annotations carry the text and the audit record.
 */
public final class AlertmanagerSink implements AlertSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final JsonPoster poster;
  private final int maxBatchSize;

  public AlertmanagerSink(URI baseUrl, HttpClient client, Duration requestTimeout, int maxBatchSize) {
    this.endpoint = endpointOf(baseUrl);
    this.poster = new JsonPoster(client, requestTimeout);
    this.maxBatchSize = maxBatchSize;
  }

  /** {@code http://am:9093} and {@code http://host/alertmanager/} both gain {@code /api/v2/alerts}. */
  static URI endpointOf(URI baseUrl) {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/api/v2/alerts");
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String kind() {
    return "alertmanager";
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(List<Alert> alerts) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload(alerts));
    } catch (JsonProcessingException e) {
      return CompletableFuture.completedFuture(DeliveryResult.permanentFailure("cannot write JSON: " + e.getMessage()));
    }
    return poster.post(endpoint, body, Map.of());
  }

  /** The {@code postableAlerts} array for {@code alerts}. */
  static ArrayNode payload(List<Alert> alerts) {
    ArrayNode array = JSON.createArrayNode();
    for (Alert alert : alerts) {
      ObjectNode node = array.addObject();
      ObjectNode labels = node.putObject("labels");
      alert.labels().forEach(labels::put);
      ObjectNode annotations = node.putObject("annotations");
      annotations.put("summary", alert.summary());
      putIfPresent(annotations, "description", alert.description());
      putIfPresent(annotations, "audit_record", alert.auditRecordId());
      if (alert.auditUrl() != null) {
        annotations.put("audit_url", alert.auditUrl().toString());
      }
      node.put("startsAt", rfc3339(alert.startsAt()));
      if (alert.endsAt() != null) {
        node.put("endsAt", rfc3339(alert.endsAt()));
      }
      if (alert.auditUrl() != null) {
        node.put("generatorURL", alert.auditUrl().toString());
      }
    }
    return array;
  }

  /** RFC 3339 in UTC with millisecond precision, e.g. {@code 2025-01-02T03:04:05.678Z}. */
  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  @Override
  public String toString() {
    return "AlertmanagerSink[" + LoggedUrl.withoutUserInfo(endpoint) + "]";
  }
}
