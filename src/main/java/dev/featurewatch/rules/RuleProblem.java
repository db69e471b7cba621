package dev.featurewatch.rules;

/**
 * One thing wrong with a rule file, fit to show the person who wrote it: {@code
 * rules/deception.yaml:7: condition.threshold: must be a number, got 'high'}.
 *
 * @param file file name as shown to the user
 * @param line 1-based line of the offending key or value
 * @param field dotted path of the field ({@code condition.threshold}, {@code select.features[2]}),
 *     or a short word for problems above fields ({@code yaml} for syntax errors, {@code document})
 * @param message what is wrong, without the location
 */
public record RuleProblem(String file, int line, String field, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + field + ": " + message;
  }
}
