package dev.featurewatch.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of one YAML mapping's fields, each problem recorded with file, line and dotted field
 * path rather than thrown, so one pass reports everything wrong with a rule. Unknown and duplicate
 * keys are problems too: a misspelt field silently ignored would silently disable a rule.
 */
final class YamlFields {
  private final String file;
  private final int lineOffset;
  private final String path;
  private final MappingNode node;
  private final List<RuleProblem> problems;
  private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

  YamlFields(String file, int lineOffset, String path, MappingNode node, List<String> allowed, List<RuleProblem> problems) {
    this.file = file;
    this.lineOffset = lineOffset;
    this.path = path;
    this.node = node;
    this.problems = problems;
    for (NodeTuple t : node.getValue()) {
      Node key = t.getKeyNode();
      if (!(key instanceof ScalarNode scalar)) {
        problem(key, path.isEmpty() ? "document" : path, "a field name must be a plain word, got " + describe(key));
        continue;
      }
      String name = scalar.getValue();
      String field = qualified(name);
      if (!allowed.contains(name)) {
        problem(key, field, unknownField(name, allowed));
      } else if (fields.containsKey(name)) {
        problem(key, field, "given twice (first on line " + line(fields.get(name).getKeyNode()) + ")");
      } else {
        fields.put(name, t);
      }
    }
  }

  private static String unknownField(String name, List<String> allowed) {
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), a);
      if (d < best) {
        best = d;
        closest = a;
      }
    }
    String hint = best <= Math.max(2, name.length() / 3) ? "did you mean '" + closest + "'? " : "";
    return "unknown field; " + hint + "fields here are " + String.join(", ", allowed);
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  String qualified(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** 1-based file line of a node. */
  int line(Node n) {
    return n.getStartMark().getLine() + 1 + lineOffset;
  }

  /** Line of this mapping's first key (where a missing field is reported). */
  int line() {
    return line(node);
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  /** Line of a present field's key, else of the mapping. */
  int lineOf(String name) {
    NodeTuple t = fields.get(name);
    return t == null ? line() : line(t.getKeyNode());
  }

  /** Line of a present field's value, else of the mapping. */
  int valueLineOf(String name) {
    NodeTuple t = fields.get(name);
    return t == null ? line() : line(t.getValueNode());
  }

  Node value(String name) {
    NodeTuple t = fields.get(name);
    return t == null ? null : t.getValueNode();
  }

  void problem(Node at, String field, String message) {
    problems.add(new RuleProblem(file, line(at), field, message));
  }

  void problemAt(int line, String field, String message) {
    problems.add(new RuleProblem(file, line, field, message));
  }

  void missing(String name, String what) {
    problemAt(line(), qualified(name), "required" + (what.isEmpty() ? "" : " (" + what + ")"));
  }

  /** A non-blank scalar as text; null (with a problem when required) otherwise. */
  String text(String name, boolean required) {
    Node v = value(name);
    if (v == null || isNull(v)) {
      if (required) {
        if (v == null) {
          missing(name, "");
        } else {
          problem(v, qualified(name), "must not be empty");
        }
      }
      return null;
    }
    if (!(v instanceof ScalarNode s)) {
      problem(v, qualified(name), "must be text, got " + describe(v));
      return null;
    }
    if (s.getValue().isBlank()) {
      problem(v, qualified(name), "must not be blank");
      return null;
    }
    return s.getValue();
  }

  /** A finite number, or null (with a problem unless absent and optional). */
  Double number(String name, boolean required) {
    Node v = value(name);
    if (v == null) {
      if (required) {
        missing(name, "a number");
      }
      return null;
    }
    return number(v, qualified(name));
  }

  Double number(Node v, String field) {
    if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
      double d = parseNumber(s.getValue());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        problem(v, field, "must be a finite number, got '" + s.getValue() + "'");
        return null;
      }
      return d;
    }
    problem(v, field, "must be a number, got " + describe(v));
    return null;
  }

  /** A whole number in [min, max], or null (with a problem unless absent and optional). */
  Integer integer(String name, int min, int max) {
    Node v = value(name);
    return v == null ? null : integer(v, qualified(name), min, max);
  }

  Integer integer(Node v, String field, int min, int max) {
    if (!(v instanceof ScalarNode s) || !(s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
      problem(v, field, "must be a whole number, got " + describe(v));
      return null;
    }
    double d = parseNumber(s.getValue());
    if (!s.getTag().equals(Tag.INT) || d != Math.rint(d)) {
      problem(v, field, "must be a whole number, got '" + s.getValue() + "'");
      return null;
    }
    if (d < min || d > max) {
      problem(v, field, "must be " + (max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max)
          + ", got " + s.getValue());
      return null;
    }
    return (int) d;
  }

  /** One of an enum's lower-case names; {@code fallback} when absent; null (with a problem) when wrong. */
  <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    Node v = value(name);
    if (v == null) {
      return fallback;
    }
    E parsed = v instanceof ScalarNode s ? YamlName.parse(type, s.getValue()) : null;
    if (parsed == null) {
      problem(v, qualified(name), "must be " + YamlName.choices(type) + ", got " + describe(v));
    }
    return parsed;
  }

  /** A nested mapping's fields, or null (with a problem when present but not a mapping, or required and absent). */
  YamlFields mapping(String name, List<String> allowed, boolean required) {
    Node v = value(name);
    if (v == null) {
      if (required) {
        missing(name, "a mapping of " + String.join(", ", allowed));
      }
      return null;
    }
    if (!(v instanceof MappingNode m)) {
      problem(v, qualified(name), "must be a mapping of " + String.join(", ", allowed) + ", got " + describe(v));
      return null;
    }
    return new YamlFields(file, lineOffset, qualified(name), m, allowed, problems);
  }

  /** A list's items, or null (with a problem when present but not a list). */
  List<Node> sequence(String name) {
    Node v = value(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof SequenceNode s)) {
      problem(v, qualified(name), "must be a list, got " + describe(v));
      return null;
    }
    return s.getValue();
  }

  static boolean isNull(Node v) {
    return v instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** How a value looks in a message: {@code 'high'}, {@code a list}, {@code a mapping}, {@code nothing}. */
  static String describe(Node v) {
    if (isNull(v)) {
      return "nothing";
    }
    if (v instanceof ScalarNode s) {
      return "'" + s.getValue() + "'";
    }
    return v instanceof SequenceNode ? "a list" : "a mapping";
  }

  /** YAML 1.1 numbers as SnakeYAML resolves them ({@code 1_000}, {@code .5}, {@code .inf}); NaN when unreadable. */
  static double parseNumber(String text) {
    String t = text.replace("_", "");
    switch (t) {
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      try {
        return Long.decode(t);
      } catch (NumberFormatException e2) {
        return Double.NaN;
      }
    }
  }
}
