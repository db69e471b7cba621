package dev.featurewatch.rules;

import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checks one generation's tokens against a {@link CompiledRules} snapshot, one token at a time, in
 * sequence order (prompt tokens first, then each output token as it is sampled). Mutable and
 * single-threaded: one per request. The snapshot it was made from stays in force for the whole
 * request even if the rules are reloaded meanwhile.
 *
 * <p>Per token the work is O(active features + rules those features touch + probe rules), with no
 * allocation unless a rule fires: a rule whose features are all inactive is not visited (its window
 * sees a zero, which cannot make it fire; its window catches up when it is next touched).
 *
 * <p>A rule fires when its aggregate reaches the threshold, and then again only after the aggregate
 * has fallen below the threshold in between (one hit per episode, not one per token). A steer rule
 * fires at most once: its interventions stay in force to the end. An enforced block ends the
 * evaluation: the hits of the blocking token are returned and every later call is refused.
 */
public final class RuleEvaluator {
  private final CompiledRules snapshot;
  private final CompiledRule[] rules;
  private final SlidingWindow[] windows;
  private final long[] lastTouched;
  private final boolean[] armed;
  private final boolean[] spent; // steered, or failed closed: fires no more
  private final long[] stamp;
  private final float[] tokenValue;
  private final int[] touched;
  private final PositionHistory[] histories = new PositionHistory[Scope.values().length];
  private final List<RuleHit> hits = new ArrayList<>();
  private final List<FeatureIntervention> interventions = new ArrayList<>();
  private long tokens;
  private int lastPosition = -1;
  private RuleHit stoppedBy;

  RuleEvaluator(CompiledRules snapshot) {
    this.snapshot = snapshot;
    this.rules = snapshot.rules().toArray(new CompiledRule[0]);
    int n = rules.length;
    this.windows = new SlidingWindow[n];
    this.lastTouched = new long[n];
    this.armed = new boolean[n];
    this.spent = new boolean[n];
    this.stamp = new long[n];
    this.tokenValue = new float[n];
    this.touched = new int[n];
    int[] capacity = new int[Scope.values().length];
    for (CompiledRule r : rules) {
      Condition c = r.condition();
      windows[r.ordinal()] = new SlidingWindow(c.window(), c.aggregate() == Aggregate.COUNT ? c.above() : Double.NaN);
      capacity[c.scope().ordinal()] = Math.max(capacity[c.scope().ordinal()], c.window());
    }
    for (Scope s : Scope.values()) {
      histories[s.ordinal()] = new PositionHistory(capacity[s.ordinal()]);
    }
    java.util.Arrays.fill(lastTouched, -1);
    java.util.Arrays.fill(armed, true);
    java.util.Arrays.fill(stamp, -1);
  }

  /** The snapshot this evaluator checks against. */
  public CompiledRules rules() {
    return snapshot;
  }

  /**
   * Checks one token.
   *
   * @param position the token's sequence position; strictly increasing from call to call
   * @param source prompt or output
   * @param features the token's active SAE features (TopK's ids and values)
   * @param probeScores the token's probe scores in {@link CompiledRules#probeNames()} order; null or
   *     NaN where a probe failed (its rules then follow their {@code on_monitor_failure})
   * @return the rules that fired at this token, in rule order; empty (not allocated) when none did
   * @throws IllegalStateException after an enforced block
   */
  public List<RuleHit> accept(int position, TokenSource source, SparseFeatures features, double[] probeScores) {
    long token = begin(position, source);
    int touchedCount = 0;
    int[] ids = features.ids();
    float[] values = features.values();
    for (int i = 0; i < ids.length; i++) {
      for (int r : snapshot.rulesOf(ids[i])) {
        if (stamp[r] != token) {
          stamp[r] = token;
          tokenValue[r] = values[i];
          touched[touchedCount++] = r;
        } else if (values[i] > tokenValue[r]) {
          tokenValue[r] = values[i];
        }
      }
    }
    List<RuleHit> found = null;
    for (int r : snapshot.probeRules()) {
      int slot = rules[r].probeSlot();
      double score = probeScores != null && slot < probeScores.length ? probeScores[slot] : Double.NaN;
      if (Double.isNaN(score)) {
        found = failed(rules[r], position, source, found);
      } else {
        stamp[r] = token;
        tokenValue[r] = (float) score;
        touched[touchedCount++] = r;
      }
    }
    for (int t = 0; t < touchedCount; t++) {
      CompiledRule rule = rules[touched[t]];
      if (rule.condition().scope().includes(source)) {
        found = check(rule, tokenValue[rule.ordinal()], position, found);
      }
    }
    return finish(found);
  }

