package dev.featurewatch.server;

import dev.featurewatch.api.Exchange;
import dev.featurewatch.api.ExchangeObserver;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.metrics.ServerMetrics;
import dev.featurewatch.rules.CompiledRule;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleHit;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Feeds the Prometheus metrics from every exchange: tokens, latencies, rule hits, monitor failures,
 * and how often the features that rules name were active.
 */
final class MetricsObserver implements ExchangeObserver {
  private final ServerMetrics metrics;
  private final Supplier<CompiledRules> rules;
  private volatile CompiledRules registeredFor;

  /** Registers the rules serving now at once, so their series are there (at 0) before the first hit. */
  MetricsObserver(ServerMetrics metrics, Supplier<CompiledRules> rules) {
    this.metrics = metrics;
    this.rules = rules;
    register();
  }

  /**
   * Registers the rule ids and the features they read as label values, once per rules snapshot: at
   * start, from the rule repository on every change, and lazily here in case a request reads a new
   * snapshot before the repository's call arrives.
   */
  private void register() {
    register(rules.get());
  }

  void register(CompiledRules now) {
    if (now == registeredFor) {
      return;
    }
    synchronized (this) {
      if (now != registeredFor) {
        Set<Integer> features = new TreeSet<>();
        for (CompiledRule r : now.rules()) {
          for (int f : r.features()) {
            features.add(f);
          }
        }
        metrics.setKnownRules(now.rules().stream().map(CompiledRule::id).toList());
        metrics.setKnownFeatures(features);
        registeredFor = now;
      }
    }
  }

  @Override
  public void onStarted(Exchange exchange) {
    metrics.generationStarted();
  }

  @Override
  public void onHits(Exchange exchange, List<RuleHit> hits) {
    register();
    hits.forEach(metrics::recordRuleHit);
  }

  @Override
  public void onFinished(Exchange exchange) {
    if (exchange.status() == 429) {
      metrics.countRejectedRequest();
    }
    GuardedGeneration g = exchange.result();
    if (!Double.isNaN(exchange.queueSeconds())) {
      metrics.generationFinished();
    }
    if (g == null) {
      return;
    }
    register();
    metrics.countPromptTokens(g.promptTokens().length);
    metrics.countCompletionTokens(g.releasedTokens().length);
    if (g.firstTokenNanos() >= 0) {
      metrics.recordTimeToFirstToken(Duration.ofNanos(g.firstTokenNanos()));
      int later = g.releasedTokens().length - 1;
      if (later > 0) {
        metrics.recordTimePerOutputToken(Duration.ofNanos((g.totalNanos() - g.firstTokenNanos()) / later));
      }
    }
    long monitored = 0;
    long failures = 0;
    java.util.Map<Integer, Long> active = new java.util.HashMap<>();
    CompiledRules now = rules.get();
    for (TokenActivity a : g.activity()) {
      if (!a.monitored()) {
        failures++;
        continue;
      }
      monitored++;
      for (int id : a.features().ids()) {
        active.merge(id, 1L, Long::sum);
      }
    }
    metrics.countMonitoredTokens(monitored);
    metrics.countMonitorFailures(failures);
    for (CompiledRule r : now.rules()) {
      for (int f : r.features()) {
        Long n = active.remove(f); // a feature two rules read is counted once
        if (n != null) {
          metrics.countFeatureActiveTokens(f, n);
        }
      }
    }
  }
}
