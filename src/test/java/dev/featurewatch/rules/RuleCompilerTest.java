package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.featurewatch.dictionary.DictionaryIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
  private static DictionaryIndex index;

  @BeforeAll
  static void build() {
    index = TestDictionaries.index();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static List<RuleDefinition> parse(String file, String yaml) {
    RuleFileParser.Result r = new RuleFileParser().parse(file, yaml);
    assertEquals(List.of(), r.problems());
    return r.rules();
  }

  private static RuleCompiler compiler() {
    return new RuleCompiler(index, List.of("deception", "sycophancy"), TestDictionaries.D_SAE);
  }

  private static List<String> errors(RuleCompiler compiler, List<RuleDefinition> rules) {
    RuleValidationException e = assertThrows(RuleValidationException.class, () -> compiler.compile(rules));
    return e.problems().stream().map(RuleProblem::toString).toList();
  }

  @Test
  void queriesResolveToFeaturesAndTheFeatureMapPointsBack() throws Exception {
    CompiledRules rules = compiler().compile(parse("rules/a.yaml", """
        id: deception
        select: {query: 'label:deception'}
        condition: {threshold: 1}
        action: flag
        ---
        id: bridges
        select:
          query: 'label:bridge'
        condition: {threshold: 1}
        action: flag
        ---
        id: by-id
        select: {features: [3, 12]}
        condition: {threshold: 1}
        action: flag
        ---
        id: probe
        select: {probe: sycophancy}
        condition: {threshold: 0.5}
        action: flag
        """));
    assertArrayEquals(new int[] {2, 3}, rules.rule("deception").orElseThrow().features());
    assertArrayEquals(new int[] {0, 1}, rules.rule("bridges").orElseThrow().features());
    assertEquals(1, rules.rule("probe").orElseThrow().probeSlot());
    assertArrayEquals(new int[] {0, 2}, rules.rulesOf(3)); // deception and by-id, by ordinal
    assertArrayEquals(new int[] {1}, rules.rulesOf(0));
    assertArrayEquals(new int[] {2}, rules.rulesOf(12));
    assertArrayEquals(new int[0], rules.rulesOf(5)); // no rule reads feature 5
    assertArrayEquals(new int[0], rules.rulesOf(15));
    assertArrayEquals(new int[] {3}, rules.probeRules());
    assertEquals(List.of(), rules.warnings());
  }

  @Test
  void aQueryMatchingNothingIsAWarning() throws Exception {
    CompiledRules rules = compiler().compile(parse("rules/a.yaml", """
        id: nothing
        description: matches no label
        select:
          query: 'label:unicorns'
        condition: {threshold: 1}
        action: flag
        """));
    assertEquals(List.of("rules/a.yaml:4: select.query: 'label:unicorns' matches no feature in the dictionary; the rule cannot fire"),
        rules.warnings().stream().map(RuleProblem::toString).toList());
    assertArrayEquals(new int[0], rules.rule("nothing").orElseThrow().features());
  }

  @Test
  void resolutionErrorsNameFileLineAndField() {
    List<RuleDefinition> rules = new ArrayList<>(parse("rules/a.yaml", """
        id: bad-field
        select:
          query: 'lable:deception'
        condition: {threshold: 1}
        action: flag
        ---
        id: too-wide
        select: {features: [16]}
        condition: {threshold: 1}
        action: flag
        """));
    rules.addAll(parse("rules/b.yaml", """
        id: no-probe
        select: {probe: suffering}
        condition: {threshold: 0.5}
        action: flag
        ---
        id: bad-field
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        """));
    assertEquals(List.of(
        "rules/a.yaml:3: select.query: invalid feature query 'lable:deception': unknown field lable; fields are label,"
            + " explanation, concept, tokens, index, density, max_activation, confidence",
        "rules/a.yaml:8: select.features[0]: feature 16 is outside the SAE (d_sae 16)",
        "rules/b.yaml:2: select.probe: no probe named 'suffering' is loaded (loaded: deception, sycophancy)",
        "rules/b.yaml:6: id: duplicate id 'bad-field', also defined at rules/a.yaml:1"), errors(compiler(), rules));
  }

  @Test
  void withoutDictionaryOrProbesTheCompilerSaysSo() {
    RuleCompiler bare = new RuleCompiler(null, List.of(), 0);
    assertEquals(List.of(
        "rules/a.yaml:2: select.query: no feature dictionary is loaded to run the query against; select features by id instead",
        "rules/a.yaml:7: select.probe: no probe named 'deception' is loaded (none are)"), errors(bare, parse("rules/a.yaml", """
        id: q
        select: {query: label:deception}
        condition: {threshold: 1}
        action: flag
        ---
        id: p
        select: {probe: deception}
        condition: {threshold: 0.5}
        action: flag
        """)));
  }

  @Test
  void holdBackIsTheLargestOfTheEnforceRules() throws Exception {
    CompiledRules rules = compiler().compile(parse("rules/a.yaml", """
        id: a
        select: {features: [1]}
        condition: {threshold: 1}
        action: block
        hold_back: 4
        ---
        id: b
        select: {features: [1]}
        condition: {threshold: 1}
        action: block
        mode: shadow
        hold_back: 9
        """));
    assertEquals(4, rules.holdBack());
    assertEquals(1, CompiledRules.empty().holdBack());
  }
}
