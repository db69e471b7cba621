package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of malformed and adversarial requests at the running server: mutated JSON, wrong
 * types, control characters, invalid UTF-8, huge numbers, deep nesting, giant headers, slow
 * clients. Each is answered with a 4xx OpenAI error (or, when a mutation happens to be valid, a
 * 200), never a 5xx, and the server stays healthy.
 */
class HostileInputIT {
  static final String VALID = "{\"model\": \"organism\", \"max_tokens\": 1, \"temperature\": 0, "
      + "\"messages\": [{\"role\": \"user\", \"content\": \"Hi there\"}], \"stop\": [\"x\"], \"featurewatch\": {\"features\": false}}";
  static TestServer server;

  @BeforeContainer
  static void start() throws IOException {
    server = TestServer.start(Files.createTempDirectory("featurewatch-hostile"), Map.of(), Map.of("server.body_limit_bytes", "65536"));
  }

  @AfterContainer
  static void stop() {
    assertEquals(200, server.get("/health/ready").statusCode());
    assertEquals(200, server.post("/v1/chat/completions", VALID).statusCode(), "still answering");
    server.close();
  }

  static void assertNoServerError(HttpResponse<String> r) {
    assertTrue(r.statusCode() < 500, r.statusCode() + " " + r.body());
    if (r.statusCode() >= 400) {
      JsonNode error = TestServer.json(r).get("error");
      assertTrue(error != null && error.has("message") && error.has("type"), r.body());
    }
  }

  @Property(tries = 1500)
  void mutatedRequestsGetNoServerError(@ForAll("mutations") byte[] body) {
    assertNoServerError(answer(HttpRequest.newBuilder(server.uri("/v1/chat/completions")).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
  }

  /**
   * The answer to a request. A pooled connection the server has just closed (after answering a
   * request it would not read on) fails before a byte is sent; that is the client's race, not an
   * answer, so the request goes once more on a fresh connection, where it must be answered.
   */
  static HttpResponse<String> answer(HttpRequest request) {
    try {
      return server.send(request);
    } catch (java.io.UncheckedIOException stale) {
      try {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
            .send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException | InterruptedException e) {
        throw new AssertionError("no answer on a fresh connection either", e);
      }
    }
  }

  @Property(tries = 500)
  void wrongTypesAndExtremeValuesGetNoServerError(@ForAll("wrongTypes") String body) {
    assertNoServerError(answer(HttpRequest.newBuilder(server.uri("/v1/chat/completions")).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
  }

  @Property(tries = 300)
  void otherRoutesGetNoServerError(@ForAll("routes") String route, @ForAll("mutations") byte[] body) {
    assertNoServerError(answer(HttpRequest.newBuilder(server.uri(route)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
  }

  @Provide
  Arbitrary<String> routes() {
    return Arbitraries.of("/v1/completions", "/v1/features/inspect", "/v1/audit/replay", "/v1/rules/validate");
  }

  /** The valid request, with a handful of random byte edits: deletions, insertions (control and non-ASCII bytes too), truncation. */
  @Provide
  Arbitrary<byte[]> mutations() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, valid.length),
        Arbitraries.integers().between(0, 255)).as((kind, at, value) -> new int[] {kind, at, value});
    return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
      List<Byte> bytes = new ArrayList<>();
      for (byte b : valid) {
        bytes.add(b);
      }
      for (int[] e : edits) {
        int at = Math.min(e[1], bytes.size());
        switch (e[0]) {
          case 0 -> bytes.add(at, (byte) e[2]); // insert any byte: control characters, invalid UTF-8 lead bytes
          case 1 -> { if (at < bytes.size()) bytes.remove(at); }
          case 2 -> { if (at < bytes.size()) bytes.set(at, (byte) e[2]); }
          default -> { while (bytes.size() > at) bytes.remove(bytes.size() - 1); } // truncate
        }
      }
      byte[] out = new byte[bytes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = bytes.get(i);
      }
      return out;
    });
  }

  /** Every parameter given a value of the wrong kind or an extreme one. */
  @Provide
  Arbitrary<String> wrongTypes() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("null", "true", "[]", "{}", "\"\"", "-1", "0", "1e999999", "-1e999999", "99999999999999999999999999",
            "1.5", "NaN", "Infinity", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[]]]]]]]]", "{\"a\": {\"b\": {}}}"),
        Arbitraries.strings().ofMaxLength(40).map(TestServer::quote),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf));
    Arbitrary<String> field = Arbitraries.of("model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p",
        "seed", "stop", "stream", "stream_options", "n", "user", "featurewatch", "logprobs");
    return Combinators.combine(field, value, field, value).as((f1, v1, f2, v2) -> {
      String base = VALID.substring(1, VALID.length() - 1);
      return "{" + base + ", \"" + f1 + "\": " + v1 + (f1.equals(f2) ? "" : ", \"" + f2 + "\": " + v2) + "}";
    });
  }

  @Example
  void deepNestingAndAGiantHeaderAreRefused() {
    for (int depth : new int[] {100, 10_000}) {
      assertNoServerError(server.post("/v1/chat/completions", "[".repeat(depth) + "]".repeat(depth)));
    }
    // On a client of its own: the server closes this connection, which must not be pooled for others.
    try {
      HttpResponse<String> r = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
          .send(HttpRequest.newBuilder(server.uri("/v1/models")).header("x-big", "a".repeat(100_000)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "status " + r.statusCode());
    } catch (IOException closed) {
      // closing the connection is a clean answer too
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Example
  void slowClientsDoNotHoldOthersBack() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket("127.0.0.1", server.server().port());
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"mo")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(s); // and then nothing more: a slowloris body
      }
      long t0 = System.nanoTime();
      assertEquals(200, server.post("/v1/chat/completions", VALID).statusCode());
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "a normal request waited behind slow clients");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }
}
