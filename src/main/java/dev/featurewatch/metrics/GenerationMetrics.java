package dev.featurewatch.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.time.Duration;

/** Latency and throughput of generations, and the load on the scheduler. */
final class GenerationMetrics {
  private static final double[] FIRST_TOKEN_BUCKETS = {
      0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  private static final double[] PER_TOKEN_BUCKETS = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  private final Histogram timeToFirstToken;
  private final Histogram timePerOutputToken;
  private final Counter.Child promptTokens;
  private final Counter.Child completionTokens;
  private final SuppliedGauge queueDepth;
  private final Gauge queueCapacity;
  private final Gauge inFlight;

  GenerationMetrics(CollectorRegistry registry) {
    timeToFirstToken = Histogram.build("featurewatch_time_to_first_token_seconds",
            "Time from accepting a generation request to its first output token (queueing and prefill).")
        .buckets(FIRST_TOKEN_BUCKETS).register(registry);
    timePerOutputToken = Histogram.build("featurewatch_time_per_output_token_seconds",
            "Time between consecutive output tokens of a generation (decode step, monitoring included).")
        .buckets(PER_TOKEN_BUCKETS).register(registry);
    Counter tokens = Counter.build("featurewatch_tokens_total",
            "Tokens processed: kind=prompt (prefilled) or kind=completion (generated).")
        .labelNames("kind").register(registry);
    promptTokens = tokens.labels("prompt");
    completionTokens = tokens.labels("completion");
    queueDepth = new SuppliedGauge("featurewatch_queue_depth", "Generation requests waiting for a slot.");
    queueDepth.register(registry);
    queueCapacity = Gauge.build("featurewatch_queue_capacity",
            "Generation requests that may wait for a slot (engine.queue); more are refused with 429.")
        .register(registry);
    inFlight = Gauge.build("featurewatch_generations_in_flight", "Generations running now.").register(registry);
  }

  void recordTimeToFirstToken(Duration elapsed) {
    timeToFirstToken.observe(HttpMetrics.seconds(elapsed));
  }

  void recordTimePerOutputToken(Duration elapsed) {
    timePerOutputToken.observe(HttpMetrics.seconds(elapsed));
  }

  void countPromptTokens(long tokens) {
    promptTokens.inc(tokens);
  }

  void countCompletionTokens(long tokens) {
    completionTokens.inc(tokens);
  }

  SuppliedGauge queueDepth() {
    return queueDepth;
  }

  void setQueueCapacity(int capacity) {
    queueCapacity.set(capacity);
  }

  void generationStarted() {
    inFlight.inc();
  }

  void generationFinished() {
    inFlight.dec();
  }
}
