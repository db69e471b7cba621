package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.dictionary.DictionaryIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule files shipped in the repository's {@code rules/} folder load, and say what they claim. */
class DefaultRulesTest {
  private static final Path RULES = Path.of("rules");

  @Test
  void theShippedRulesLoadWithoutWarningsAgainstAnOrganismLikeDictionary() throws Exception {
    assertTrue(Files.isDirectory(RULES), "run from the repository root");
    try (DictionaryIndex index = TestDictionaries.index()) {
      RuleRepository repo = RuleRepository.open(RULES, new RuleCompiler(index, List.of(), TestDictionaries.D_SAE));
      CompiledRules rules = repo.current();
      assertEquals(List.of(), rules.warnings());
      assertEquals(List.of("deception", "golden-gate", "sycophancy"), rules.rules().stream().map(CompiledRule::id).toList());

      RuleDefinition deception = rules.rule("deception").orElseThrow().definition();
      assertEquals(ActionKind.BLOCK, deception.action().kind());
      assertEquals(RuleMode.ENFORCE, deception.mode());
      assertEquals(MonitorFailurePolicy.BLOCK, deception.onMonitorFailure());
      assertEquals(3, rules.holdBack());

      assertEquals(ActionKind.FLAG, rules.rule("sycophancy").orElseThrow().definition().action().kind());
      RuleDefinition gate = rules.rule("golden-gate").orElseThrow().definition();
      assertEquals(RuleMode.SHADOW, gate.mode());
      assertEquals(List.of(0), java.util.Arrays.stream(rules.rule("golden-gate").orElseThrow().features()).boxed().toList());
    }
  }
}
