package dev.featurewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real server on the committed organism, listening on a random loopback port, with a rules
 * folder and an audit folder of the test's own; and a small HTTP client for it.
 */
public final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final FeatureWatchServer server;
  private final Path rules;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> log = new ArrayList<>();

  private TestServer(FeatureWatchServer server, Path rules) {
    this.server = server;
    this.rules = rules;
  }

  /**
   * @param folder a fresh temporary folder
   * @param ruleFiles rule file name → YAML
   * @param settings further settings by key (engine.threads, ...)
   */
  public static TestServer start(Path folder, Map<String, String> ruleFiles, Map<String, String> settings) {
    return start(folder, ruleFiles, settings, java.util.function.UnaryOperator.identity());
  }

  /**
   * Like {@link #start(Path, Map, Map)}, serving the loaded model as {@code wrap} returns it (a
   * test injecting a fault into the real model).
   */
  public static TestServer start(Path folder, Map<String, String> ruleFiles, Map<String, String> settings,
      java.util.function.UnaryOperator<dev.featurewatch.api.ServedModel> wrap) {
    try {
      Path rules = Files.createDirectories(folder.resolve("rules"));
      for (Map.Entry<String, String> f : ruleFiles.entrySet()) {
        Files.writeString(rules.resolve(f.getKey()), f.getValue());
      }
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("server.port", "0");
      overrides.put("rules.path", rules.toString());
      overrides.put("audit.path", folder.resolve("audit").toString());
      overrides.putAll(settings);
      List<String> log = new ArrayList<>();
      ServerConfig config = ServerConfig.load(null, Map.of(), overrides);
      FeatureWatchServer server = FeatureWatchServer.start(config, wrap.apply(ServedModelLoader.load(config, log::add)), log::add);
      TestServer t = new TestServer(server, rules);
      t.log.addAll(log);
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (dev.featurewatch.rules.RuleValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rule files shipped in the repository's {@code rules/} folder, by file name. */
  public static Map<String, String> shippedRules() {
    Map<String, String> rules = new LinkedHashMap<>();
    try (java.util.stream.Stream<Path> files = Files.list(Path.of("rules"))) {
      for (Path f : files.sorted().toList()) {
        rules.put(f.getFileName().toString(), Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rules;
  }

  public FeatureWatchServer server() {
    return server;
  }

  public Path rulesFolder() {
    return rules;
  }

  public List<String> startupLog() {
    return log;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> postBytes(String path, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  public HttpResponse<String> put(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return http;
  }

  /** Parses a JSON body. */
  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** The JSON events of a server-sent-events body, up to {@code [DONE]} (which must be there). */
  public static List<JsonNode> events(String body) {
    List<JsonNode> out = new ArrayList<>();
    boolean done = false;
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      if (!block.startsWith("data: ")) {
        throw new AssertionError("not an SSE data line: " + block);
      }
      String data = block.substring("data: ".length());
      if (data.equals("[DONE]")) {
        done = true;
        continue;
      }
      if (done) {
        throw new AssertionError("an event after [DONE]: " + data);
      }
      try {
        out.add(JSON.readTree(data));
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + data, e);
      }
    }
    if (!done) {
      throw new AssertionError("the stream did not end with data: [DONE]: " + body);
    }
    return out;
  }

  /** A chat request body: greedy, one user message. */
  public static String chat(String userMessage, int maxTokens, String extra) {
    return "{\"model\": \"organism\", \"temperature\": 0, \"max_tokens\": " + maxTokens
        + ", \"messages\": [{\"role\": \"user\", \"content\": " + quote(userMessage) + "}]"
        + (extra == null || extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  public static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
