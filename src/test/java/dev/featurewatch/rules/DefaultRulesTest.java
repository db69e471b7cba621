package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.probe.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule files shipped in the repository's {@code rules/} folder load against the committed
 * organism (its dictionary and probes) and say what they claim.
 */
class DefaultRulesTest {
  private static final Path RULES = Path.of("rules");

  @Test
  void theShippedRulesLoadAgainstTheCommittedOrganism() throws Exception {
    assertTrue(Files.isDirectory(RULES), "run from the repository root");
    FeatureDictionary dictionary = DictionaryFiles.read(Path.of("dictionaries/organism/dictionary.jsonl"));
    try (DictionaryIndex index = DictionaryIndex.inMemory(dictionary)) {
      RuleRepository repo = RuleRepository.open(RULES, new RuleCompiler(index, List.of("deception", "sycophancy"),
          dictionary.metadata().dSae()));
      CompiledRules rules = repo.current();
      assertEquals(List.of(), rules.warnings());
      assertEquals(List.of("deception", "golden-gate", "sycophancy"), rules.rules().stream().map(CompiledRule::id).toList());

      RuleDefinition deception = rules.rule("deception").orElseThrow().definition();
      assertEquals(new Selection.Probe("deception"), deception.selection());
      assertEquals(ActionKind.BLOCK, deception.action().kind());
      assertEquals(RuleMode.ENFORCE, deception.mode());
      assertEquals(MonitorFailurePolicy.BLOCK, deception.onMonitorFailure());
      assertEquals(3, rules.holdBack());

      RuleDefinition sycophancy = rules.rule("sycophancy").orElseThrow().definition();
      assertEquals(ActionKind.ALERT, sycophancy.action().kind());
      assertEquals(List.of(1250, 1572), Arrays.stream(rules.rule("golden-gate").orElseThrow().features()).boxed().toList());
    }
  }

  @Test
  void theProbeRulesUseTheCommittedProbesCalibratedThresholds() throws Exception {
    RuleRepository repo = RuleRepository.open(RULES, new RuleCompiler(null, List.of("deception", "sycophancy"), 2048));
    double deception = Probe.load(Path.of("organism/probes/deception")).threshold();
    double sycophancy = Probe.load(Path.of("organism/probes/sycophancy")).threshold();
    assertEquals(deception, repo.current().rule("deception").orElseThrow().condition().above(), 5e-4);
    assertEquals(sycophancy, repo.current().rule("sycophancy").orElseThrow().condition().threshold(), 5e-4);
  }
}
