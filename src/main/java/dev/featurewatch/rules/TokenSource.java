package dev.featurewatch.rules;

/** Where a monitored token comes from: the prompt (prefill) or the model's output (decode). */
public enum TokenSource {
  PROMPT,
  OUTPUT
}
