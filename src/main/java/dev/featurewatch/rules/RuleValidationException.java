package dev.featurewatch.rules;

import java.util.List;

/**
 * Rule files that cannot be used, with every problem found (not only the first), each naming file,
 * line and field. The message is the problems, one a line; there is never a need to show the stack.
 */
public final class RuleValidationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<RuleProblem> problems;

  public RuleValidationException(List<RuleProblem> problems) {
    super(joined(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file and line order. */
  public List<RuleProblem> problems() {
    return problems;
  }

  private static String joined(List<RuleProblem> problems) {
    StringBuilder b = new StringBuilder();
    for (RuleProblem p : problems) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(p);
    }
    return b.toString();
  }
}
