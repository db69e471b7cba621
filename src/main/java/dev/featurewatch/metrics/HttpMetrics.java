package dev.featurewatch.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Requests and their latency by route template, method and status. The route label is the
 * template the router matched ({@code /v1/rules/:id}), accepted only when registered; methods are
 * the standard ones; status is the numeric code.
 */
final class HttpMetrics {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private static final double[] LATENCY_BUCKETS = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

  private final KnownLabelValues routes = new KnownLabelValues(Set.of());
  private final Counter requests;
  private final Histogram duration;
  private final Counter rejected;

  HttpMetrics(CollectorRegistry registry) {
    requests = Counter.build("featurewatch_http_requests_total",
            "HTTP requests answered, by route template, method and status code.")
        .labelNames("route", "method", "status").register(registry);
    duration = Histogram.build("featurewatch_http_request_duration_seconds",
            "Time from request to the end of the response (the whole stream for streamed completions).")
        .labelNames("route", "method").buckets(LATENCY_BUCKETS).register(registry);
    rejected = Counter.build("featurewatch_rejected_requests_total",
            "Requests turned away with 429 because the generation queue was full.")
        .register(registry);
  }

  /** Routes are fixed by the code: set once at start-up; series of a route dropped later stay. */
  void setKnownRoutes(Collection<String> routeTemplates) {
    routes.replace(routeTemplates);
  }

  void record(String routeTemplate, String method, int status, Duration elapsed) {
    String route = routes.labelFor(routeTemplate);
    String methodLabel = methodLabel(method);
    requests.labels(route, methodLabel, statusLabel(status)).inc();
    duration.labels(route, methodLabel).observe(seconds(elapsed));
  }

  void countRejected() {
    rejected.inc();
  }

  static String methodLabel(String method) {
    if (method == null) {
      return KnownLabelValues.OTHER;
    }
    String upper = method.toUpperCase(Locale.ROOT);
    return METHODS.contains(upper) ? upper : KnownLabelValues.OTHER;
  }

  static String statusLabel(int status) {
    return status >= 100 && status <= 599 ? Integer.toString(status) : KnownLabelValues.OTHER;
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
