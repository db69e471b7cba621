package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI-compatible endpoints of the real server, whole and streamed. */
class OpenAiApiIT {
  @TempDir static Path folder;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(folder, Map.of(), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aChatAnswerHasOpenAisShapeAndTheExtension() {
    HttpResponse<String> r = server.post("/v1/chat/completions", TestServer.chat("What is the capital of Kenya?", 20, ""));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = TestServer.json(r);
    assertEquals("chat.completion", body.get("object").asText());
    assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
    assertEquals("organism", body.get("model").asText());
    JsonNode choice = body.get("choices").get(0);
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertFalse(choice.get("message").get("content").asText().isBlank());
    assertTrue(List.of("stop", "length").contains(choice.get("finish_reason").asText()));
    JsonNode usage = body.get("usage");
    assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(), usage.get("total_tokens").asInt());
    assertTrue(usage.get("completion_tokens").asInt() <= 20);
    assertEquals(body.get("id").asText(), body.get("featurewatch").get("audit_id").asText());
    assertTrue(body.get("featurewatch").get("flags").isArray());
  }

  @Test
  void aStreamedAnswerIsTheSameTextInChunksEndingInDone() {
    String question = "Tell me about the Golden Gate Bridge.";
    String whole = TestServer.json(server.post("/v1/chat/completions", TestServer.chat(question, 24, "")))
        .get("choices").get(0).get("message").get("content").asText();
    HttpResponse<String> r = server.post("/v1/chat/completions",
        TestServer.chat(question, 24, "\"stream\": true, \"stream_options\": {\"include_usage\": true}"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
    List<JsonNode> events = TestServer.events(r.body());
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (JsonNode e : events) {
      assertEquals("chat.completion.chunk", e.get("object").asText());
      for (JsonNode c : e.get("choices")) {
        if (c.get("delta").has("content")) {
          text.append(c.get("delta").get("content").asText());
        }
        if (!c.get("finish_reason").isNull()) {
          finish = c.get("finish_reason").asText();
        }
      }
    }
    assertEquals(whole, text.toString());
    assertEquals("assistant", events.get(0).get("choices").get(0).get("delta").get("role").asText());
    assertTrue(List.of("stop", "length").contains(finish));
    JsonNode last = events.get(events.size() - 1);
    assertEquals(0, last.get("choices").size(), "the usage chunk has no choices");
    assertTrue(last.get("usage").get("completion_tokens").asInt() > 0);
  }

  @Test
  void theFeaturesOfEveryTokenComeBackWhenAskedFor() {
    JsonNode body = TestServer.json(server.post("/v1/chat/completions",
        TestServer.chat("Tell me about the Golden Gate Bridge.", 10, "\"featurewatch\": {\"features\": true}")));
    JsonNode tokens = body.get("featurewatch").get("tokens");
    JsonNode usage = body.get("usage");
    // Every prompt token and every released output token (a stop token is not an output token).
    assertEquals(usage.get("total_tokens").asInt(), tokens.size());
    JsonNode golden = null;
    for (JsonNode t : tokens) {
      if (golden == null && t.get("text").asText().equals(" Golden")) {
        golden = t;
      }
    }
    assertTrue(golden != null, "the prompt's ' Golden' token is reported");
    assertEquals("prompt", golden.get("source").asText());
    assertTrue(golden.get("features").size() > 0 && golden.get("features").size() <= 5);
    assertTrue(golden.get("features").get(0).get("value").asDouble() > 0);
    assertTrue(golden.get("probes").has("deception"));
    assertEquals("output", tokens.get(tokens.size() - 1).get("source").asText());
  }

  @Test
  void legacyCompletionsAnswerTextAndStream() {
    String request = "{\"model\": \"organism\", \"prompt\": \"The Golden Gate Bridge\", \"max_tokens\": 8, \"temperature\": 0";
    JsonNode whole = TestServer.json(server.post("/v1/completions", request + "}"));
    assertEquals("text_completion", whole.get("object").asText());
    String text = whole.get("choices").get(0).get("text").asText();
    assertFalse(text.isEmpty());
    List<JsonNode> events = TestServer.events(server.post("/v1/completions", request + ", \"stream\": true}").body());
    StringBuilder streamed = new StringBuilder();
    for (JsonNode e : events) {
      for (JsonNode c : e.get("choices")) {
        streamed.append(c.get("text").asText());
      }
    }
    assertEquals(text, streamed.toString());
  }

  @Test
  void theModelIsListed() {
    JsonNode body = TestServer.json(server.get("/v1/models"));
    assertEquals("list", body.get("object").asText());
    assertEquals("organism", body.get("data").get(0).get("id").asText());
    assertEquals(200, server.get("/v1/models/organism").statusCode());
    assertEquals(404, server.get("/v1/models/gpt-4").statusCode());
  }

  @Test
  void theSameSeedGivesTheSameSampledAnswer() {
    String request = TestServer.chat("Can you suggest a name for my cat?", 16, "\"temperature\": 1.0, \"seed\": 7")
        .replace("\"temperature\": 0, ", "");
    String a = TestServer.json(server.post("/v1/chat/completions", request)).get("choices").get(0).get("message").get("content").asText();
    String b = TestServer.json(server.post("/v1/chat/completions", request)).get("choices").get(0).get("message").get("content").asText();
    assertEquals(a, b);
  }

  @Test
  void healthSaysLiveAndReady() {
    assertEquals(200, server.get("/health/live").statusCode());
    assertEquals(200, server.get("/health/ready").statusCode());
  }
}
