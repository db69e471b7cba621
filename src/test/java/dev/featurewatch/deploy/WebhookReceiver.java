package dev.featurewatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stands in for every receiver of the shipped Alertmanager config: it keeps each alert of every
 * webhook notification Alertmanager posts, with the name of the receiver that sent it.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One alert as a receiver got it: the receiver's name, and the alert (labels, annotations, status). */
  record Received(String receiver, JsonNode alert) {
    String label(String name) {
      return alert.path("labels").path(name).asText(null);
    }

    String annotation(String name) {
      return alert.path("annotations").path(name).asText(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      bodies.add(body);
      try {
        JsonNode notification = JSON.readTree(body);
        for (JsonNode alert : notification.path("alerts")) {
          received.add(new Received(notification.path("receiver").asText(), alert));
        }
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException e) {
        exchange.sendResponseHeaders(400, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
  }

  /** The first alert received that {@code test} accepts, or null. */
  Received find(Predicate<Received> test) {
    return received.stream().filter(test).findFirst().orElse(null);
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  /** Every notification body, for a failure message. */
  String log() {
    return "--- webhook notifications ---\n" + String.join("\n", bodies);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
