package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission, metrics and shutdown, as an operator sees them. */
class OperationsIT {
  static final String FLAG_RULE = "id: gg-flag\nselect: {features: [1250, 1572]}\ncondition: {scope: both, aggregate: max, threshold: 2.0}\n"
      + "action: flag\n";
  static final String LONG_REQUEST = "{\"model\": \"organism\", \"prompt\": \"DNA: ACGT\", \"max_tokens\": 150, "
      + "\"temperature\": 2.0, \"seed\": 3";

  @TempDir Path folder;

  @Test
  void aFullQueueAnswers429WithRetryAfterAndNothingElseFails() {
    try (TestServer server = TestServer.start(folder, Map.of(), Map.of("engine.threads", "1", "engine.queue", "0"))) {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        responses.add(server.client().sendAsync(HttpRequest.newBuilder(server.uri("/v1/completions"))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(LONG_REQUEST + "}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      int ok = 0;
      int refused = 0;
      for (CompletableFuture<HttpResponse<String>> f : responses) {
        HttpResponse<String> r = f.join();
        if (r.statusCode() == 429) {
          refused++;
          assertTrue(Integer.parseInt(r.headers().firstValue("retry-after").orElseThrow()) >= 1);
          assertEquals("rate_limit_error", TestServer.json(r).get("error").get("type").asText());
        } else {
          assertEquals(200, r.statusCode(), r.body());
          ok++;
        }
      }
      assertTrue(ok >= 1 && refused >= 1, ok + " answered, " + refused + " refused");
      String metrics = server.get("/metrics").body();
      assertEquals(refused, (int) sample(metrics, "featurewatch_rejected_requests_total", ""));
    }
  }

  @Test
  void metricsCountRequestsByRouteTemplateTokensAndRuleHits() {
    try (TestServer server = TestServer.start(folder, Map.of("gg.yaml", FLAG_RULE), Map.of())) {
      JsonNode answer = TestServer.json(server.post("/v1/chat/completions",
          TestServer.chat("Tell me about the Golden Gate Bridge.", 12, "")));
      int flags = answer.get("featurewatch").get("flags").size();
      assertTrue(flags > 0);
      server.get("/v1/rules/gg-flag");
      server.get("/v1/rules/no-such-rule-" + "x".repeat(20));
      HttpResponse<String> r = server.get("/metrics");
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
      String m = r.body();
      assertEquals(1, sample(m, "featurewatch_http_requests_total",
          "route=\"/v1/chat/completions\",method=\"POST\",status=\"200\""));
      // The route template, never the raw path with a user's string in it.
      assertEquals(1, sample(m, "featurewatch_http_requests_total", "route=\"/v1/rules/:id\",method=\"GET\",status=\"404\""));
      assertTrue(!m.contains("no-such-rule"));
      assertEquals(answer.get("usage").get("completion_tokens").asInt(), sample(m, "featurewatch_tokens_total", "kind=\"completion\""));
      assertEquals(flags, sample(m, "featurewatch_rule_hits_total", "rule=\"gg-flag\",action=\"flag\",mode=\"enforce\""));
      assertEquals(answer.get("usage").get("total_tokens").asInt() - 1, // BOS is read but carries no features
          sample(m, "featurewatch_monitored_tokens_total", ""), 1.0);
      assertTrue(sample(m, "featurewatch_feature_active_tokens_total", "feature=\"1572\"") >= 1);
      assertTrue(m.contains("# TYPE featurewatch_queue_depth gauge"));
      assertTrue(m.contains("jvm_memory_bytes_used"));
      assertTrue(sample(m, "featurewatch_time_to_first_token_seconds_count", "") >= 1);
    }
  }

  @Test
  void shutdownFinishesTheAnswerInFlight() throws Exception {
    TestServer server = TestServer.start(folder, Map.of(), Map.of());
    HttpResponse<InputStream> r = server.client().send(HttpRequest.newBuilder(server.uri("/v1/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(LONG_REQUEST + ", \"stream\": true}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    StringBuilder body = new StringBuilder(in.readLine()).append('\n'); // the generation is under way
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      body.append(line).append('\n');
    }
    closing.join();
    List<JsonNode> events = TestServer.events(body.toString());
    JsonNode last = events.get(events.size() - 1);
    assertTrue(List.of("stop", "length").contains(last.get("choices").get(0).get("finish_reason").asText()));
  }

  @Test
  void aClientThatHangsUpCancelsItsGeneration() throws Exception {
    try (TestServer server = TestServer.start(folder, Map.of(), Map.of())) {
      HttpResponse<InputStream> r = server.client().send(HttpRequest.newBuilder(server.uri("/v1/completions"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"organism\", \"prompt\": \"DNA: ACGT\", \"max_tokens\": 1000, "
              + "\"temperature\": 0, \"stream\": true, \"featurewatch\": {\"ignore_eos\": true}}")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
      assertTrue(in.readLine().startsWith("data: "));
      in.close(); // hang up mid-answer
      JsonNode found = null;
      for (int i = 0; i < 100 && (found == null || found.get("data").isEmpty()); i++) {
        Thread.sleep(100);
        found = TestServer.json(server.get("/v1/audit?q=finish_reason:cancelled"));
      }
      assertEquals(1, found.get("data").size(), "the exchange is recorded as cancelled");
      JsonNode record = TestServer.json(server.get("/v1/audit/" + found.get("data").get(0).get("id").asText()));
      assertTrue(record.get("completion_tokens").asInt() < 1000, record.get("completion_tokens").toString());
    }
  }

  /** The value of one sample in Prometheus text (simpleclient ends a label set with a comma), or 0 when absent. */
  static double sample(String text, String name, String labels) {
    Pattern p = Pattern.compile("^" + Pattern.quote(name) + (labels.isEmpty() ? "" : "\\{" + Pattern.quote(labels) + ",?\\}")
        + " (\\S+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
