package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process killed with SIGKILL while it answers and writes its audit log: on restart
 * the torn tail is found and cut off, and every exchange whose answer a client received is in the
 * log (an answer is only sent once its record is on disk).
 */
class CrashRecoveryIT {
  @TempDir Path folder;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** A server process and the lines it printed. */
  record Server(Process process, int port, List<String> log) {}

  Server start() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-jar", Path.of("target", "featurewatch.jar").toString(),
        "serve", "--port", "0", "--rules", folder.resolve("rules").toString(), "--audit", folder.resolve("audit").toString())
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> log = new ArrayList<>();
    Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      log.add(line);
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            out.lines().forEach(l -> { });
          } catch (java.io.UncheckedIOException e) {
            // the process was killed
          }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        return new Server(p, Integer.parseInt(m.group(1)), log);
      }
    }
    throw new AssertionError("the server did not start: " + log);
  }

  @Test
  void noAcknowledgedRecordIsLostWhenTheProcessIsKilled() throws Exception {
    Files.createDirectories(folder.resolve("rules"));
    for (Path rule : Files.list(Path.of("rules")).toList()) {
      Files.copy(rule, folder.resolve("rules").resolve(rule.getFileName()));
    }
    Server first = start();
    ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 400; i++) {
      clients.submit(() -> {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(TestServer.chat("Tell me about the Golden Gate Bridge.", 6, ""))).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            answered.add(TestServer.json(r).get("id").asText());
          }
        } catch (IOException e) {
          failed.incrementAndGet(); // the connection died with the server
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (answered.size() < 20 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    first.process().waitFor(10, TimeUnit.SECONDS);
    clients.shutdownNow();
    clients.awaitTermination(10, TimeUnit.SECONDS);
    Set<String> acknowledged = new HashSet<>(answered);

    // Whatever the kill left, also leave half a line at the end, as a kill mid-write does.
    Path last;
    try (Stream<Path> segments = Files.list(folder.resolve("audit"))) {
      last = segments.filter(f -> f.getFileName().toString().endsWith(".jsonl")).max(Comparator.naturalOrder()).orElseThrow();
    }
    Files.writeString(last, "0badc0de {\"id\": \"chatcmpl-torn\", \"time\": ", StandardOpenOption.APPEND);

    Server second = start();
    try {
      assertTrue(second.log().stream().anyMatch(l -> l.contains("torn tail of") && l.contains("truncated")), second.log().toString());
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/v1/audit?limit=10000"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      Set<String> logged = new HashSet<>();
      TestServer.json(r).get("data").forEach(s -> logged.add(s.get("id").asText()));
      Set<String> lost = new HashSet<>(acknowledged);
      lost.removeAll(logged);
      assertEquals(Set.of(), lost, "answered exchanges missing from the audit log");
      assertTrue(acknowledged.size() >= 20);
      assertTrue(!logged.contains("chatcmpl-torn"));
      // It still writes: a new exchange lands after the cut.
      HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/v1/chat/completions"))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TestServer.chat("Hello there.", 4, ""))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, after.statusCode());
      String id = TestServer.json(after).get("id").asText();
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/v1/audit/" + id)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    } finally {
      second.process().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
