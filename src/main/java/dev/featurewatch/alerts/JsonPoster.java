package dev.featurewatch.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * POSTs a JSON body and classifies the answer as delivered, retry or permanent failure, the same
 * way for every HTTP sink. Header values are never put into a result's detail (they may hold a
 * token).
 */
final class JsonPoster {
  private static final int BODY_IN_DETAIL = 200;

  private final HttpClient client;
  private final Duration timeout;

  JsonPoster(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  CompletableFuture<DeliveryResult> post(URI url, byte[] json, Map<String, String> headers) {
    HttpRequest request;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(url)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json));
      headers.forEach(builder::header);
      request = builder.build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(DeliveryResult.permanentFailure("cannot build request to " + url));
    }
    try {
      return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .handle((response, error) -> error != null
              ? forError(error)
              : forStatus(response.statusCode(), response.body()));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(forError(e));
    }
  }

  /** 2xx delivered; 429, 408 and 5xx worth retrying; any other status permanent. */
  static DeliveryResult forStatus(int status, String body) {
    if (status >= 200 && status < 300) {
      return DeliveryResult.delivered();
    }
    String detail = "HTTP " + status + describeBody(body);
    if (status == 429 || status == 408 || status >= 500) {
      return DeliveryResult.retry(detail);
    }
    return DeliveryResult.permanentFailure(detail);
  }

  /** Timeouts and connection errors are worth retrying; a request the client refuses is not. */
  static DeliveryResult forError(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpTimeoutException) {
      return DeliveryResult.retry("timed out: " + cause.getMessage());
    }
    if (cause instanceof IOException) {
      String message = cause.getMessage();
      return DeliveryResult.retry(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
    if (cause instanceof IllegalArgumentException) {
      return DeliveryResult.permanentFailure("request refused: " + cause.getMessage());
    }
    return DeliveryResult.retry(cause.toString());
  }

  private static String describeBody(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return ": " + (line.length() > BODY_IN_DETAIL ? line.substring(0, BODY_IN_DETAIL) + "..." : line);
  }
}
