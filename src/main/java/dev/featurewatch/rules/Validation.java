package dev.featurewatch.rules;

import java.util.List;

/**
 * The answer to "would these rules load?": errors that would reject them and warnings that would
 * not. Nothing was applied.
 */
public record Validation(List<RuleProblem> errors, List<RuleProblem> warnings) {
  public Validation {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }
}
