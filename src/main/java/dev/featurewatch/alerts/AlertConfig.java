package dev.featurewatch.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where alerts go and how hard delivery tries. Every Alertmanager URL gets every alert (the
 * Alertmanager documentation asks clients to send to all instances of an HA cluster); the webhook
 * is one more sink. {@link #toString()} never shows the bearer token, the webhook's path (often a
 * secret itself) or user info in a URL.
 *
 * @param alertmanagerUrls Alertmanager base URLs ({@code /api/v2/alerts} is appended); may be empty
 * @param webhookUrl the webhook to POST each alert to, or null
 * @param webhookBearerToken sent as {@code Authorization: Bearer <token>} to the webhook, or null
 * @param spoolCapacity alerts kept per sink while it cannot be reached; beyond it the oldest go
 * @param initialBackoff first wait after a failed delivery; doubles on each further failure
 * @param maxBackoff the longest wait between attempts
 * @param requestTimeout connect and response timeout of one delivery attempt
 * @param maxBatchSize most alerts in one Alertmanager POST
 * @param closeFlushTimeout how long {@link AlertDispatcher#close()} keeps delivering what is spooled
 */
public record AlertConfig(
    List<URI> alertmanagerUrls,
    URI webhookUrl,
    String webhookBearerToken,
    int spoolCapacity,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration requestTimeout,
    int maxBatchSize,
    Duration closeFlushTimeout) {

  public static final int DEFAULT_SPOOL_CAPACITY = 1000;

  public AlertConfig {
    alertmanagerUrls = List.copyOf(alertmanagerUrls);
    alertmanagerUrls.forEach(AlertConfig::requireHttp);
    if (webhookUrl != null) {
      requireHttp(webhookUrl);
    }
    if (webhookBearerToken != null && (webhookBearerToken.isEmpty() || !webhookBearerToken.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      // The message must not repeat the token.
      throw new IllegalArgumentException("webhook bearer token must be non-empty printable ASCII without spaces");
    }
    if (spoolCapacity < 1) {
      throw new IllegalArgumentException("spool capacity must be at least 1, got " + spoolCapacity);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("max batch size must be at least 1, got " + maxBatchSize);
    }
    requirePositive("initial backoff", initialBackoff);
    requirePositive("max backoff", maxBackoff);
    requirePositive("request timeout", requestTimeout);
    Objects.requireNonNull(closeFlushTimeout, "closeFlushTimeout");
    if (closeFlushTimeout.isNegative()) {
      throw new IllegalArgumentException("close flush timeout must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max backoff " + maxBackoff + " is shorter than initial backoff " + initialBackoff);
    }
  }

  /** No sinks; spool 1000; backoff 1 s doubling to 60 s; 10 s timeout; batches of 64; 5 s flush. */
  public static AlertConfig defaults() {
    return new AlertConfig(List.of(), null, null, DEFAULT_SPOOL_CAPACITY, Duration.ofSeconds(1),
        Duration.ofSeconds(60), Duration.ofSeconds(10), 64, Duration.ofSeconds(5));
  }

  public AlertConfig withAlertmanagers(URI... urls) {
    return new AlertConfig(Arrays.asList(urls), webhookUrl, webhookBearerToken, spoolCapacity, initialBackoff,
        maxBackoff, requestTimeout, maxBatchSize, closeFlushTimeout);
  }

  /** The webhook sink; {@code bearerToken} may be null. */
  public AlertConfig withWebhook(URI url, String bearerToken) {
    return new AlertConfig(alertmanagerUrls, url, bearerToken, spoolCapacity, initialBackoff, maxBackoff,
        requestTimeout, maxBatchSize, closeFlushTimeout);
  }

  public AlertConfig withSpoolCapacity(int capacity) {
    return new AlertConfig(alertmanagerUrls, webhookUrl, webhookBearerToken, capacity, initialBackoff, maxBackoff,
        requestTimeout, maxBatchSize, closeFlushTimeout);
  }

  public AlertConfig withBackoff(Duration initial, Duration max) {
    return new AlertConfig(alertmanagerUrls, webhookUrl, webhookBearerToken, spoolCapacity, initial, max,
        requestTimeout, maxBatchSize, closeFlushTimeout);
  }

  public AlertConfig withRequestTimeout(Duration timeout) {
    return new AlertConfig(alertmanagerUrls, webhookUrl, webhookBearerToken, spoolCapacity, initialBackoff,
        maxBackoff, timeout, maxBatchSize, closeFlushTimeout);
  }

  public AlertConfig withMaxBatchSize(int size) {
    return new AlertConfig(alertmanagerUrls, webhookUrl, webhookBearerToken, spoolCapacity, initialBackoff,
        maxBackoff, requestTimeout, size, closeFlushTimeout);
  }

  public AlertConfig withCloseFlushTimeout(Duration timeout) {
    return new AlertConfig(alertmanagerUrls, webhookUrl, webhookBearerToken, spoolCapacity, initialBackoff,
        maxBackoff, requestTimeout, maxBatchSize, timeout);
  }

  /** Whether any sink is configured; without one, alerts are not sent anywhere. */
  public boolean hasSinks() {
    return !alertmanagerUrls.isEmpty() || webhookUrl != null;
  }

  @Override
  public String toString() {
    return "AlertConfig[alertmanagerUrls=" + alertmanagerUrls.stream().map(LoggedUrl::withoutUserInfo).toList()
        + ", webhookUrl=" + (webhookUrl == null ? "none" : LoggedUrl.origin(webhookUrl))
        + ", webhookBearerToken=" + (webhookBearerToken == null ? "none" : "<redacted>")
        + ", spoolCapacity=" + spoolCapacity + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
        + ", requestTimeout=" + requestTimeout + ", maxBatchSize=" + maxBatchSize
        + ", closeFlushTimeout=" + closeFlushTimeout + "]";
  }

  private static void requireHttp(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
    }
  }

  private static void requirePositive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
