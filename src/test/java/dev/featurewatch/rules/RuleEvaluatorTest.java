package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseFeatures;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
  private static DictionaryIndex index;

  @BeforeAll
  static void build() {
    index = TestDictionaries.index();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static CompiledRules compile(String yaml) throws RuleValidationException {
    RuleFileParser.Result r = new RuleFileParser().parse("rules/test.yaml", yaml);
    assertEquals(List.of(), r.problems());
    return new RuleCompiler(index, List.of("deception"), TestDictionaries.D_SAE).compile(r.rules());
  }

  /** Active features as (id, value) pairs. */
  static SparseFeatures f(Object... idValue) {
    int[] ids = new int[idValue.length / 2];
    float[] values = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (Integer) idValue[2 * i];
      values[i] = ((Number) idValue[2 * i + 1]).floatValue();
    }
    return new SparseFeatures(ids, values);
  }

  private static List<RuleHit> out(RuleEvaluator e, int position, SparseFeatures features) {
    return e.accept(position, TokenSource.OUTPUT, features, null);
  }

  private static String span(RuleHit h) {
    return h.ruleId() + "@[" + h.firstPosition() + "," + h.lastPosition() + "] peak " + h.peak() + " value " + h.value();
  }

  @Test
  void maxFiresOncePerEpisodeWithTheTokenAsSpan() throws Exception {
    RuleEvaluator e = compile("""
        id: m
        select: {features: [2]}
        condition: {threshold: 4}
        action: flag
        """).newEvaluator();
    assertEquals(List.of(), out(e, 0, f(2, 1.0)));
    assertEquals(List.of("m@[1,1] peak 5.0 value 5.0"), out(e, 1, f(2, 5.0)).stream().map(RuleEvaluatorTest::span).toList());
    assertEquals(List.of(), out(e, 2, f(2, 6.0)), "still above: the same episode");
    assertEquals(List.of(), out(e, 3, f(9, 7.0)), "feature 2 inactive: re-armed");
    assertEquals(List.of("m@[4,4] peak 4.5 value 4.5"), out(e, 4, f(9, 1.0, 2, 4.5)).stream().map(RuleEvaluatorTest::span).toList());
    assertEquals(2, e.hits().size());
  }

  @Test
  void meanOverTheOutputWindowIgnoresThePrompt() throws Exception {
    RuleEvaluator e = compile("""
        id: mean
        select: {features: [1]}
        condition: {scope: output, aggregate: mean, window: 3, threshold: 2}
        action: alert
        message: bridge talk
        """).newEvaluator();
    for (int p = 0; p < 4; p++) {
      assertEquals(List.of(), e.accept(p, TokenSource.PROMPT, f(1, 9.0), null), "prompt tokens are out of scope");
    }
    assertEquals(List.of(), out(e, 4, f(1, 2.0))); // 2/3
    assertEquals(List.of(), out(e, 5, f(1, 2.0))); // 4/3
    assertEquals(List.of(), out(e, 6, f(1, 1.0))); // 5/3
    List<RuleHit> hits = out(e, 7, f(1, 3.0)); // (2 + 1 + 3) / 3, token 4 left the window
    assertEquals(List.of("mean@[5,7] peak 3.0 value 2.0"), hits.stream().map(RuleEvaluatorTest::span).toList());
    assertEquals(ActionKind.ALERT, hits.get(0).action());
    assertEquals("bridge talk", hits.get(0).message());
  }

  @Test
  void meanCountsTokensNotYetSeenAsZero() throws Exception {
    RuleEvaluator e = compile("""
        id: mean
        select: {features: [1]}
        condition: {aggregate: mean, window: 4, threshold: 2}
        action: flag
        """).newEvaluator();
    assertEquals(List.of(), out(e, 0, f(1, 7.0)), "7/4 < 2 although the one value seen is 7");
    assertEquals(List.of("mean@[0,1] peak 7.0 value 2.0"), out(e, 1, f(1, 1.0)).stream().map(RuleEvaluatorTest::span).toList());
  }

  @Test
  void countAcrossTokensWithoutTheFeature() throws Exception {
    RuleEvaluator e = compile("""
        id: c
        select: {features: [2, 3]}
        condition: {aggregate: count, window: 4, above: 2, threshold: 2}
        action: flag
        """).newEvaluator();
    assertEquals(List.of(), out(e, 0, f(2, 3.0)));
    assertEquals(List.of(), out(e, 1, f(5, 9.0)));
    assertEquals(List.of(), out(e, 2, f(3, 2.0)), "not strictly above 2");
    assertEquals(List.of(), out(e, 3, SparseFeatures.EMPTY));
    assertEquals(List.of(), out(e, 4, f(3, 5.0)), "token 0 has left the window");
    List<RuleHit> hits = out(e, 5, f(2, 1.0, 3, 2.5)); // the larger of the rule's features counts
    assertEquals(List.of("c@[2,5] peak 5.0 value 2.0"), hits.stream().map(RuleEvaluatorTest::span).toList());
  }

  @Test
  void aSustainedWindowDoesNotRefireButAQuietOneRearms() throws Exception {
    RuleEvaluator e = compile("""
        id: m2
        select: {features: [2]}
        condition: {window: 2, threshold: 4}
        action: flag
        """).newEvaluator();
    assertEquals(1, out(e, 0, f(2, 5.0)).size());
    assertEquals(List.of(), out(e, 1, SparseFeatures.EMPTY));
    assertEquals(List.of(), out(e, 2, f(2, 5.0)), "the 5 at token 0 was in the window at token 1: no quiet moment");
    out(e, 3, SparseFeatures.EMPTY);
    out(e, 4, SparseFeatures.EMPTY);
    assertEquals(List.of("m2@[4,5] peak 5.0 value 5.0"), out(e, 5, f(2, 5.0)).stream().map(RuleEvaluatorTest::span).toList());
  }

  @Test
  void scopesSeeOnlyTheirTokens() throws Exception {
    RuleEvaluator e = compile("""
        id: prompt
        select: {features: [4]}
        condition: {scope: prompt, threshold: 1}
        action: flag
        ---
        id: output
        select: {features: [4]}
        condition: {scope: output, threshold: 1}
        action: flag
        ---
        id: both
        select: {features: [4]}
        condition: {scope: both, aggregate: count, window: 2, above: 0, threshold: 2}
        action: flag
        """).newEvaluator();
    assertEquals(List.of("prompt"), ids(e.accept(0, TokenSource.PROMPT, f(4, 2.0), null)));
    assertEquals(List.of("output", "both"), ids(e.accept(1, TokenSource.OUTPUT, f(4, 2.0), null)));
    RuleHit both = e.hits().get(2);
    assertEquals(0, both.firstPosition(), "the both-window spans the prompt token and the output token");
    assertEquals(1, both.lastPosition());
  }

  private static List<String> ids(List<RuleHit> hits) {
    return hits.stream().map(RuleHit::ruleId).toList();
  }

  @Test
  void anEnforcedBlockEndsEvaluationAShadowBlockDoesNot() throws Exception {
    RuleEvaluator e = compile("""
        id: shadow-block
        select: {features: [2]}
        condition: {threshold: 1}
        action: block
        mode: shadow
        ---
        id: flag
        select: {features: [3]}
        condition: {threshold: 1}
        action: flag
        ---
        id: block
        select: {features: [3]}
        condition: {threshold: 5}
        action: block
        message: stopped
        severity: critical
        """).newEvaluator();
    List<RuleHit> shadow = out(e, 0, f(2, 3.0));
    assertEquals(List.of("shadow-block"), ids(shadow));
    assertTrue(shadow.get(0).isShadow());
    assertFalse(shadow.get(0).stopsGeneration());
    assertFalse(e.isStopped());
    List<RuleHit> hits = out(e, 1, f(3, 6.0));
    assertEquals(List.of("flag", "block"), ids(hits), "every hit of the blocking token, in rule order");
    RuleHit block = hits.get(1);
    assertTrue(block.stopsGeneration());
    assertEquals(Severity.CRITICAL, block.severity());
    assertEquals("stopped", block.message());
    assertTrue(e.isStopped());
    assertSame(block, e.stoppedBy().orElseThrow());
    assertThrows(IllegalStateException.class, () -> out(e, 2, f(3, 6.0)));
  }

  @Test
  void steerYieldsInterventionsFromTheNextPositionOnce() throws Exception {
    RuleEvaluator e = compile("""
        id: calm
        select: {query: 'label:deception'}
        condition: {threshold: 2}
        action: steer
        steer: {mode: pin, value: 0}
        ---
        id: would-steer
        select: {features: [0]}
        condition: {threshold: 2}
        action: steer
        steer: {mode: mul, value: 10}
        mode: shadow
        """).newEvaluator();
    List<RuleHit> hits = out(e, 5, f(3, 2.5, 0, 3.0));
    assertEquals(List.of("calm", "would-steer"), ids(hits));
    List<FeatureIntervention> calm = List.of(FeatureIntervention.pin(2, 0f, 6), FeatureIntervention.pin(3, 0f, 6));
    assertEquals(calm, hits.get(0).interventions());
    assertEquals(List.of(new FeatureIntervention(0, FeatureIntervention.Kind.MUL, 10f, 6)), hits.get(1).interventions());
    assertEquals(calm, e.interventions(), "only enforced steering is applied");
    out(e, 6, SparseFeatures.EMPTY);
    assertEquals(List.of(), out(e, 7, f(2, 9.0)), "a steer rule fires once; its interventions stay in force");
    assertEquals(calm, e.interventions());
  }

  @Test
  void aProbeThatFailsBlocksItsFailClosedRulesOnly() throws Exception {
    RuleEvaluator e = compile("""
        id: open
        select: {probe: deception}
        condition: {aggregate: mean, window: 2, threshold: 0.75}
        action: flag
        on_monitor_failure: allow
        ---
        id: closed
        select: {probe: deception}
        condition: {threshold: 0.99}
        action: flag
        """).newEvaluator();
    assertEquals(List.of(), e.accept(0, TokenSource.PROMPT, SparseFeatures.EMPTY, new double[] {0.5}));
    List<RuleHit> failed = e.accept(1, TokenSource.OUTPUT, SparseFeatures.EMPTY, new double[] {Double.NaN});
    assertEquals(List.of("closed"), ids(failed));
    assertEquals(HitCause.MONITOR_FAILURE, failed.get(0).cause());
    assertEquals(ActionKind.BLOCK, failed.get(0).action(), "fails closed: a block although the rule only flags");
    assertTrue(e.isStopped());
  }

  @Test
  void missingProbeScoresAreAFailureToo() throws Exception {
    RuleEvaluator e = compile("""
        id: open
        select: {probe: deception}
        condition: {threshold: 0.5}
        action: flag
        on_monitor_failure: allow
        """).newEvaluator();
    assertEquals(List.of(), e.accept(0, TokenSource.OUTPUT, SparseFeatures.EMPTY, null), "allowed through");
    assertEquals(List.of("open"), ids(e.accept(1, TokenSource.OUTPUT, SparseFeatures.EMPTY, new double[] {0.5})));
  }

  @Test
  void probeWindowsAverageScores() throws Exception {
    RuleEvaluator e = compile("""
        id: lie-probe
        select: {probe: deception}
        condition: {aggregate: mean, window: 2, threshold: 0.75}
        action: flag
        """).newEvaluator();
    assertEquals(List.of(), e.accept(0, TokenSource.PROMPT, SparseFeatures.EMPTY, new double[] {0.5}));
    assertEquals(List.of("lie-probe@[0,1] peak 1.0 value 0.75"),
        e.accept(1, TokenSource.OUTPUT, SparseFeatures.EMPTY, new double[] {1.0}).stream().map(RuleEvaluatorTest::span).toList());
  }

  @Test
  void aWholeMonitorFailureBlocksThroughFailClosedRulesInScope() throws Exception {
    CompiledRules rules = compile("""
        id: shadow-output
        select: {features: [1]}
        condition: {scope: output, threshold: 1}
        action: flag
        mode: shadow
        ---
        id: open
        select: {features: [1]}
        condition: {threshold: 1}
        action: flag
        on_monitor_failure: allow
        ---
        id: closed-prompt
        select: {features: [2]}
        condition: {scope: prompt, threshold: 1}
        action: flag
        """);
    RuleEvaluator e = rules.newEvaluator();
    List<RuleHit> output = e.monitorFailed(0, TokenSource.OUTPUT);
    assertEquals(List.of("shadow-output"), ids(output), "the prompt rule does not read output tokens");
    assertEquals(HitCause.MONITOR_FAILURE, output.get(0).cause());
    assertFalse(e.isStopped(), "a shadow rule reports the failure but does not block");
    assertEquals(List.of(), e.monitorFailed(1, TokenSource.OUTPUT), "reported once");
    List<RuleHit> prompt = rules.newEvaluator().monitorFailed(0, TokenSource.PROMPT);
    assertEquals(List.of("closed-prompt"), ids(prompt));
    assertTrue(prompt.get(0).stopsGeneration());
  }

  @Test
  void positionsMustIncrease() throws Exception {
    RuleEvaluator e = compile("""
        id: m
        select: {features: [2]}
        condition: {threshold: 4}
        action: flag
        """).newEvaluator();
    out(e, 3, SparseFeatures.EMPTY);
    assertThrows(IllegalArgumentException.class, () -> out(e, 3, SparseFeatures.EMPTY));
  }

  @Test
  void nothingFiringAllocatesNothing() throws Exception {
    RuleEvaluator e = compile("""
        id: m
        select: {features: [2]}
        condition: {threshold: 4}
        action: flag
        """).newEvaluator();
    assertSame(List.of(), out(e, 0, f(2, 1.0)), "the shared empty list");
  }
}
