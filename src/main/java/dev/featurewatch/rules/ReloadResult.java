package dev.featurewatch.rules;

import java.util.List;

/**
 * What a reload did: either the new rules are serving ({@code applied}, perhaps with warnings), or
 * the files had errors and the previous rules keep serving.
 *
 * @param applied whether the new snapshot replaced the old one
 * @param serving the snapshot serving after the reload (the new one, or the previous one)
 * @param errors why the files were rejected; empty when applied
 * @param warnings problems that did not stop the files from loading
 */
public record ReloadResult(boolean applied, CompiledRules serving, List<RuleProblem> errors, List<RuleProblem> warnings) {
  public ReloadResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }
}
