package dev.featurewatch.rules;

/** Why a rule hit: its condition was met, or the monitor failed and the rule fails closed. */
public enum HitCause {
  CONDITION,
  MONITOR_FAILURE
}
