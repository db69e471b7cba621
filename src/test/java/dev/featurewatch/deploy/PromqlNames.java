package dev.featurewatch.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers, ranges,
 * grouping label lists, numbers, keywords and function names are taken out. Enough for the
 * expressions we ship (checked against what the server exports), not a PromQL parser.
 */
final class PromqlNames {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LIST = Pattern.compile(
      "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  /**
   * A number or duration (skipped), or a name; group 2 is the name, group 3 is set when it is called
   * (a function, or an aggregation, whose {@code by (...)} may come first).
   */
  private static final Pattern TOKEN = Pattern.compile(
      "(\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[a-zA-Z]*)|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\(|\\s+(?:by|without)\\b)?");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "inf", "nan");
  /** Grafana's {@code label_values(query, label)}: the query's names count, the label's not. */
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$",
      Pattern.DOTALL);

  private PromqlNames() {}

  /** The metric names {@code expr} selects (Grafana variables such as {@code $job} are ignored). */
  static Set<String> of(String expr) {
    Matcher labelValues = LABEL_VALUES.matcher(expr);
    String rest = labelValues.matches() ? labelValues.group(1) : expr;
    rest = STRING.matcher(rest).replaceAll(" ");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGE.matcher(rest).replaceAll(" ");
    rest = LABEL_LIST.matcher(rest).replaceAll("$1 ");
    rest = rest.replaceAll("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = TOKEN.matcher(rest);
    while (m.find()) {
      String name = m.group(2);
      boolean call = m.group(3) != null;
      if (name != null && !call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        names.add(name);
      }
    }
    return names;
  }
}
