package dev.featurewatch.rules;

import dev.featurewatch.sae.FeatureIntervention;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads rule files: YAML, one rule per document. Works on SnakeYAML's node tree rather than on
 * bound objects because only nodes keep their line, and every problem must name file, line and
 * field. Checks form only (types, ranges, required and unknown fields, combinations); a query's
 * syntax, feature ranges and probe names are checked by {@link RuleCompiler}, which knows the
 * dictionary and probes. Thread-safe (no state).
 */
public final class RuleFileParser {
  /** Rule ids name files, URL segments and metrics labels. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** The largest window: a request keeps one ring of this many values per rule. */
  public static final int MAX_WINDOW = 4096;
  /** The most output tokens a rule may hold back. */
  public static final int MAX_HOLD_BACK = 1024;

  static final List<String> RULE_FIELDS = List.of("id", "description", "select", "condition", "action", "message",
      "steer", "mode", "severity", "on_monitor_failure", "hold_back");
  static final List<String> SELECT_FIELDS = List.of("features", "query", "probe");
  static final List<String> CONDITION_FIELDS = List.of("scope", "aggregate", "window", "above", "threshold");
  static final List<String> STEER_FIELDS = List.of("mode", "value");

  /** The rules of one file and the problems found in it; a rule with a problem is left out. */
  public record Result(List<RuleDefinition> rules, List<RuleProblem> problems) {
    public Result {
      rules = List.copyOf(rules);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Parses a file's text.
   *
   * @param file the file's name as it should appear in messages ({@code rules/deception.yaml})
   */
  public Result parse(String file, String text) {
    List<RuleDefinition> rules = new ArrayList<>();
    List<RuleProblem> problems = new ArrayList<>();
    for (RuleDocuments.Raw doc : RuleDocuments.split(text)) {
      if (doc.isBlank()) {
        continue;
      }
      Node root;
      try {
        root = yaml().compose(new StringReader(doc.text()));
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = (mark == null ? 0 : mark.getLine()) + 1 + doc.firstLine();
        String problem = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getContext());
        problems.add(new RuleProblem(file, line, "yaml", "syntax error: " + problem.strip()));
        continue;
      } catch (YAMLException e) {
        problems.add(new RuleProblem(file, doc.firstLine() + 1, "yaml", "syntax error: " + firstLine(e.getMessage())));
        continue;
      }
      if (root == null || YamlFields.isNull(root)) {
        continue;
      }
      if (!(root instanceof MappingNode mapping)) {
        problems.add(new RuleProblem(file, root.getStartMark().getLine() + 1 + doc.firstLine(), "document",
            "a rule is a mapping of fields (" + String.join(", ", RULE_FIELDS) + "), got " + YamlFields.describe(root)));
        continue;
      }
      int before = problems.size();
      RuleDefinition rule = rule(new YamlFields(file, doc.firstLine(), "", mapping, RULE_FIELDS, problems), file);
      if (rule != null && problems.size() == before) {
        rules.add(rule);
      }
    }
    return new Result(rules, problems);
  }

  /** The {@code id} of one document's text, or null when it has none or is not even YAML. */
  static String idOf(String document) {
    try {
      Node root = yaml().compose(new StringReader(document));
      if (root instanceof MappingNode m) {
        for (org.yaml.snakeyaml.nodes.NodeTuple t : m.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id") && t.getValueNode() instanceof ScalarNode v) {
            return v.getValue();
          }
        }
      }
    } catch (YAMLException e) {
      return null;
    }
    return null;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20); // no billion laughs through a PUT
    options.setCodePointLimit(1 << 20);
    options.setAllowRecursiveKeys(false);
    return new Yaml(options);
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private RuleDefinition rule(YamlFields f, String file) {
    String id = f.text("id", true);
    if (id != null && !ID.matcher(id).matches()) {
      f.problem(f.value("id"), "id", "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit, got '"
          + id + "'");
      id = null;
    }
    String description = f.text("description", false);
    Selection selection = selection(f);
    Condition condition = condition(f);
    RuleAction action = action(f, selection);
    RuleMode mode = f.choice("mode", RuleMode.class, RuleMode.ENFORCE);
    Severity severity = f.choice("severity", Severity.class, Severity.WARNING);
    MonitorFailurePolicy onFailure = f.choice("on_monitor_failure", MonitorFailurePolicy.class, MonitorFailurePolicy.BLOCK);
    Integer holdBack = f.has("hold_back") ? f.integer("hold_back", 1, MAX_HOLD_BACK) : Integer.valueOf(1);
    if (id == null || selection == null || condition == null || action == null || mode == null || severity == null
        || onFailure == null || holdBack == null) {
      return null;
    }
    return new RuleDefinition(id, description, selection, condition, action, mode, severity, onFailure, holdBack,
        new RuleOrigin(file, f.line(), f.has("select") ? selectionLine(f) : f.line()));
  }

  private static int selectionLine(YamlFields f) {
    Node select = f.value("select");
    if (select instanceof MappingNode m && !m.getValue().isEmpty()) {
      return f.line(m.getValue().get(0).getValueNode());
    }
    return f.valueLineOf("select");
  }

