package dev.featurewatch.model;

import java.util.regex.Pattern;
import java.util.regex.Matcher;

/** Rewrites Python-only syntax in chat templates into forms jinjava parses the same way. */
final class JinjaSourceRewriter {
  private static final Pattern REVERSE_SLICE = Pattern.compile("\\[\\s*:\\s*:\\s*-\\s*1\\s*\\]");
  private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%\\}");

  private JinjaSourceRewriter() {}

  /**
   * Rewrites two pieces of Python syntax that jinjava parses differently, both in Qwen3's template:
   *
   * <ul>
   *   <li>keyword argument values get parentheses: jinjava parses {@code name=value} as an operator
   *       binding like {@code +}, so {@code namespace(i=messages|length - 1)} would be {@code
   *       (i=messages|length) - 1};
   *   <li>{@code x[::-1]} becomes {@code (x|reverse)}: jinjava has no slice steps, and its {@code
   *       reverse} gives a list for a list and a string for a string, as the slice does.
   * </ul>
   *
   * Only the insides of {@code {{ }}} and {@code {% %}} are touched, never string literals,
   * comments, raw blocks or macro signatures (whose defaults jinjava parses separately).
   */
  static String rewriteForJinjava(String source) {
    StringBuilder out = new StringBuilder(source.length() + 16);
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("{#", i)) {
        int end = source.indexOf("#}", i + 2);
        end = end < 0 ? source.length() : end + 2;
        out.append(source, i, end);
        i = end;
      } else if (source.startsWith("{{", i) || source.startsWith("{%", i)) {
        String closer = source.charAt(i + 1) == '{' ? "}}" : "%}";
        int end = endOfTag(source, i + 2, closer);
        String body = source.substring(i + 2, end);
        String keyword = body.replaceFirst("^[-+]?\\s*", "");
        if (closer.equals("%}") && keyword.matches("(?s)raw\\b.*")) {
          Matcher endRaw = END_RAW.matcher(source);
          int rawEnd = endRaw.find(end) ? endRaw.end() : source.length();
          out.append(source, i, rawEnd);
          i = rawEnd;
          continue;
        }
        out.append(source, i, i + 2);
        if (closer.equals("%}") && keyword.matches("(?s)(macro|call)\\b.*")) {
          out.append(body);
        } else {
          rewriteExpression(body, out);
        }
        end = Math.min(end + 2, source.length());
        out.append(source, i + 2 + body.length(), end);
        i = end;
      } else {
        out.append(source.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Index of the closer of a tag whose body starts at {@code from}, skipping string literals. */
  private static int endOfTag(String source, int from, String closer) {
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\'' || c == '"') {
        i = endOfStringLiteral(source, i);
      } else if (source.startsWith(closer, i)) {
        return i;
      }
    }
    return source.length();
  }

  /**
   * Index of the quote that closes the string literal opening at {@code open} (backslash escapes
   * skipped), or the last index if it never closes.
   */
  static int endOfStringLiteral(String text, int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return text.length() - 1;
  }

  private static void rewriteExpression(String expression, StringBuilder out) {
    int start = out.length();
    // One entry per open bracket: the bracket, and whether a keyword value is open inside it.
    StringBuilder brackets = new StringBuilder();
    StringBuilder valueOpen = new StringBuilder();
    Matcher reverse = REVERSE_SLICE.matcher(expression);
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      int top = brackets.length() - 1;
      if (c == '\'' || c == '"') {
        int end = endOfStringLiteral(expression, i);
        out.append(expression, i, end + 1);
        i = end;
      } else if (c == '[' && reverse.region(i, expression.length()).lookingAt()) {
        out.insert(startOfOperand(out, start), '(').append("|reverse)");
        i = reverse.end() - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        brackets.append(c);
        valueOpen.append('n');
        out.append(c);
      } else if ((c == ')' || c == ']' || c == '}') && top >= 0) {
        if (valueOpen.charAt(top) == 'y') {
          out.append(')');
        }
        brackets.setLength(top);
        valueOpen.setLength(top);
        out.append(c);
      } else if (c == ',' && top >= 0 && valueOpen.charAt(top) == 'y') {
        out.append("),");
        valueOpen.setCharAt(top, 'n');
      } else if (c == '='
          && top >= 0
          && brackets.charAt(top) == '('
          && valueOpen.charAt(top) == 'n'
          && isKeywordAssignment(expression, i)) {
        out.append("=(");
        valueOpen.setCharAt(top, 'y');
      } else {
        out.append(c);
      }
    }
    // An unbalanced expression is left for jinjava to report.
    for (int top = brackets.length() - 1; top >= 0; top--) {
      if (valueOpen.charAt(top) == 'y') {
        out.append(')');
      }
    }
  }

  /**
   * Start of the operand that ends {@code out}: a name with attribute and index accesses and calls,
   * or a string literal, but not before {@code limit}.
   */
  private static int startOfOperand(StringBuilder out, int limit) {
    int p = out.length();
    while (p > limit) {
      char c = out.charAt(p - 1);
      if (c == ')' || c == ']') {
        int depth = 0;
        do {
          char d = out.charAt(--p);
          depth += d == ')' || d == ']' ? 1 : d == '(' || d == '[' ? -1 : 0;
        } while (depth > 0 && p > limit);
      } else if (c == '\'' || c == '"') {
        p--;
        while (p > limit && out.charAt(p - 1) != c) {
          p--;
        }
        p = Math.max(p - 1, limit);
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        p--;
      } else {
        break;
      }
    }
    return p;
  }

  /** Whether the {@code =} at {@code at} follows a name (so is not part of ==, <=, != or >=). */
  private static boolean isKeywordAssignment(String expression, int at) {
    if (at + 1 < expression.length() && expression.charAt(at + 1) == '=') {
      return false;
    }
    int before = at - 1;
    while (before >= 0 && Character.isWhitespace(expression.charAt(before))) {
      before--;
    }
    return before >= 0
        && (Character.isLetterOrDigit(expression.charAt(before))
            || expression.charAt(before) == '_');
  }
}
