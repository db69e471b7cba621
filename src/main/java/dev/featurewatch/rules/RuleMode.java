package dev.featurewatch.rules;

/** Whether a rule acts ({@code enforce}) or only reports what it would have done ({@code shadow}). */
public enum RuleMode {
  ENFORCE,
  SHADOW
}
