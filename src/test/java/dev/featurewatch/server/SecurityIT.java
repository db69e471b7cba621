package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys with scopes, each client's own audit records, per-client rate limits, CORS closed. */
class SecurityIT {
  @TempDir static Path folder;
  static TestServer server;
  static String chatKey;
  static String otherChatKey;
  static String auditorKey;
  static String adminKey;
  static String limitedKey;

  static String addKey(Path file, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 4];
    all[0] = "keys";
    all[1] = "add";
    all[2] = "--file";
    all[3] = file.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), all), err.toString());
    return out.toString().strip();
  }

  @BeforeAll
  static void start() throws Exception {
    Path keys = folder.resolve("keys.yaml");
    chatKey = addKey(keys, "--name", "team-a", "--scope", "chat");
    otherChatKey = addKey(keys, "--name", "team-b", "--scope", "chat");
    auditorKey = addKey(keys, "--name", "auditor", "--scope", "chat", "--scope", "read-audit");
    adminKey = addKey(keys, "--name", "ops", "--scope", "admin");
    limitedKey = addKey(keys, "--name", "tiny", "--scope", "chat", "--requests-per-minute", "2");
    assertFalse(Files.readString(keys).contains(chatKey), "the key file holds hashes, not keys");
    server = TestServer.start(folder, Map.of(), Map.of("security.keys_path", keys.toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> send(String key, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("content-type", "application/json");
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return server.send(b.build());
  }

  static String chat(String key) {
    HttpResponse<String> r = send(key, "POST", "/v1/chat/completions", TestServer.chat("What is the capital of Kenya?", 4, ""));
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r).get("id").asText();
  }

  @Test
  void aMissingOrWrongKeyIsRefusedAsOpenAiDoes() {
    for (String key : new String[] {null, "fw-not-a-key"}) {
      HttpResponse<String> r = send(key, "POST", "/v1/chat/completions", TestServer.chat("Hi", 2, ""));
      assertEquals(401, r.statusCode());
      assertEquals("invalid_api_key", TestServer.json(r).get("error").get("code").asText());
    }
    assertEquals(200, server.get("/health/live").statusCode(), "health stays open");
    assertEquals(200, server.get("/metrics").statusCode(), "Prometheus scrapes without a key");
  }

  @Test
  void scopesDecideWhatAKeyMayDo() {
    assertEquals(403, send(chatKey, "GET", "/v1/rules", null).statusCode());
    assertEquals(200, send(adminKey, "GET", "/v1/rules", null).statusCode());
    assertEquals(403, send(adminKey, "POST", "/v1/chat/completions", TestServer.chat("Hi", 2, "")).statusCode());
    assertEquals(403, send(chatKey, "POST", "/v1/audit/replay", "{}").statusCode());
    assertEquals("permission_error", TestServer.json(send(chatKey, "GET", "/v1/rules", null)).get("error").get("type").asText());
  }

  @Test
  void eachClientSeesOnlyItsOwnAuditRecordsUnlessItMayReadTheAudit() {
    String mine = chat(chatKey);
    String theirs = chat(otherChatKey);
    Set<String> seenByA = ids(send(chatKey, "GET", "/v1/audit?limit=100", null));
    assertTrue(seenByA.contains(mine));
    assertFalse(seenByA.contains(theirs));
    assertEquals(404, send(chatKey, "GET", "/v1/audit/" + theirs, null).statusCode());
    assertEquals("team-a", TestServer.json(send(chatKey, "GET", "/v1/audit/" + mine, null)).get("client").asText());
    Set<String> seenByAuditor = ids(send(auditorKey, "GET", "/v1/audit?limit=100", null));
    assertTrue(seenByAuditor.containsAll(List.of(mine, theirs)));
  }

  static Set<String> ids(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    Set<String> ids = new HashSet<>();
    TestServer.json(r).get("data").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  @Test
  void aClientOverItsRequestLimitGets429WithRetryAfter() {
    chat(limitedKey);
    chat(limitedKey);
    HttpResponse<String> r = send(limitedKey, "POST", "/v1/chat/completions", TestServer.chat("Hi", 2, ""));
    assertEquals(429, r.statusCode());
    assertEquals("rate_limit_exceeded", TestServer.json(r).get("error").get("code").asText());
    assertTrue(Integer.parseInt(r.headers().firstValue("retry-after").orElseThrow()) >= 1);
    chat(chatKey); // other clients are not held back
  }

  @Test
  void corsIsClosedByDefaultAndNoKeyLeaks() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v1/models"))
        .header("origin", "https://elsewhere.example").header("authorization", "Bearer " + chatKey).GET().build());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("access-control-allow-origin").isEmpty());
    String everything = String.join("\n", server.startupLog()) + server.get("/metrics").body();
    for (String key : List.of(chatKey, otherChatKey, auditorKey, adminKey, limitedKey)) {
      assertFalse(everything.contains(key));
    }
    assertTrue(server.startupLog().stream().anyMatch(l -> l.contains("API keys: 5 clients")));
    JsonNode models = TestServer.json(r);
    assertEquals("organism", models.get("data").get(0).get("id").asText());
  }
}