  private Selection selection(YamlFields rule) {
    YamlFields f = rule.mapping("select", SELECT_FIELDS, true);
    if (f == null) {
      return null;
    }
    List<String> given = new ArrayList<>();
    for (String name : SELECT_FIELDS) {
      if (f.has(name)) {
        given.add(name);
      }
    }
    if (given.size() != 1) {
      f.problemAt(rule.lineOf("select"), "select", given.isEmpty()
          ? "needs one of features, query or probe"
          : "has " + String.join(" and ", given) + "; give exactly one of features, query or probe");
      return null;
    }
    switch (given.get(0)) {
      case "features": {
        List<Node> items = f.sequence("features");
        if (items == null) {
          return null;
        }
        if (items.isEmpty()) {
          f.problem(f.value("features"), "select.features", "must list at least one feature index");
          return null;
        }
        Set<Integer> ids = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
          Integer id = f.integer(items.get(i), "select.features[" + i + "]", 0, Integer.MAX_VALUE);
          if (id == null) {
            ok = false;
          } else {
            ids.add(id);
          }
        }
        return ok ? new Selection.Features(new ArrayList<>(ids)) : null;
      }
      case "query": {
        String q = f.text("query", true);
        return q == null ? null : new Selection.Query(q);
      }
      default: {
        String p = f.text("probe", true);
        return p == null ? null : new Selection.Probe(p);
      }
    }
  }

  private Condition condition(YamlFields rule) {
    YamlFields f = rule.mapping("condition", CONDITION_FIELDS, true);
    if (f == null) {
      return null;
    }
    Scope scope = f.choice("scope", Scope.class, Scope.BOTH);
    Aggregate aggregate = f.choice("aggregate", Aggregate.class, Aggregate.MAX);
    Integer window = f.has("window") ? f.integer("window", 1, MAX_WINDOW) : Integer.valueOf(1);
    Double above = null;
    if (aggregate == Aggregate.COUNT) {
      above = f.number("above", true);
      if (above != null && above < 0) {
        f.problem(f.value("above"), "condition.above", "must be 0 or more, got " + fmt(above));
        above = null;
      }
    } else if (f.has("above") && aggregate != null) {
      f.problemAt(f.lineOf("above"), "condition.above", "only for aggregate count (this rule's aggregate is "
          + YamlName.of(aggregate) + ")");
    }
    Double threshold = f.number("threshold", true);
    if (threshold != null) {
      if (threshold <= 0) {
        f.problem(f.value("threshold"), "condition.threshold", "must be above 0, got " + fmt(threshold));
        threshold = null;
      } else if (aggregate == Aggregate.COUNT && window != null
          && (threshold != Math.rint(threshold) || threshold > window)) {
        f.problem(f.value("threshold"), "condition.threshold", "a count threshold must be a whole number from 1 to the window ("
            + window + "), got " + fmt(threshold));
        threshold = null;
      }
    }
    if (scope == null || aggregate == null || window == null || threshold == null
        || (aggregate == Aggregate.COUNT && above == null)) {
      return null;
    }
    return new Condition(scope, aggregate, window, aggregate == Aggregate.COUNT ? above : Double.NaN, threshold);
  }

  private RuleAction action(YamlFields f, Selection selection) {
    ActionKind kind = f.has("action") ? f.choice("action", ActionKind.class, null) : null;
    if (!f.has("action")) {
      f.missing("action", YamlName.choices(ActionKind.class));
    }
    String message = f.text("message", false);
    if (kind != null && message != null && kind != ActionKind.BLOCK && kind != ActionKind.ALERT) {
      f.problemAt(f.lineOf("message"), "message", "only a block or alert action has a message (this rule's action is "
          + YamlName.of(kind) + ")");
      return null;
    }
    SteerSpec steer = null;
    if (kind == ActionKind.STEER) {
      if (selection instanceof Selection.Probe) {
        f.problemAt(f.valueLineOf("action"), "action", "steer needs features to move (select.features or select.query); "
            + "a probe has none");
        return null;
      }
      steer = steer(f);
      if (steer == null) {
        return null;
      }
    } else if (f.has("steer") && kind != null) {
      f.problemAt(f.lineOf("steer"), "steer", "only for action steer (this rule's action is " + YamlName.of(kind) + ")");
      return null;
    }
    return kind == null ? null : new RuleAction(kind, message, steer);
  }

  private SteerSpec steer(YamlFields rule) {
    YamlFields f = rule.mapping("steer", STEER_FIELDS, false);
    if (f == null) {
      if (!rule.has("steer")) {
        rule.missing("steer", "action steer needs steer: {mode: pin|nudge|mul|ablate, value: x}");
      }
      return null;
    }
    FeatureIntervention.Kind mode = null;
    if (!f.has("mode")) {
      f.missing("mode", "pin, nudge, mul or ablate");
    } else {
      mode = f.choice("mode", FeatureIntervention.Kind.class, null);
    }
    Double value = null;
    if (mode == FeatureIntervention.Kind.ABLATE) {
      if (f.has("value")) {
        f.problemAt(f.lineOf("value"), "steer.value", "ablate sets the feature to 0 and takes no value");
        return null;
      }
      value = 0.0;
    } else if (mode != null) {
      value = f.number("value", true);
      if (value != null && !Float.isFinite(value.floatValue())) {
        f.problem(f.value("value"), "steer.value", "is too large for a float, got " + fmt(value));
        value = null;
      }
    }
    return mode == null || value == null ? null : new SteerSpec(mode, value.floatValue());
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
