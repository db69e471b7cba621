package dev.featurewatch.rules;

/**
 * What a rule does when the monitor cannot tell it a token's value (the SAE or its probe failed):
 * {@code block} fails closed (the default: a guardrail that silently stops guarding is worse than
 * one that stops answering), {@code allow} lets the token through unchecked.
 */
public enum MonitorFailurePolicy {
  BLOCK,
  ALLOW
}
