package dev.featurewatch.audit;

import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import java.util.Objects;

/**
 * One rule hit as the audit log keeps it: a {@link RuleHit} without its interventions (a steer
 * hit's effect is the rule's business; the record keeps that it fired and where).
 *
 * @param peak the window's largest value; NaN for a monitor failure (written as null)
 * @param value the aggregate that reached the threshold; NaN for a monitor failure
 * @param message the rule's message, or null
 */
public record AuditHit(String rule, HitCause cause, ActionKind action, RuleMode mode, Severity severity,
    int firstPosition, int lastPosition, double peak, double value, String message) {

  public AuditHit {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(severity, "severity");
  }

  public static AuditHit of(RuleHit hit) {
    return new AuditHit(hit.ruleId(), hit.cause(), hit.action(), hit.mode(), hit.severity(), hit.firstPosition(),
        hit.lastPosition(), hit.peak(), hit.value(), hit.message());
  }

  public boolean isEnforced() {
    return mode == RuleMode.ENFORCE;
  }

  /** Whether this hit ended the generation: an enforced block. */
  public boolean stopsGeneration() {
    return isEnforced() && action == ActionKind.BLOCK;
  }
}
