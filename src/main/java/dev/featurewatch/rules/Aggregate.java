package dev.featurewatch.rules;

/**
 * How a rule folds the values of the last N tokens of its scope into the number compared with its
 * threshold. A token's value is the largest activation among the rule's features (0 when none is
 * active), or its probe's score.
 */
public enum Aggregate {
  /** The largest value in the window. */
  MAX,
  /**
   * The sum of the window's values divided by N. Before N tokens were seen the missing ones count as
   * 0, so a long mean window cannot fire on one early spike.
   */
  MEAN,
  /** How many of the window's values are strictly above the condition's {@code above}. */
  COUNT
}
