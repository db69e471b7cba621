package dev.featurewatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {
  private static final String TOKEN = "s3cret-token-value";

  @Test
  void postsOneJsonObjectPerAlertWithTheBearerToken() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Receiver receiver = Receiver.start()) {
      AlertConfig config = AlertConfig.defaults()
          .withWebhook(URI.create(receiver.url() + "/hooks/featurewatch"), TOKEN)
          .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
      try (AlertDispatcher dispatcher = AlertDispatcher.start(config, listener)) {
        dispatcher.submit(AlertDispatcherTest.alert("deception"));
        dispatcher.submit(AlertDispatcherTest.alert("sycophancy"));
        Eventually.await("delivery", () -> listener.delivered.get() == 2, listener::toString);
      }
      assertEquals(2, receiver.requests.size());
      Receiver.Request request = receiver.requests.get(0);
      assertEquals("/hooks/featurewatch", request.path());
      assertEquals("application/json", request.contentType());
      assertEquals("Bearer " + TOKEN, request.authorization());
      JsonNode body = new ObjectMapper().readTree(request.body());
      assertTrue(body.isObject());
      assertEquals("FeatureWatchRule", body.get("alertname").asText());
      assertEquals("deception", body.get("rule").asText());
      assertEquals("warning", body.get("severity").asText());
      assertEquals("client-1", body.get("client").asText());
      assertEquals("rec-deception", body.get("audit_record").asText());
      assertEquals("http://127.0.0.1:8080/v1/audit/rec-deception", body.get("audit_url").asText());
      assertTrue(body.get("starts_at").asText().endsWith("Z"));
      assertFalse(body.has("ends_at"));
      assertEquals("deception", body.get("labels").get("rule").asText());
      assertEquals("sycophancy", new ObjectMapper().readTree(receiver.requests.get(1).body()).get("rule").asText());
    }
  }

  @Test
  void withoutATokenThereIsNoAuthorizationHeader() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Receiver receiver = Receiver.start();
        AlertDispatcher dispatcher = AlertDispatcher.start(AlertConfig.defaults().withWebhook(receiver.url(), null), listener)) {
      dispatcher.submit(AlertDispatcherTest.alert("r"));
      Eventually.await("delivery", () -> listener.delivered.get() == 1, listener::toString);
      assertNull(receiver.requests.get(0).authorization());
    }
  }

  @Test
  void theTokenAndTheHookPathAreNeverShown() {
    AlertConfig config = AlertConfig.defaults()
        .withWebhook(URI.create("https://hooks.example.com/services/T00/B00/XXSECRETXX"), TOKEN)
        .withAlertmanagers(URI.create("http://admin:pw@am.example:9093"));
    assertFalse(config.toString().contains(TOKEN), config.toString());
    assertFalse(config.toString().contains("XXSECRETXX"), config.toString());
    assertFalse(config.toString().contains("pw@"), config.toString());
    assertTrue(config.toString().contains("<redacted>"));
    assertTrue(config.toString().contains("https://hooks.example.com/..."), config.toString());
    WebhookSink sink = new WebhookSink(config.webhookUrl(), TOKEN, java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(1));
    assertFalse(sink.toString().contains(TOKEN));
    assertFalse(sink.toString().contains("XXSECRETXX"), sink.toString());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> AlertConfig.defaults().withWebhook(URI.create("http://h/hook"), "two words" + TOKEN));
    assertFalse(bad.getMessage().contains(TOKEN));
  }
}
