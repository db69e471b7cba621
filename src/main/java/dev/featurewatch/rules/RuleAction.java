package dev.featurewatch.rules;

/**
 * What a rule does when it fires.
 *
 * @param kind flag, alert, block or steer
 * @param message for block (the text the client gets instead of the rest of the answer) and alert
 *     (the alert's summary); null when not given
 * @param steer for steer only, else null
 */
public record RuleAction(ActionKind kind, String message, SteerSpec steer) {}
