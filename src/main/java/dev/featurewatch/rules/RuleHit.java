package dev.featurewatch.rules;

import dev.featurewatch.sae.FeatureIntervention;
import java.util.List;

/**
 * One rule firing at one token. A shadow hit says what the rule would have done; nothing acts on
 * it ({@link #isEnforced()} is false), but it is reported and audited like any other.
 *
 * @param ruleId the rule's id
 * @param cause whether the condition was met or the monitor failed (and the rule fails closed)
 * @param action what the rule does (a monitor failure that fails closed is a block)
 * @param mode enforce or shadow
 * @param severity the rule's severity
 * @param firstPosition sequence position of the oldest token in the window that fired
 * @param lastPosition sequence position of the token that fired it
 * @param peak the largest value in the window (NaN for a monitor failure)
 * @param value the aggregate that reached the threshold (NaN for a monitor failure)
 * @param message the rule's block or alert message, or null
 * @param interventions for a steer hit: the interventions (from {@code lastPosition + 1} on) it
 *     applies, or would apply in shadow mode; empty otherwise
 */
public record RuleHit(
    String ruleId,
    HitCause cause,
    ActionKind action,
    RuleMode mode,
    Severity severity,
    int firstPosition,
    int lastPosition,
    float peak,
    double value,
    String message,
    List<FeatureIntervention> interventions) {

  public RuleHit {
    interventions = List.copyOf(interventions);
  }

  public boolean isEnforced() {
    return mode == RuleMode.ENFORCE;
  }

  public boolean isShadow() {
    return mode == RuleMode.SHADOW;
  }

  /** Whether this hit ends the generation: an enforced block. */
  public boolean stopsGeneration() {
    return isEnforced() && action == ActionKind.BLOCK;
  }
}
