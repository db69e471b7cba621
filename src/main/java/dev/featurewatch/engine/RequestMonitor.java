package dev.featurewatch.engine;

import dev.featurewatch.model.Hooks;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleEvaluator;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseFeatures;
import dev.featurewatch.sae.SteeringHook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The guardrail's view of one request: the hooks of its forward passes (its steering, then the
 * readouts), and after each pass the check of that pass's tokens against the rules. Steering
 * added by rules joins the hooks of the next pass. Single-threaded, like the request.
 *
 * <p>The readouts sit after the steering, so what is reported and checked is what the model
 * computed with the steering applied: a clamped feature reads as its clamped value.
 */
public final class RequestMonitor {
  private final Guardrail guardrail;
  private final RuleEvaluator evaluator;
  private final List<FeatureIntervention> requestSteering;
  private final SaeReadout saeReadout;
  private final List<ProbeReadout> probeReadouts = new ArrayList<>();
  private final int[] probeOfRuleSlot;
  private final List<TokenActivity> activity = new ArrayList<>();
  private Hooks hooks;
  private int ruleInterventionsInHooks = -1;

  RequestMonitor(Guardrail guardrail, CompiledRules rules, List<FeatureIntervention> steering) {
    this.guardrail = guardrail;
    this.evaluator = rules.newEvaluator();
    this.requestSteering = List.copyOf(steering);
    this.saeReadout = new SaeReadout(guardrail.sae(), guardrail.skipTokens());
    for (Probe probe : guardrail.probes().values()) {
      probeReadouts.add(new ProbeReadout(probe, guardrail.bosTokenId()));
    }
    List<String> loaded = guardrail.probeNames();
    List<String> wanted = rules.probeNames();
    probeOfRuleSlot = new int[wanted.size()];
    for (int i = 0; i < probeOfRuleSlot.length; i++) {
      probeOfRuleSlot[i] = loaded.indexOf(wanted.get(i)); // -1: NaN, a monitor failure for the rule
    }
  }

  /** The hooks for the next forward pass: rebuilt only when a rule has added steering. */
  public Hooks hooks() {
    List<FeatureIntervention> fromRules = evaluator.interventions();
    if (hooks == null || fromRules.size() != ruleInterventionsInHooks) {
      Hooks.Builder b = Hooks.builder();
      if (!requestSteering.isEmpty()) {
        b.add(guardrail.saeHook(), new SteeringHook(guardrail.sae(), requestSteering));
      }
      if (!fromRules.isEmpty()) {
        // After the request's own steering, so a guardrail's clamp has the last word.
        b.add(guardrail.saeHook(), new SteeringHook(guardrail.sae(), distinctFeatures(fromRules)));
      }
      b.add(guardrail.saeHook(), saeReadout);
      List<Probe> probes = List.copyOf(guardrail.probes().values());
      for (int i = 0; i < probes.size(); i++) {
        b.add(probes.get(i).hookPoint(), probeReadouts.get(i));
      }
      hooks = b.build();
      ruleInterventionsInHooks = fromRules.size();
    }
    return hooks;
  }

  /** Two steer rules on one feature: the first to fire keeps it (a hook takes one edit per feature). */
  private static List<FeatureIntervention> distinctFeatures(List<FeatureIntervention> all) {
    Map<Integer, FeatureIntervention> byFeature = new java.util.LinkedHashMap<>();
    for (FeatureIntervention iv : all) {
      byFeature.putIfAbsent(iv.feature(), iv);
    }
    return List.copyOf(byFeature.values());
  }

  /**
   * Checks the tokens of the pass that just ran (made with {@link #hooks()}).
   *
   * @param startPosition position of the first token of the pass
   * @param tokens the pass's tokens
   * @param source prompt or output
   * @return the rules that fired, in order; stops at an enforced block
   */
  public List<RuleHit> afterPass(int startPosition, int[] tokens, TokenSource source) {
    List<RuleHit> hits = List.of();
    for (int i = 0; i < tokens.length && !evaluator.isStopped(); i++) {
      int position = startPosition + i;
      SparseFeatures features = saeReadout.row(i);
      double[] scores = new double[probeReadouts.size()];
      for (int p = 0; p < scores.length; p++) {
        scores[p] = probeReadouts.get(p).row(i);
      }
      activity.add(new TokenActivity(position, tokens[i], source, features, scores));
      List<RuleHit> found = features == null ? evaluator.monitorFailed(position, source)
          : evaluator.accept(position, source, features, scoresForRules(scores));
      if (!found.isEmpty()) {
        if (hits.isEmpty()) {
          hits = new ArrayList<>(2); // most passes fire nothing and allocate nothing
        }
        hits.addAll(found);
      }
    }
    return hits;
  }

  private double[] scoresForRules(double[] scores) {
    if (probeOfRuleSlot.length == 0) {
      return null;
    }
    double[] out = new double[probeOfRuleSlot.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = probeOfRuleSlot[i] < 0 ? Double.NaN : scores[probeOfRuleSlot[i]];
    }
    return out;
  }

  /** Whether an enforced block (or a monitor failure that fails closed) ended the request. */
  public boolean isStopped() {
    return evaluator.isStopped();
  }

  public RuleEvaluator evaluator() {
    return evaluator;
  }

  /** Every hit so far. */
  public List<RuleHit> hits() {
    return evaluator.hits();
  }

  /** What was read at every token checked so far, in order. */
  public List<TokenActivity> activity() {
    return Collections.unmodifiableList(activity);
  }

  /** The SAE's failure on the latest pass, if any (for logs and metrics). */
  public RuntimeException lastFailure() {
    return saeReadout.failure();
  }
}
