package dev.featurewatch.rules;

/** What a rule does when it fires (in enforce mode; a shadow rule only reports it). */
public enum ActionKind {
  /** Record the hit in the response's {@code featurewatch} extension and the audit log. */
  FLAG,
  /** Flag, and send an alert (Alertmanager or webhook). */
  ALERT,
  /** Stop the generation: no further token leaves; {@code finish_reason: content_filter}. */
  BLOCK,
  /** Intervene on the rule's features from the next position on. */
  STEER
}
