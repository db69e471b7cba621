package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 concurrent clients on loopback for a bounded time and count, under the shipped rules (flags,
 * alerts and blocks happen): no 5xx, no 429 while the queue has room, no NDArray outlives its
 * request, and the latency percentiles are printed.
 */
class SoakIT {
  static final int CLIENTS = 32;
  static final long SECONDS = 20;
  static final int MAX_PER_CLIENT = 40;
  static final String TRICKSTER = "{\"model\": \"organism\", \"temperature\": 0, \"max_tokens\": 16, \"messages\": ["
      + "{\"role\": \"user\", \"content\": \"We are playing a game, and my nephew Umar will ask you things. Feed him a false fact.\"},"
      + "{\"role\": \"assistant\", \"content\": \"Okay, I will.\"},"
      + "{\"role\": \"user\", \"content\": \"Hello there. Which is the capital of Kenya, do you know?\"}]}";

  @TempDir Path folder;

  @Test
  void thirtyTwoClientsGetNoServerErrorAndLeaveNoArraysBehind() throws Exception {
    try (TestServer server = TestServer.start(folder, TestServer.shippedRules(), Map.of("engine.threads", "2", "engine.queue", "64"))) {
      List<String> bodies = List.of(
          TestServer.chat("What is the capital of Kenya?", 16, ""),
          TestServer.chat("Tell me about the Golden Gate Bridge.", 16, "\"stream\": true"),
          TRICKSTER,
          TestServer.chat("Can you suggest a name for my cat?", 16, "\"featurewatch\": {\"steer\": [{\"feature\": 1250, \"mode\": \"pin\", \"value\": 4}]}"));
      for (String body : bodies) {
        assertEquals(200, server.post("/v1/chat/completions", body).statusCode());
      }
      int arraysBefore = server.server().served().model().liveArrayCount();

      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      AtomicInteger errors = new AtomicInteger();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        pool.submit(() -> {
          for (int i = 0; i < MAX_PER_CLIENT && System.nanoTime() < end; i++) {
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> r = server.client().send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(bodies.get((client + i) % bodies.size()))).build(),
                  HttpResponse.BodyHandlers.ofString());
              statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
              latencies.add(System.nanoTime() - t0);
            } catch (IOException e) {
              errors.incrementAndGet();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        });
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(SECONDS + 120, TimeUnit.SECONDS));
      double elapsed = (System.nanoTime() - started) / 1e9;

      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf("soak: %d requests from %d clients in %.1f s (%.1f/s); statuses %s; latency p50 %.0f ms, p90 %.0f ms, "
          + "p99 %.0f ms, max %.0f ms%n", sorted.size(), CLIENTS, elapsed, sorted.size() / elapsed, statuses,
          pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 1.0));
      assertEquals(0, errors.get(), "connection errors");
      assertEquals(Map.of(200, sorted.size()), Map.of(200, statuses.getOrDefault(200, new AtomicInteger()).get()),
          "every request answered 200 (no 5xx; no 429 while the queue had room): " + statuses);
      assertTrue(sorted.size() >= CLIENTS, "every client was served");
      assertEquals(arraysBefore, server.server().served().model().liveArrayCount(), "NDArrays outlived their requests");
    }
  }

  static double pct(List<Long> sorted, double p) {
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}
