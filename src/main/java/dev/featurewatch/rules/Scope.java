package dev.featurewatch.rules;

/**
 * Which tokens a rule reads. A rule's window slides over the tokens of its scope only: with
 * {@code output}, prompt tokens neither enter the window nor push output tokens out of it.
 */
public enum Scope {
  PROMPT,
  OUTPUT,
  BOTH;

  /** Whether a token from {@code source} belongs to this scope. */
  public boolean includes(TokenSource source) {
    return this == BOTH || (this == PROMPT) == (source == TokenSource.PROMPT);
  }
}
