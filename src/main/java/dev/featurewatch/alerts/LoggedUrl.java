package dev.featurewatch.alerts;

import java.net.URI;

/**
 * URLs as they may appear in logs: without user info, and for webhooks without path or query,
 * since hook URLs often carry their secret in the path (Slack, Teams, many SIEMs).
 */
final class LoggedUrl {
  private LoggedUrl() {}

  /** {@code scheme://host[:port]}, plus {@code /...} when there was a path or query. */
  static String origin(URI url) {
    String origin = url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    boolean more = url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")
        || url.getRawQuery() != null;
    return more ? origin + "/..." : origin;
  }

  /** The URL without user info (a password there must not be logged). */
  static String withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
        + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }
}
