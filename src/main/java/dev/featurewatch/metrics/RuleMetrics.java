package dev.featurewatch.metrics;

import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.RuleMode;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule hits, what they did, and how often the features rules name are active. Rule and feature
 * labels come only from the registered sets (the operator's rules): an unknown rule id is counted
 * as {@code rule="other"}, an unknown feature not at all; both are counted in
 * {@code featurewatch_unregistered_label_values_total} so a missing registration shows.
 */
final class RuleMetrics {
  private final KnownLabelValues rules = new KnownLabelValues(Set.of());
  private final Counter hits;
  private final Counter blocks;
  private final Counter.Child steers;
  private final Counter.Child monitorFailures;
  private final Counter activeTokens;
  private final Counter.Child monitoredTokens;
  private final Counter unregistered;
  /** Registered feature id → its series; replaced whole, read without locking on the token path. */
  private volatile Map<Integer, Counter.Child> featureSeries = Map.of();

  RuleMetrics(CollectorRegistry registry) {
    hits = Counter.build("featurewatch_rule_hits_total",
            "Rule hits by rule, action and mode (shadow hits counted too; they change nothing).")
        .labelNames("rule", "action", "mode").register(registry);
    blocks = Counter.build("featurewatch_blocks_total",
            "Generations stopped by an enforced block, by cause (condition or monitor_failure: failed closed).")
        .labelNames("cause").register(registry);
    blocks.labels("condition"); // both causes from the start, at 0 (see setKnownRules)
    blocks.labels("monitor_failure");
    steers = Counter.build("featurewatch_steers_total", "Enforced steer hits (interventions applied).")
        .register(registry).labels();
    monitorFailures = Counter.build("featurewatch_monitor_failures_total",
            "Tokens the monitor could not read (SAE encode failed, probe score missing).")
        .register(registry).labels();
    activeTokens = Counter.build("featurewatch_feature_active_tokens_total",
            "Monitored tokens on which a feature named by a rule was active.")
        .labelNames("feature").register(registry);
    monitoredTokens = Counter.build("featurewatch_monitored_tokens_total",
            "Tokens the monitor read; feature activation rate = active tokens / monitored tokens.")
        .register(registry).labels();
    unregistered = Counter.build("featurewatch_unregistered_label_values_total",
            "Label values refused because they were not registered (counted as other, or not counted).")
        .labelNames("label").register(registry);
  }

  /**
   * Replaces the rule ids accepted as labels. Every known rule gets its hit series for every action
   * and mode at once, at 0 (a monitor failure hits as a block whatever the rule's action): a series
   * that first appears at 1 shows no {@code increase()} in Prometheus, so an alert on it would miss
   * the first hit. Series of rules no longer known are removed; existing ones keep their counts.
   */
  synchronized void setKnownRules(Collection<String> ruleIds) {
    for (String gone : rules.replace(ruleIds)) {
      for (ActionKind action : ActionKind.values()) {
        for (RuleMode mode : RuleMode.values()) {
          hits.remove(gone, lower(action), lower(mode));
        }
      }
    }
    for (String rule : ruleIds) {
      for (ActionKind action : ActionKind.values()) {
        for (RuleMode mode : RuleMode.values()) {
          hits.labels(rule, lower(action), lower(mode)); // creates the series at 0, or finds it
        }
      }
    }
  }

  /**
   * Replaces the feature ids that get a series (those the rules name); each starts at 0, and
   * series of features no longer named are removed.
   */
  synchronized void setKnownFeatures(Collection<Integer> featureIds) {
    Map<Integer, Counter.Child> previous = featureSeries;
    Map<Integer, Counter.Child> next = new HashMap<>();
    for (Integer id : featureIds) {
      if (id != null && id >= 0) {
        next.put(id, previous.containsKey(id) ? previous.get(id) : activeTokens.labels(id.toString()));
      }
    }
    featureSeries = Map.copyOf(next);
    for (Integer id : previous.keySet()) {
      if (!next.containsKey(id)) {
        activeTokens.remove(id.toString());
      }
    }
  }

  void recordHit(RuleHit hit) {
    if (!rules.contains(hit.ruleId())) {
      unregistered.labels("rule").inc();
    }
    hits.labels(rules.labelFor(hit.ruleId()), lower(hit.action()), lower(hit.mode())).inc();
    if (hit.stopsGeneration()) {
      blocks.labels(hit.cause() == HitCause.MONITOR_FAILURE ? "monitor_failure" : "condition").inc();
    } else if (hit.isEnforced() && hit.action() == ActionKind.STEER) {
      steers.inc();
    }
  }

  void countMonitorFailures(long tokens) {
    monitorFailures.inc(tokens);
  }

  void countMonitoredTokens(long tokens) {
    monitoredTokens.inc(tokens);
  }

  /** Adds {@code tokens} to a registered feature's active count; an unregistered feature is not counted. */
  void countFeatureActiveTokens(int featureId, long tokens) {
    Counter.Child series = featureSeries.get(featureId);
    if (series != null) {
      series.inc(tokens);
    } else {
      unregistered.labels("feature").inc();
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
