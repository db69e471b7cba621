package dev.featurewatch.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, compiled rule set: what the hot path reads. Built once per (re)load by {@link
 * RuleCompiler}, shared by every request, replaced as a whole. Holds the feature → rules map (the
 * idea of Lucene's Monitor: index the stored queries so that an incoming document, here a token's
 * active features, is only checked against the queries it can match), so a token costs work in
 * proportion to its active features and the rules they touch, not to the number of rules.
 */
public final class CompiledRules {
  private static final int[] NO_RULES = new int[0];

  private final List<CompiledRule> rules;
  private final Map<String, CompiledRule> byId;
  private final int[][] rulesByFeature;
  private final int[] probeRules;
  private final List<String> probeNames;
  private final List<RuleProblem> warnings;
  private final int holdBack;

  CompiledRules(List<CompiledRule> rules, int[][] rulesByFeature, int[] probeRules, List<String> probeNames,
      List<RuleProblem> warnings) {
    this.rules = List.copyOf(rules);
    Map<String, CompiledRule> ids = new LinkedHashMap<>();
    int hold = 1;
    for (CompiledRule r : rules) {
      ids.put(r.id(), r);
      if (r.definition().mode() == RuleMode.ENFORCE) {
        hold = Math.max(hold, r.definition().holdBack());
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
    this.rulesByFeature = rulesByFeature;
    this.probeRules = probeRules;
    this.probeNames = List.copyOf(probeNames);
    this.warnings = List.copyOf(warnings);
    this.holdBack = hold;
  }

  /** No rules: what a server without a rules folder runs with. */
  public static CompiledRules empty() {
    return new CompiledRules(List.of(), new int[0][], NO_RULES, List.of(), List.of());
  }

  /** Rules in file order (files by name, then documents). */
  public List<CompiledRule> rules() {
    return rules;
  }

  public Optional<CompiledRule> rule(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public int size() {
    return rules.size();
  }

  /**
   * The probes whose scores the evaluator expects for every token, in the order of the {@code
   * probeScores} array passed to {@link RuleEvaluator#accept}.
   */
  public List<String> probeNames() {
    return probeNames;
  }

  /** Problems that did not stop the rules from loading, e.g. a query that matches no feature. */
  public List<RuleProblem> warnings() {
    return warnings;
  }

  /**
   * How many output tokens the server must hold back before sending: the largest {@code hold_back}
   * of the enforce rules, at least 1 (no token leaves before its own activations were checked).
   * Shadow rules do not add latency.
   */
  public int holdBack() {
    return holdBack;
  }

  /** A fresh evaluator for one generation. */
  public RuleEvaluator newEvaluator() {
    return new RuleEvaluator(this);
  }

  /** Ordinals of the rules that read {@code feature}; shared array, do not modify. */
  int[] rulesOf(int feature) {
    return feature >= 0 && feature < rulesByFeature.length && rulesByFeature[feature] != null
        ? rulesByFeature[feature] : NO_RULES;
  }

  /** Ordinals of the rules that read a probe (evaluated on every token). */
  int[] probeRules() {
    return probeRules;
  }
}
