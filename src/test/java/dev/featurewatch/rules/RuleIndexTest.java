package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.search.InvalidQueryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleIndexTest {

  static List<String> ids(RuleIndex index, String query) {
    return index.search(query).stream().map(CompiledRule::id).toList();
  }

  @Test
  void findsRulesByEveryField() throws Exception {
    try (DictionaryIndex dictionary = TestDictionaries.index()) {
      RuleFileParser.Result parsed = new RuleFileParser().parse("rules/test.yaml", """
          id: bridge
          description: The Golden Gate Bridge is mentioned
          select: {query: 'label:"golden gate bridge"'}
          condition: {threshold: 1}
          action: flag
          severity: info
          ---
          id: lies
          description: Stop deceptive answers
          select: {probe: deception}
          condition: {scope: output, threshold: 0.9}
          action: block
          severity: critical
          ---
          id: quiet
          select: {features: [0, 7]}
          condition: {threshold: 2}
          action: steer
          steer: {mode: ablate}
          mode: shadow
          """);
      assertEquals(List.of(), parsed.problems());
      CompiledRules rules = new RuleCompiler(dictionary, List.of("deception"), TestDictionaries.D_SAE).compile(parsed.rules());
      RuleIndex index = RuleIndex.of(rules);
      assertEquals(List.of("bridge", "quiet"), ids(index, "feature:0"), "the rules that read a feature, query or list");
      assertEquals(List.of("lies"), ids(index, "severity:critical AND action:block"));
      assertEquals(List.of("lies"), ids(index, "probe:deception"));
      assertEquals(List.of("quiet"), ids(index, "mode:shadow"));
      assertEquals(List.of("bridge"), ids(index, "golden"), "words of the description");
      assertEquals(List.of("bridge", "lies", "quiet"), ids(index, "file:\"rules/test.yaml\""));
      assertEquals(List.of("quiet"), ids(index, "severity:warning"), "the default severity");
      InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> index.search("sevrity:critical"));
      assertTrue(e.getMessage().startsWith("invalid rule query 'sevrity:critical': unknown field sevrity"), e.getMessage());
    }
  }
}
