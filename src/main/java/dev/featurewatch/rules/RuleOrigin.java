package dev.featurewatch.rules;

/**
 * Where a rule was written, so problems found later (when its query is run against the dictionary)
 * still name file and line.
 *
 * @param file file name as shown in messages, e.g. {@code rules/deception.yaml}
 * @param line 1-based line of the rule's first field
 * @param selectionLine 1-based line of the value under {@code select} (the query, the feature list
 *     or the probe name)
 */
public record RuleOrigin(String file, int line, int selectionLine) {
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
