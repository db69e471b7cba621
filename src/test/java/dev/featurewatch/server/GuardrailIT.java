package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules acting on real generations: a block mid-stream leaks nothing past its trigger, a longer
 * hold-back withholds the window too, shadow rules only report, steering changes the answer and
 * shows in the features, and a broken rule file leaves the serving rules alone.
 */
class GuardrailIT {
  static final String QUESTION = "Tell me about the Golden Gate Bridge.";
  static final int MAX_TOKENS = 24;

  @TempDir static Path folder;
  static TestServer server;
  /** The unguarded greedy answer: its output tokens in order. */
  static List<JsonNode> output;

  @BeforeAll
  static void start() {
    server = TestServer.start(folder, Map.of(), Map.of());
    JsonNode answer = TestServer.json(server.post("/v1/chat/completions",
        TestServer.chat(QUESTION, MAX_TOKENS, "\"featurewatch\": {\"features\": true}")));
    output = new ArrayList<>();
    for (JsonNode t : answer.get("featurewatch").get("tokens")) {
      if (t.get("source").asText().equals("output")) {
        output.add(t);
      }
    }
    assertTrue(output.size() >= 12, "a long enough answer to block in the middle");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void removeRules() {
    for (JsonNode r : TestServer.json(server.get("/v1/rules")).get("data")) {
      assertEquals(200, server.delete("/v1/rules/" + r.get("id").asText()).statusCode());
    }
  }

  /** The strongest feature of output token {@code i}, which the tokens before it do not show as strongly. */
  static int[] triggerAt(int i) {
    JsonNode top = output.get(i).get("features").get(0);
    return new int[] {top.get("id").asInt(), (int) Math.floor(top.get("value").asDouble() * 100)};
  }

  static String rule(String id, int feature, double threshold, String action, String extra) {
    return "id: " + id + "\nselect: {features: [" + feature + "]}\ncondition: {scope: output, aggregate: max, threshold: "
        + threshold + "}\naction: " + action + "\n" + extra;
  }

  static String textBefore(int position) {
    StringBuilder s = new StringBuilder();
    for (JsonNode t : output) {
      if (t.get("position").asInt() < position) {
        s.append(t.get("text").asText());
      }
    }
    return s.toString();
  }

  static String streamedText(List<JsonNode> events) {
    StringBuilder text = new StringBuilder();
    for (JsonNode e : events) {
      for (JsonNode c : e.get("choices")) {
        if (c.has("delta") && c.get("delta").has("content")) {
          text.append(c.get("delta").get("content").asText());
        }
      }
    }
    return text.toString();
  }

  static JsonNode blockFlag(List<JsonNode> events) {
    JsonNode last = events.get(events.size() - 1);
    assertEquals("content_filter", last.get("choices").get(0).get("finish_reason").asText());
    return last.get("featurewatch").get("blocked");
  }

  @Test
  void aBlockMidStreamSendsNothingFromTheTriggerOn() {
    int[] trigger = triggerAt(8);
    assertEquals(200, server.put("/v1/rules/stop-it", rule("stop-it", trigger[0], trigger[1] / 100.0 * 0.9, "block",
        "message: Stopped.\n")).statusCode());
    List<JsonNode> events = TestServer.events(server.post("/v1/chat/completions",
        TestServer.chat(QUESTION, MAX_TOKENS, "\"stream\": true")).body());
    JsonNode block = blockFlag(events);
    int at = block.get("span").get("last_position").asInt();
    assertTrue(at <= output.get(8).get("position").asInt(), "fires at the chosen token at the latest");
    assertTrue(at >= output.get(0).get("position").asInt(), "fires on an output token");
    // Everything before the trigger and then the block message; not one character of the trigger token.
    String expected = textBefore(at);
    assertEquals(expected + (expected.isEmpty() ? "" : "\n\n") + "Stopped.", streamedText(events));
  }

  @Test
  void aLongerHoldBackAlsoWithholdsTheTokensOfTheWindow() {
    int[] trigger = triggerAt(10);
    server.put("/v1/rules/stop-late", rule("stop-late", trigger[0], trigger[1] / 100.0 * 0.9, "block",
        "message: Held.\nhold_back: 3\n"));
    List<JsonNode> events = TestServer.events(server.post("/v1/chat/completions",
        TestServer.chat(QUESTION, MAX_TOKENS, "\"stream\": true")).body());
    int at = blockFlag(events).get("span").get("last_position").asInt();
    assertTrue(at - 2 > output.get(0).get("position").asInt(), "the window lies inside the output");
    String released = textBefore(at - 2); // the trigger and the two tokens before it stay in the server
    assertNotEquals(released, textBefore(at));
    assertEquals(released + (released.isEmpty() ? "" : "\n\n") + "Held.", streamedText(events));
  }

  @Test
  void aShadowBlockReportsButLetsTheAnswerThrough() {
    int[] trigger = triggerAt(8);
    server.put("/v1/rules/would-stop", rule("would-stop", trigger[0], trigger[1] / 100.0 * 0.9, "block", "mode: shadow\n"));
    JsonNode body = TestServer.json(server.post("/v1/chat/completions", TestServer.chat(QUESTION, MAX_TOKENS, "")));
    StringBuilder unguarded = new StringBuilder();
    output.forEach(t -> unguarded.append(t.get("text").asText()));
    assertEquals(unguarded.toString(), body.get("choices").get(0).get("message").get("content").asText());
    assertNotEquals("content_filter", body.get("choices").get(0).get("finish_reason").asText());
    JsonNode flag = body.get("featurewatch").get("flags").get(0);
    assertEquals("would-stop", flag.get("rule").asText());
    assertEquals("block", flag.get("action").asText());
    assertEquals("shadow", flag.get("mode").asText());
    assertFalse(body.get("featurewatch").has("blocked"));
  }

  @Test
  void steeringChangesTheAnswerAndShowsInTheFeatures() {
    int feature = 1250; // the organism's Golden Gate feature (organism/report.md)
    server.put("/v1/rules/watch", rule("watch", feature, 1.0, "flag", ""));
    String question = "What is the capital of Kenya?";
    JsonNode plain = TestServer.json(server.post("/v1/chat/completions", TestServer.chat(question, 16, "")));
    JsonNode steered = TestServer.json(server.post("/v1/chat/completions", TestServer.chat(question, 16,
        "\"featurewatch\": {\"steer\": [{\"feature\": " + feature + ", \"mode\": \"pin\", \"value\": 8}]}")));
    assertNotEquals(plain.get("choices").get(0).get("message").get("content").asText(),
        steered.get("choices").get(0).get("message").get("content").asText());
    assertEquals(0, plain.get("featurewatch").get("flags").size());
    assertTrue(steered.get("featurewatch").get("flags").size() > 0, "the pinned feature reads high in the output");
    JsonNode applied = steered.get("featurewatch").get("steering").get(0);
    assertEquals(feature, applied.get("feature").asInt());
    assertEquals("request", applied.get("source").asText());
  }

  @Test
  void aSteerRuleChangesTheRestOfTheAnswer() {
    int[] trigger = triggerAt(4);
    server.put("/v1/rules/nudge", rule("nudge", trigger[0], trigger[1] / 100.0 * 0.9, "steer",
        "steer: {mode: nudge, value: 30}\n"));
    JsonNode body = TestServer.json(server.post("/v1/chat/completions", TestServer.chat(QUESTION, MAX_TOKENS, "")));
    JsonNode flag = body.get("featurewatch").get("flags").get(0);
    assertEquals("steer", flag.get("action").asText());
    int at = flag.get("span").get("last_position").asInt();
    String text = body.get("choices").get(0).get("message").get("content").asText();
    StringBuilder unguarded = new StringBuilder();
    output.forEach(t -> unguarded.append(t.get("text").asText()));
    assertTrue(text.startsWith(textBefore(at + 1)), "unchanged up to and including the token that fired");
    assertNotEquals(unguarded.toString(), text, "changed after it");
    assertEquals(at + 1, body.get("featurewatch").get("steering").get(0).get("from_position").asInt());
  }

  @Test
  void aBrokenRuleFileIsRejectedWithFileLineAndFieldAndTheOldRulesKeepServing() throws Exception {
    server.put("/v1/rules/keep", rule("keep", 1, 1.0, "flag", ""));
    Files.writeString(server.rulesFolder().resolve("broken.yaml"), "id: broken\nselect: {features: [1]}\ncondition:\n"
        + "  threshold: high\naction: flag\n");
    Thread.sleep(1500); // the watcher's debounce and reload
    JsonNode rules = TestServer.json(server.get("/v1/rules"));
    assertEquals(1, rules.get("data").size());
    assertEquals("keep", rules.get("data").get(0).get("id").asText());
    Files.delete(server.rulesFolder().resolve("broken.yaml"));

    JsonNode validation = TestServer.json(server.post("/v1/rules/validate",
        "id: x\nselect: {features: [1]}\ncondition:\n  threshold: high\naction: flag\n"));
    assertFalse(validation.get("valid").asBoolean());
    JsonNode problem = validation.get("errors").get(0);
    assertEquals(4, problem.get("line").asInt());
    assertEquals("condition.threshold", problem.get("field").asText());

    HttpResponse<String> put = server.put("/v1/rules/x", "id: x\nselect: {features: [1]}\ncondition: {threshold: high}\naction: flag\n");
    assertEquals(400, put.statusCode());
    JsonNode error = TestServer.json(put).get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    assertTrue(error.get("message").asText().contains(":3: condition.threshold:"), error.get("message").asText());
    assertEquals(1, TestServer.json(server.get("/v1/rules")).get("data").size());
  }
}
