package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.testing.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit search --server}: running replicas searched through their APIs, as in Kubernetes
 * where a replica's volume cannot be mounted elsewhere while it runs; merged newest first with
 * another replica's folder, and with an API key when the replica asks for one.
 */
class AuditSearchServersIT {
  @TempDir static Path folder;
  static TestServer first;
  static TestServer second;
  static String auditorKey;
  static String chatKey;
  static final List<String> answered = new ArrayList<>(); // ids, oldest first

  @BeforeAll
  static void start() {
    Path keys = folder.resolve("keys.yaml");
    auditorKey = SecurityIT.addKey(keys, "--name", "auditor", "--scope", "read-audit");
    chatKey = SecurityIT.addKey(keys, "--name", "team-a", "--scope", "chat");
    first = TestServer.start(folder.resolve("first"), Map.of(), Map.of());
    second = TestServer.start(folder.resolve("second"), Map.of(), Map.of("security.keys_path", keys.toString()));
    answered.add(ask(first, null, "What is the capital of Kenya?"));
    answered.add(ask(second, chatKey, "Tell me about the Golden Gate Bridge."));
    answered.add(ask(first, null, "What colour is fresh snow?"));
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
  }

  static String ask(TestServer server, String key, String question) {
    var request = java.net.http.HttpRequest.newBuilder(server.uri("/v1/chat/completions")).header("content-type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestServer.chat(question, 4, "")));
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    var response = server.send(request.build());
    assertEquals(200, response.statusCode(), response.body());
    return TestServer.json(response).get("id").asText();
  }

  static String address(TestServer server) {
    return "http://127.0.0.1:" + server.server().port();
  }

  static String name(TestServer server) {
    return "127.0.0.1:" + server.server().port();
  }

  static List<JsonNode> records(CliRunner.Output out) {
    List<JsonNode> records = new ArrayList<>();
    out.stdout().lines().forEach(l -> {
      try {
        records.add(TestServer.JSON.readTree(l));
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + l, e);
      }
    });
    return records;
  }

  @Test
  void runningReplicasAreSearchedAsOneNewestFirst() {
    CliRunner.Output out = CliRunner.run("audit", "search", "--server", address(first), "--server", address(second),
        "--api-key", auditorKey, "--json", "*");
    assertEquals(0, out.exitCode(), out.stderr());
    List<JsonNode> records = records(out);
    assertEquals(List.of(answered.get(2), answered.get(1), answered.get(0)), records.stream().map(r -> r.get("id").asText()).toList());
    assertEquals(List.of(name(first), name(second), name(first)), records.stream().map(r -> r.get("replica").asText()).toList());
    assertEquals(name(first) + ": 2 hits, " + name(second) + ": 1 hit (3 shown, newest first)", out.stderr().strip());

    CliRunner.Output bridge = CliRunner.run("audit", "search", "--server", address(first), "--server", address(second),
        "--api-key", auditorKey, "text:bridge");
    assertEquals(0, bridge.exitCode(), bridge.stderr());
    assertTrue(bridge.stdout().lines().skip(1).allMatch(l -> l.contains(name(second)) && l.contains(answered.get(1))), bridge.stdout());
  }

  @Test
  void aFolderAndARunningServerMergeAndACountAtTheLimitIsAtLeast() {
    CliRunner.Output out = CliRunner.run("audit", "search", "--audit", folder.resolve("first").resolve("audit").toString(),
        "--server", address(second), "--api-key", auditorKey, "--limit", "1", "*");
    assertEquals(0, out.exitCode(), out.stderr());
    List<String> lines = out.stdout().lines().toList();
    assertEquals("audit: 2 hits, " + name(second) + ": 1+ hits (1 shown, newest first)", lines.get(0));
    assertTrue(lines.get(1).contains(answered.get(2)) && lines.get(1).contains("  audit  "), lines.get(1));
  }

  @Test
  void aReplicaThatRefusesTheKeyIsAClearErrorNotAPartialAnswer() {
    CliRunner.Output none = CliRunner.run("audit", "search", "--server", address(first), "--server", address(second), "*");
    assertEquals(2, none.exitCode(), none.stdout());
    assertTrue(none.stderr().contains(name(second) + " answered 401"), none.stderr());
    assertTrue(none.stdout().isEmpty(), "nothing printed from the replica that did answer: " + none.stdout());

    CliRunner.Output bad = CliRunner.run("audit", "search", "--server", "featurewatch-0:8080", "*");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.stderr().contains("--server needs an http:// or https:// address"), bad.stderr());
  }
}
