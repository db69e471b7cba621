package dev.featurewatch.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/** A loopback HTTP server that records every request and answers with a chosen status. */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(String method, String path, String contentType, String authorization, String body, int status) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile IntUnaryOperator statusForRequest = n -> 200;
  private volatile boolean hang;
  private final AtomicInteger count = new AtomicInteger();

  private Receiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = statusForRequest.applyAsInt(count.incrementAndGet());
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Authorization"), body, status));
      if (hang) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] answer = (status >= 400 ? "{\"error\":\"status " + status + "\"}" : "").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  static Receiver start() throws IOException {
    return new Receiver(0);
  }

  /** A receiver on a given port (one that was free a moment ago: the "comes back" case). */
  static Receiver startOn(int port) throws IOException {
    return new Receiver(port);
  }

  /** Answers the n-th request (1-based) with {@code status.applyAsInt(n)}. */
  Receiver answering(IntUnaryOperator status) {
    this.statusForRequest = status;
    return this;
  }

  /** Holds every request open until {@link #close()}. */
  Receiver hanging() {
    this.hang = true;
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
