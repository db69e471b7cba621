package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed request gets a 4xx OpenAI error object naming what is wrong; none gets a 5xx. */
class MalformedRequestsIT {
  @TempDir static Path folder;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(folder, Map.of(), Map.of("server.body_limit_bytes", "65536"));
  }

  @AfterAll
  static void stop() {
    // The server still answers properly after all of it.
    assertEquals(200, server.post("/v1/chat/completions", TestServer.chat("Hello there.", 4, "")).statusCode());
    server.close();
  }

  static Stream<Arguments> malformed() {
    String ok = "\"model\": \"organism\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";
    return Stream.of(
        Arguments.of("not JSON", "{\"model\": ", 400, null),
        Arguments.of("an array", "[1, 2]", 400, null),
        Arguments.of("empty body", "", 400, null),
        Arguments.of("trailing garbage", "{" + ok + "} x", 400, null),
        Arguments.of("no model", "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", 400, "model"),
        Arguments.of("unknown model", "{\"model\": \"gpt-4\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", 404, "model"),
        Arguments.of("no messages", "{\"model\": \"organism\"}", 400, "messages"),
        Arguments.of("empty messages", "{\"model\": \"organism\", \"messages\": []}", 400, "messages"),
        Arguments.of("messages not a list", "{\"model\": \"organism\", \"messages\": \"Hi\"}", 400, "messages"),
        Arguments.of("a message not an object", "{\"model\": \"organism\", \"messages\": [42]}", 400, "messages[0]"),
        Arguments.of("unknown role", "{\"model\": \"organism\", \"messages\": [{\"role\": \"robot\", \"content\": \"Hi\"}]}", 400,
            "messages[0].role"),
        Arguments.of("content a number", "{\"model\": \"organism\", \"messages\": [{\"role\": \"user\", \"content\": 7}]}", 400,
            "messages[0].content"),
        Arguments.of("negative max_tokens", "{" + ok + ", \"max_tokens\": -1}", 400, "max_tokens"),
        Arguments.of("huge max_tokens", "{" + ok + ", \"max_tokens\": 99999999999999999999999}", 400, "max_tokens"),
        Arguments.of("max_tokens past the context", "{" + ok + ", \"max_tokens\": 5000}", 400, "max_tokens"),
        Arguments.of("max_tokens a string", "{" + ok + ", \"max_tokens\": \"10\"}", 400, "max_tokens"),
        Arguments.of("NaN temperature", "{" + ok + ", \"temperature\": NaN}", 400, null),
        Arguments.of("temperature a string", "{" + ok + ", \"temperature\": \"NaN\"}", 400, "temperature"),
        Arguments.of("temperature too high", "{" + ok + ", \"temperature\": 2.5}", 400, "temperature"),
        Arguments.of("top_p zero", "{" + ok + ", \"top_p\": 0}", 400, "top_p"),
        Arguments.of("stream not a boolean", "{" + ok + ", \"stream\": \"yes\"}", 400, "stream"),
        Arguments.of("five stop strings", "{" + ok + ", \"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 400, "stop"),
        Arguments.of("n of 2", "{" + ok + ", \"n\": 2}", 400, "n"),
        Arguments.of("bad steering", "{" + ok + ", \"featurewatch\": {\"steer\": [{\"feature\": 99999, \"mode\": \"pin\", \"value\": 1}]}}",
            400, "featurewatch.steer[0].feature"),
        Arguments.of("deep nesting", "{" + ok + ", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}", 400, null),
        Arguments.of("duplicate keys", "{" + ok + ", \"model\": \"organism\"}", 400, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isAnsweredWithAnOpenAiError(String what, String body, int status, String param) {
    assertError(server.post("/v1/chat/completions", body), status, param);
  }

  static void assertError(HttpResponse<String> r, int status, String param) {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode error = TestServer.json(r).get("error");
    assertFalse(error.get("message").asText().isBlank());
    assertTrue(error.has("type") && error.has("param") && error.has("code"), r.body());
    if (param != null) {
      assertEquals(param, error.get("param").asText(), r.body());
    }
    assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] body = "{\"model\": \"organism\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi XX\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    int at = new String(body, StandardCharsets.UTF_8).indexOf("XX");
    body[at] = (byte) 0xC3;
    body[at + 1] = (byte) 0x28; // not a continuation byte
    assertError(server.postBytes("/v1/chat/completions", body), 400, null);
  }

  @Test
  void anOversizeBodyIsRefused() {
    String big = "{\"model\": \"organism\", \"messages\": [{\"role\": \"user\", \"content\": \"" + "a".repeat(70_000) + "\"}]}";
    assertError(server.post("/v1/chat/completions", big), 413, null);
  }

  @Test
  void aPromptLongerThanTheContextIsRefused() {
    String longPrompt = "The cat sat on the mat. ".repeat(400);
    HttpResponse<String> r = server.post("/v1/chat/completions", TestServer.chat(longPrompt, 4, ""));
    assertError(r, 400, "messages");
    assertEquals("context_length_exceeded", TestServer.json(r).get("error").get("code").asText());
  }

  @Test
  void unknownRoutesAndMethodsAreOpenAiErrors() {
    assertError(server.get("/v1/nothing"), 404, null);
    assertError(server.get("/v1/chat/completions"), 405, null);
  }

  @Test
  void badFeatureRequestsAreOpenAiErrors() {
    assertError(server.get("/v1/features/search?q=label:(unclosed"), 400, "q");
    assertError(server.get("/v1/features/search"), 400, "q");
    assertError(server.get("/v1/features/abc"), 400, "id");
    assertError(server.get("/v1/features/999999"), 404, null);
    assertError(server.post("/v1/features/inspect", "{}"), 400, "text");
  }
}