  /**
   * Records a token whose monitoring failed as a whole (the SAE could not be run on it): every rule
   * reading this token that fails closed hits with {@link HitCause#MONITOR_FAILURE} as a block; the
   * others let the token pass unchecked.
   *
   * @return the hits, as for {@link #accept}
   */
  public List<RuleHit> monitorFailed(int position, TokenSource source) {
    begin(position, source);
    List<RuleHit> found = null;
    for (CompiledRule rule : rules) {
      found = failed(rule, position, source, found);
    }
    return finish(found);
  }

  private long begin(int position, TokenSource source) {
    if (stoppedBy != null) {
      throw new IllegalStateException("evaluation ended: rule '" + stoppedBy.ruleId() + "' blocked at position "
          + stoppedBy.lastPosition());
    }
    if (position <= lastPosition) {
      throw new IllegalArgumentException("positions must increase: " + position + " after " + lastPosition);
    }
    lastPosition = position;
    histories[source == TokenSource.PROMPT ? Scope.PROMPT.ordinal() : Scope.OUTPUT.ordinal()].append(position);
    histories[Scope.BOTH.ordinal()].append(position);
    return tokens++;
  }

  private List<RuleHit> failed(CompiledRule rule, int position, TokenSource source, List<RuleHit> found) {
    RuleDefinition d = rule.definition();
    if (spent[rule.ordinal()] || d.onMonitorFailure() != MonitorFailurePolicy.BLOCK || !d.condition().scope().includes(source)) {
      return found;
    }
    spent[rule.ordinal()] = true;
    return add(found, new RuleHit(d.id(), HitCause.MONITOR_FAILURE, ActionKind.BLOCK, d.mode(), d.severity(), position,
        position, Float.NaN, Double.NaN, d.action().kind() == ActionKind.BLOCK ? d.action().message() : null, List.of()));
  }

  /** Moves the rule's window to this token, fires if the condition is met and the rule is armed. */
  private List<RuleHit> check(CompiledRule rule, float value, int position, List<RuleHit> found) {
    int r = rule.ordinal();
    Condition c = rule.condition();
    SlidingWindow window = windows[r];
    PositionHistory history = histories[c.scope().ordinal()];
    long at = history.count() - 1;
    int n = c.window();
    if (lastTouched[r] >= 0 && lastTouched[r] < at - 1) {
      // Skipped tokens were zeros and only lowered the aggregate: it was lowest just before this token.
      window.expireBefore(at - n);
      if (window.aggregate(c.aggregate()) < c.threshold()) {
        armed[r] = true;
      }
    }
    window.expireBefore(at - n + 1);
    window.add(at, value);
    lastTouched[r] = at;
    double aggregate = window.aggregate(c.aggregate());
    if (aggregate < c.threshold()) {
      armed[r] = true;
      return found;
    }
    if (!armed[r] || spent[r]) {
      return found;
    }
    armed[r] = false;
    RuleDefinition d = rule.definition();
    List<FeatureIntervention> steer = rule.interventionsAfter(position);
    if (d.action().kind() == ActionKind.STEER) {
      spent[r] = true;
    }
    int first = history.positionOf(Math.max(0, at - n + 1));
    return add(found, new RuleHit(d.id(), HitCause.CONDITION, d.action().kind(), d.mode(), d.severity(), first, position,
        window.max(), aggregate, d.action().message(), steer));
  }

  private static List<RuleHit> add(List<RuleHit> found, RuleHit hit) {
    List<RuleHit> out = found == null ? new ArrayList<>(2) : found;
    out.add(hit);
    return out;
  }

  private List<RuleHit> finish(List<RuleHit> found) {
    if (found == null) {
      return List.of();
    }
    if (found.size() > 1) {
      found.sort(Comparator.comparingInt(h -> snapshot.rule(h.ruleId()).orElseThrow().ordinal()));
    }
    for (RuleHit h : found) {
      hits.add(h);
      if (h.isEnforced() && h.action() == ActionKind.STEER) {
        interventions.addAll(h.interventions());
      }
      if (h.stopsGeneration() && stoppedBy == null) {
        stoppedBy = h;
      }
    }
    return Collections.unmodifiableList(found);
  }

  /** Every hit so far, in order (for the response's flags and the audit record). */
  public List<RuleHit> hits() {
    return Collections.unmodifiableList(hits);
  }

  /** The interventions enforced steer rules have added so far; each applies from its own position on. */
  public List<FeatureIntervention> interventions() {
    return Collections.unmodifiableList(interventions);
  }

  /** Whether an enforced block ended the evaluation. */
  public boolean isStopped() {
    return stoppedBy != null;
  }

  /** The enforced block that ended the evaluation, if one did. */
  public Optional<RuleHit> stoppedBy() {
    return Optional.ofNullable(stoppedBy);
  }
}
