package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.sae.FeatureIntervention;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFileParserTest {
  private static final String FILE = "rules/deception.yaml";
  private final RuleFileParser parser = new RuleFileParser();

  private RuleFileParser.Result parse(String yaml) {
    return parser.parse(FILE, yaml);
  }

  /** The messages of a text that must not parse. */
  private List<String> problems(String yaml) {
    RuleFileParser.Result r = parse(yaml);
    assertTrue(r.rules().isEmpty(), "a rule with problems is left out");
    return r.problems().stream().map(RuleProblem::toString).toList();
  }

  private void assertProblem(String expected, String yaml) {
    assertEquals(List.of(expected), problems(yaml));
  }

  private static final String VALID = """
      id: deception
      description: stop deceptive answers
      select:
        query: 'label:deception'
      condition:
        scope: output
        aggregate: mean
        window: 3
        threshold: 4.0
      action: block
      message: "I can't continue."
      mode: enforce
      severity: critical
      on_monitor_failure: block
      hold_back: 3
      """;

  @Test
  void readsEveryField() {
    RuleFileParser.Result r = parse(VALID);
    assertEquals(List.of(), r.problems());
    RuleDefinition d = r.rules().get(0);
    assertEquals("deception", d.id());
    assertEquals("stop deceptive answers", d.description());
    assertEquals(new Selection.Query("label:deception"), d.selection());
    assertEquals(new Condition(Scope.OUTPUT, Aggregate.MEAN, 3, Double.NaN, 4.0), d.condition());
    assertEquals(new RuleAction(ActionKind.BLOCK, "I can't continue.", null), d.action());
    assertEquals(RuleMode.ENFORCE, d.mode());
    assertEquals(Severity.CRITICAL, d.severity());
    assertEquals(MonitorFailurePolicy.BLOCK, d.onMonitorFailure());
    assertEquals(3, d.holdBack());
    assertEquals(new RuleOrigin(FILE, 1, 4), d.origin());
  }

  @Test
  void fillsDefaults() {
    RuleDefinition d = parse("""
        id: f
        select: {features: [3, 1, 3]}
        condition: {threshold: 2}
        action: flag
        """).rules().get(0);
    assertEquals(new Selection.Features(List.of(3, 1)), d.selection());
    assertEquals(new Condition(Scope.BOTH, Aggregate.MAX, 1, Double.NaN, 2.0), d.condition());
    assertEquals(RuleMode.ENFORCE, d.mode());
    assertEquals(Severity.WARNING, d.severity());
    assertEquals(MonitorFailurePolicy.BLOCK, d.onMonitorFailure());
    assertEquals(1, d.holdBack());
    assertNull(d.description());
  }

  @Test
  void readsSeveralDocumentsWithTheirOwnLines() {
    RuleFileParser.Result r = parse("""
        # two rules
        id: a
        select: {probe: deception}
        condition: {aggregate: count, window: 4, above: 0.5, threshold: 2}
        action: alert
        ---
        id: b
        select:
          features: [7]
        condition: {threshold: 1}
        action: steer
        steer: {mode: mul, value: 0.5}
        mode: shadow
        """);
    assertEquals(List.of(), r.problems());
    assertEquals(2, r.rules().size());
    RuleDefinition a = r.rules().get(0);
    assertEquals(new Selection.Probe("deception"), a.selection());
    assertEquals(new Condition(Scope.BOTH, Aggregate.COUNT, 4, 0.5, 2.0), a.condition());
    assertEquals(2, a.origin().line());
    RuleDefinition b = r.rules().get(1);
    assertEquals(7, b.origin().line());
    assertEquals(9, b.origin().selectionLine());
    assertEquals(new SteerSpec(FeatureIntervention.Kind.MUL, 0.5f), b.action().steer());
    assertEquals(RuleMode.SHADOW, b.mode());
  }

  @Test
  void ablateNeedsNoValue() {
    RuleDefinition d = parse("""
        id: s
        select: {features: [1]}
        condition: {threshold: 1}
        action: steer
        steer: {mode: ablate}
        """).rules().get(0);
    assertEquals(new SteerSpec(FeatureIntervention.Kind.ABLATE, 0f), d.action().steer());
  }

  @Test
  void wrongTypesNameFileLineAndField() {
    assertProblem("rules/deception.yaml:7: condition.threshold: must be a number, got 'high'", """
        id: deception
        select:
          query: 'label:deception'
        condition:
          scope: output
          window: 3
          threshold: high
        action: block
        """);
    assertProblem("rules/deception.yaml:4: condition.window: must be a whole number, got '2.5'", """
        id: x
        select: {features: [1]}
        condition:
          window: 2.5
          threshold: 1
        action: flag
        """);
    assertProblem("rules/deception.yaml:2: select.features[1]: must be a whole number, got 'two'", """
        id: x
        select: {features: [1, two]}
        condition: {threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:2: select.features[0]: must be at least 0, got -1", """
        id: x
        select: {features: [-1]}
        condition: {threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:3: condition.threshold: must be a finite number, got '.inf'", """
        id: x
        select: {features: [1]}
        condition: {threshold: .inf}
        action: flag
        """);
    assertProblem("rules/deception.yaml:2: select.features: must be a list, got '3'", """
        id: x
        select: {features: 3}
        condition: {threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:3: condition: must be a mapping of scope, aggregate, window, above, threshold, got '4'", """
        id: x
        select: {features: [1]}
        condition: 4
        action: flag
        """);
  }

  @Test
  void badChoicesListTheAccepted() {
    assertProblem("rules/deception.yaml:4: action: must be flag, alert, block or steer, got 'stop'", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: stop
        """);
    assertProblem("rules/deception.yaml:3: condition.scope: must be prompt, output or both, got 'input'", """
        id: x
        select: {features: [1]}
        condition: {scope: input, threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:5: mode: must be enforce or shadow, got 'true'", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        mode: yes
        """.replace("yes", "true"));
    assertProblem("rules/deception.yaml:5: severity: must be info, warning or critical, got 'high'", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        severity: high
        """);
    assertProblem("rules/deception.yaml:5: on_monitor_failure: must be block or allow, got 'ignore'", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        on_monitor_failure: ignore
        """);
    assertProblem("rules/deception.yaml:5: steer.mode: must be pin, nudge, mul or ablate, got 'clamp'", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: steer
        steer: {mode: clamp, value: 1}
        """);
  }

  @Test
  void unknownFieldsAreErrorsWithASuggestion() {
    assertProblem("rules/deception.yaml:5: condition.windw: unknown field; did you mean 'window'? fields here are scope,"
        + " aggregate, window, above, threshold", """
        id: x
        select: {features: [1]}
        condition:
          threshold: 1
          windw: 3
        action: flag
        """);
    assertProblem("rules/deception.yaml:5: colour: unknown field; fields here are id, description, select, condition,"
        + " action, message, steer, mode, severity, on_monitor_failure, hold_back", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        colour: red
        """);
  }

  @Test
  void missingAndDuplicateFields() {
    assertProblem("rules/deception.yaml:1: id: required", """
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:4: condition.threshold: required (a number)", """
        id: x
        select: {features: [1]}
        condition:
          window: 2
        action: flag
        """);
    assertProblem("rules/deception.yaml:1: action: required (flag, alert, block or steer)", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        """);
    assertProblem("rules/deception.yaml:5: action: given twice (first on line 4)", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        action: block
        """);
  }

  @Test
  void selectNeedsExactlyOneSource() {
    assertProblem("rules/deception.yaml:2: select: has features and query; give exactly one of features, query or probe", """
        id: x
        select:
          features: [1]
          query: label:deception
        condition: {threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:2: select: needs one of features, query or probe", """
        id: x
        select: {}
        condition: {threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:2: select.features: must list at least one feature index", """
        id: x
        select: {features: []}
        condition: {threshold: 1}
        action: flag
        """);
  }

  @Test
  void conditionCombinations() {
    assertProblem("rules/deception.yaml:3: condition.above: required (a number)", """
        id: x
        select: {features: [1]}
        condition: {aggregate: count, window: 3, threshold: 2}
        action: flag
        """);
    assertProblem("rules/deception.yaml:5: condition.above: only for aggregate count (this rule's aggregate is mean)", """
        id: x
        select: {features: [1]}
        condition:
          aggregate: mean
          above: 1
          threshold: 2
        action: flag
        """);
    assertProblem("rules/deception.yaml:3: condition.threshold: a count threshold must be a whole number from 1 to the window"
        + " (3), got 4", """
        id: x
        select: {features: [1]}
        condition: {aggregate: count, window: 3, above: 1, threshold: 4}
        action: flag
        """);
    assertProblem("rules/deception.yaml:3: condition.threshold: must be above 0, got 0", """
        id: x
        select: {features: [1]}
        condition: {threshold: 0}
        action: flag
        """);
    assertProblem("rules/deception.yaml:3: condition.window: must be from 1 to 4096, got 0", """
        id: x
        select: {features: [1]}
        condition: {window: 0, threshold: 1}
        action: flag
        """);
    assertProblem("rules/deception.yaml:5: hold_back: must be from 1 to 1024, got 0", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        hold_back: 0
        """);
  }

  @Test
  void actionCombinations() {
    assertProblem("rules/deception.yaml:5: message: only a block or alert action has a message (this rule's action is flag)", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        message: hi
        """);
    assertProblem("rules/deception.yaml:1: steer: required (action steer needs steer: {mode: pin|nudge|mul|ablate, value: x})", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: steer
        """);
    assertProblem("rules/deception.yaml:5: steer: only for action steer (this rule's action is block)", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: block
        steer: {mode: pin, value: 0}
        """);
    assertProblem("rules/deception.yaml:4: action: steer needs features to move (select.features or select.query); a probe has none",
        """
        id: x
        select: {probe: deception}
        condition: {threshold: 0.5}
        action: steer
        steer: {mode: pin, value: 0}
        """);
    assertProblem("rules/deception.yaml:5: steer.value: required (a number)", """
        id: x
        select: {features: [1]}
        condition: {threshold: 1}
        action: steer
        steer: {mode: pin}
        """);
  }

  @Test
  void idMustBeUsableAsFileAndLabel() {
    assertProblem("rules/deception.yaml:1: id: must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or"
        + " digit, got '../etc'", """
        id: ../etc
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        """);
  }

  @Test
  void syntaxErrorsAndNonMappings() {
    List<String> p = problems("""
        id: x
        select: {features: [1]
        condition: {threshold: 1}
        action: flag
        """);
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith("rules/deception.yaml:3: yaml: syntax error: "), p.get(0));
    assertProblem("rules/deception.yaml:3: document: a rule is a mapping of fields (id, description, select, condition, action,"
        + " message, steer, mode, severity, on_monitor_failure, hold_back), got a list", """
        # a list is not a rule
        ---
        - id: x
        """);
  }

  @Test
  void reportsEveryProblemOfEveryDocument() {
    List<String> p = problems("""
        id: a
        select: {features: [1]}
        condition: {threshold: high}
        action: flag
        ---
        id: b
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        severity: loud
        """);
    assertEquals(List.of(
        "rules/deception.yaml:3: condition.threshold: must be a number, got 'high'",
        "rules/deception.yaml:10: severity: must be info, warning or critical, got 'loud'"), p);
  }

  @Test
  void aValidDocumentNextToABrokenOneStillParses() {
    RuleFileParser.Result r = parse("""
        id: a
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        ---
        id: b
        """);
    assertEquals(1, r.rules().size());
    assertInstanceOf(Selection.Features.class, r.rules().get(0).selection());
    assertEquals(3, r.problems().size()); // b: select, condition, action
  }
}
