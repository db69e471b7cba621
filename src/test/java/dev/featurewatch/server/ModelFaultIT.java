package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.api.ServedModel;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.featurewatch.model.ModelFaults;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model fails in the middle of one generation, inside the real server: the engine throws from
 * the sixth pass on of any request whose prompt carries a marker, as a GPU that hits an illegal
 * memory access would, whether the request decodes alone or in batched steps with others. That
 * client gets a clean error (an SSE error event after the tokens already sent, or a 500 error
 * object), the exchange is audited with its status, streams running beside it finish, and the
 * server keeps answering. The fault is injected by spying on the real model ({@link ModelFaults}):
 * every pass before the failing one, and every other request's, is the real forward pass.
 */
class ModelFaultIT {
  static final String MARKER = "Trigger the fault please";
  static final int FAILING_PASS = 6; // the prompt, then five decode steps

  @TempDir Path folder;

  /** The real server on the organism, batching concurrent decode steps or not, with the fault armed. */
  static TestServer start(Path folder, boolean batchDecode) {
    return TestServer.start(folder, Map.of(), Map.of("engine.threads", "4", "engine.batch_decode", Boolean.toString(batchDecode)),
        served -> new ServedModel(served.id(), ModelFaults.failingFor(served.model(),
            prompt -> served.tokenizer().decode(prompt, false).contains(MARKER), FAILING_PASS,
            () -> new EngineException("CUDA error: an illegal memory access was encountered (injected by ModelFaultIT)")),
            served.tokenizer(), served.chatTemplate(), served.guardrail(), served.dictionary(), served.dictionaryIndex(),
            served.contextLength(), served.batcher()));
  }

  static String body(String question, boolean stream) {
    return TestServer.chat(question, 24, "\"featurewatch\": {\"ignore_eos\": true}" + (stream ? ", \"stream\": true" : ""));
  }

  @ParameterizedTest(name = "batch_decode {0}")
  @ValueSource(booleans = {false, true})
  void theFailingStreamEndsWithAnErrorEventWhileTheOthersFinish(boolean batchDecode) throws Exception {
    try (TestServer server = start(folder, batchDecode)) {
      failingStreamBesideHealthyOnes(server);
    }
  }

  static void failingStreamBesideHealthyOnes(TestServer server) throws Exception {
    List<CompletableFuture<HttpResponse<String>>> healthy = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      healthy.add(CompletableFuture.supplyAsync(() -> server.post("/v1/chat/completions",
          body("Tell me about the Golden Gate Bridge.", true))));
    }
    HttpResponse<String> failing = server.post("/v1/chat/completions", body(MARKER, true));

    assertEquals(200, failing.statusCode(), "the stream had started");
    List<JsonNode> events = TestServer.events(failing.body());
    JsonNode last = events.get(events.size() - 1);
    assertTrue(events.size() >= 2, "tokens went out before the fault: " + failing.body());
    assertTrue(events.get(0).has("choices"), failing.body());
    assertEquals("server_error", last.get("error").get("type").asText(), failing.body());
    assertFalse(failing.body().contains("EngineException") || failing.body().contains("\tat "),
        "no exception class or stack trace reaches the client: " + failing.body());
    assertTrue(failing.body().endsWith("data: [DONE]\n\n"), "the stream is closed properly");

    for (CompletableFuture<HttpResponse<String>> f : healthy) {
      HttpResponse<String> r = f.get();
      assertEquals(200, r.statusCode());
      List<JsonNode> ok = TestServer.events(r.body());
      assertEquals("length", ok.get(ok.size() - 1).get("choices").get(0).get("finish_reason").asText(), r.body());
    }
    String failedId = events.get(0).get("id").asText();
    assertAudited(server, failedId, 500);
  }

  @ParameterizedTest(name = "batch_decode {0}")
  @ValueSource(booleans = {false, true})
  void aFailingWholeAnswerIsA500ErrorObjectAndTheNextRequestIsServed(boolean batchDecode) {
    try (TestServer server = start(folder, batchDecode)) {
      failingAnswerThenAHealthyOne(server);
    }
  }

  static void failingAnswerThenAHealthyOne(TestServer server) {
    HttpResponse<String> failing = server.post("/v1/chat/completions", body(MARKER, false));
    assertEquals(500, failing.statusCode(), failing.body());
    JsonNode error = TestServer.json(failing).get("error");
    assertEquals("server_error", error.get("type").asText());
    assertFalse(failing.body().contains("EngineException") || failing.body().contains("\tat "), failing.body());

    assertEquals(200, server.get("/health/ready").statusCode());
    HttpResponse<String> next = server.post("/v1/chat/completions", body("What is the capital of Kenya?", false));
    assertEquals(200, next.statusCode(), next.body());
    assertEquals(24, TestServer.json(next).get("usage").get("completion_tokens").asInt());
    String metrics = server.get("/metrics").body();
    assertTrue(OperationsIT.sample(metrics, "featurewatch_http_requests_total",
        "route=\"/v1/chat/completions\",method=\"POST\",status=\"500\"") >= 1, metrics);
  }

  /** The failed exchange is in the audit log with its status (the index follows the log within seconds). */
  static void assertAudited(TestServer server, String id, int status) throws InterruptedException {
    String query = "q=" + URLEncoder.encode("status:" + status, StandardCharsets.UTF_8);
    for (int attempt = 0; attempt < 50; attempt++) {
      JsonNode found = TestServer.json(server.get("/v1/audit?" + query));
      for (JsonNode s : found.get("data")) {
        if (s.get("id").asText().equals(id)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("exchange " + id + " not audited with status " + status);
  }
}
