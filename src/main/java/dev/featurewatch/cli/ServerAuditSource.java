package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.audit.AuditQuery;
import dev.featurewatch.audit.AuditSource;
import dev.featurewatch.audit.AuditSummary;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running replica's audit trail through its API, {@code GET /v1/audit?q=&limit=}: for replicas
 * whose volumes cannot be mounted elsewhere while they run (Kubernetes ReadWriteOnce). The server
 * parses the query and, with API keys, needs a {@code read-audit} key to show every client's
 * records. It returns the newest matches but no count, so the count is "at least".
 */
final class ServerAuditSource implements AuditSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param base the server's address, e.g. {@code http://featurewatch-0.featurewatch-headless:8080}
   * @param apiKey sent as a bearer token, or null
   */
  ServerAuditSource(URI base, String apiKey) {
    if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
      throw new UsageException("--server needs an http:// or https:// address with a host, got '" + base + "'");
    }
    this.base = base;
    this.apiKey = apiKey;
  }

  /** How results name this replica: host and port. */
  String replicaName() {
    return base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
  }

  @Override
  public Hits search(AuditQuery query, int limit) {
    URI uri = base.resolve("/v1/audit?q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8) + "&limit=" + limit);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalArgumentException(replicaName() + ": cannot reach " + uri + " (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted asking " + replicaName(), e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200) {
      String message = body != null && body.path("error").path("message").isTextual() ? body.path("error").path("message").asText()
          : "HTTP " + response.statusCode();
      throw new IllegalArgumentException(replicaName() + " answered " + response.statusCode() + ": " + message);
    }
    if (body == null || !body.path("data").isArray()) {
      throw new IllegalArgumentException(replicaName() + ": not an audit search answer from " + uri);
    }
    List<AuditSummary> newest = new ArrayList<>();
    for (JsonNode item : body.get("data")) {
      newest.add(AuditSummary.fromJson(item, (path, problem) -> new IllegalArgumentException(replicaName()
          + ": an audit summary " + (path == null ? "" : "field '" + path + "' ") + problem)));
    }
    return new Hits(newest.size(), newest.size() < limit, newest);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    // HttpClient holds no resource that outlives the JVM's own; nothing to release.
  }
}
