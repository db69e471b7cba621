package dev.featurewatch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleCompiler;
import dev.featurewatch.rules.RuleEvaluator;
import dev.featurewatch.rules.RuleFileParser;
import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReplayTest {
  @TempDir
  Path dir;

  /** Flags the bridge feature in the output. */
  static final String FLAG_RULES = """
      id: bridge
      select: {features: [1250]}
      condition: {scope: output, threshold: 5}
      action: flag
      """;

  /** Blocks it instead. */
  static final String BLOCK_RULES = """
      id: bridge
      select: {features: [1250]}
      condition: {scope: output, threshold: 5}
      action: block
      message: no bridges
      """;

  static CompiledRules compile(String yaml, String... probes) throws Exception {
    RuleFileParser.Result parsed = new RuleFileParser().parse("rules/test.yaml", yaml);
    assertEquals(List.of(), parsed.problems());
    return new RuleCompiler(null, List.of(probes), 0).compile(parsed.rules());
  }

  /** "Tell me" then " The Golden Gate." with the bridge feature rising on the output. */
  static List<AuditToken> bridgeTokens() {
    return List.of(AuditRecords.prompt(0, "Tell", SparseFeatures.EMPTY), AuditRecords.prompt(1, " me", AuditRecords.f(3, 1.0)),
        AuditRecords.output(2, " The", AuditRecords.f(1250, 1.0)), AuditRecords.output(3, " Golden", AuditRecords.f(1250, 6.0)),
        AuditRecords.output(4, " Gate", AuditRecords.f(1250, 7.0, 3, 1.0)), AuditRecords.output(5, ".", SparseFeatures.EMPTY));
  }

  /** A record as the engine would have written it under {@code rules}: hits, and tokens only up to a block. */
  static AuditRecord served(String id, List<AuditToken> tokens, CompiledRules rules, List<String> probeNames) {
    RuleEvaluator e = rules.newEvaluator();
    List<AuditToken> kept = new ArrayList<>();
    for (AuditToken t : tokens) {
      if (e.isStopped()) {
        break;
      }
      kept.add(t);
      e.accept(t.position(), t.source(), t.features(), t.probes());
    }
    StringBuilder out = new StringBuilder();
    kept.stream().filter(t -> t.source() == TokenSource.OUTPUT).forEach(t -> out.append(t.text()));
    return AuditRecord.builder(id, AuditRecords.T0).client("c").route("/v1/chat/completions").model("m").status(200)
        .finishReason(e.isStopped() ? "content_filter" : "stop").responseText(out.toString()).probeNames(probeNames)
        .tokens(kept).ruleHits(e.hits()).build();
  }

  @Test
  void aFlagTurnedBlockBlocksAtTheTokenThatFlagged() throws Exception {
    AuditRecord flagged = served("flagged", bridgeTokens(), compile(FLAG_RULES), List.of());
    assertEquals(1, flagged.hits().size());
    ReplayOutcome o = new AuditReplay(compile(BLOCK_RULES)).replay(flagged);
    assertTrue(o.changed() && o.newlyBlocked() && !o.unblocked());
    assertEquals(new ReplayOutcome.Block("bridge", 3, TokenSource.OUTPUT), o.blockedAfter());
    assertNull(o.blockedBefore());
    assertEquals(" The", o.outputBeforeBlock(), "the output before the blocking token");
    assertEquals(List.of(), o.newlyFiring(), "the same rule fires; it now blocks");
    assertEquals(1, o.hitsAfter().size(), "tokens after the block are not evaluated");
    JsonNode json = o.toJson();
    assertEquals("{\"rule\":\"bridge\",\"position\":3,\"source\":\"output\"}", json.get("blocked_after").toString());
    assertTrue(json.get("newly_blocked").booleanValue());
    assertTrue(o.toText().contains("newly blocked by 'bridge' at output position 3; output before the block: \" The\""),
        o.toText());
  }

  @Test
  void aBlockTurnedFlagUnblocks() throws Exception {
    AuditRecord blocked = served("blocked", bridgeTokens(), compile(BLOCK_RULES), List.of());
    assertEquals(4, blocked.tokens().size(), "the engine stopped at the block");
    ReplayOutcome o = new AuditReplay(compile(FLAG_RULES)).replay(blocked);
    assertTrue(o.changed() && o.unblocked());
    assertEquals(new ReplayOutcome.Block("bridge", 3, TokenSource.OUTPUT), o.blockedBefore());
    assertNull(o.blockedAfter());
    assertNull(o.outputBeforeBlock());
  }

  @Test
  void reportCountsRulesAndOutcomes() throws Exception {
    CompiledRules flag = compile(FLAG_RULES);
    CompiledRules block = compile(BLOCK_RULES);
    List<AuditToken> quiet = List.of(AuditRecords.prompt(0, "Hi", AuditRecords.f(3, 1.0)),
        AuditRecords.output(1, " there", SparseFeatures.EMPTY));
    List<AuditRecord> records = List.of(served("a", bridgeTokens(), flag, List.of()),
        served("b", bridgeTokens(), block, List.of()), served("quiet", quiet, flag, List.of()),
        AuditRecord.builder("error", AuditRecords.T0).status(500).error("crashed").build());
    List<Long> progress = new ArrayList<>();
    ReplayReport report = new AuditReplay(block).replay(records, progress::add);
    assertEquals(4, report.examined());
    assertEquals(1, report.skipped());
    assertEquals(1, report.changed());
    assertEquals(1, report.newlyBlocked());
    assertEquals(0, report.unblocked());
    assertEquals(Map.of("bridge", new ReplayReport.RuleCounts(2, 2, 2, 2)), report.rules());
    assertEquals(List.of("a", "error"), report.records().stream().map(ReplayOutcome::id).toList(),
        "changed and skipped records are listed");
    assertEquals("no tokens recorded", report.records().get(1).skipped());
    assertEquals(4L, progress.get(progress.size() - 1));

    ReplayReport back = new AuditReplay(flag).replay(records, n -> {});
    assertEquals(1, back.unblocked());
    assertEquals(0, back.newlyBlocked());
    assertEquals(List.of("b", "error"), back.records().stream().map(ReplayOutcome::id).toList());

    JsonNode json = report.toJson();
    assertEquals(1, json.get("summary").get("newly_blocked").intValue());
    assertEquals(2, json.get("rules").get("bridge").get("hits_after").intValue());
    assertEquals(ReplayReport.LIMITS, json.get("limits").asText());
    String text = report.toText();
    assertTrue(text.startsWith("replayed 4 records (1 skipped): 1 changed, 1 newly blocked, 0 unblocked, 0 newly flagged, "
        + "0 newly steered\n"), text);
    assertTrue(text.matches("(?s).*\\nbridge +2 -> 2 +2 -> 2\\n.*"), text);
    assertTrue(text.contains("cannot know how the output would have differed"), text);
  }

  @Test
  void newAndRemovedRulesAndSteering() throws Exception {
    AuditRecord flagged = served("flagged", bridgeTokens(), compile(FLAG_RULES), List.of());
    CompiledRules other = compile("""
        id: gate-alert
        select: {features: [1250]}
        condition: {scope: output, aggregate: count, window: 2, above: 5, threshold: 2}
        action: alert
        message: bridge talk
        ---
        id: calm
        select: {features: [3]}
        condition: {scope: prompt, threshold: 0.5}
        action: steer
        steer: {mode: pin, value: 0}
        """);
    ReplayOutcome o = new AuditReplay(other).replay(flagged);
    assertEquals(List.of("calm", "gate-alert"), o.newlyFiring(), "in the order they fire");
    assertEquals(List.of("bridge"), o.noLongerFiring());
    assertTrue(o.newlyFlagged());
    assertEquals(List.of("calm"), o.steerAfter());
    assertTrue(o.newlySteered());
    assertEquals(4, o.hitsAfter().get(1).lastPosition(), "two tokens above 5: positions 3 and 4");
    assertTrue(o.toText().contains("+calm  +gate-alert  -bridge  steer [] -> [calm] (not simulated)"), o.toText());
    assertFalse(new AuditReplay(compile(FLAG_RULES)).replay(flagged).changed(), "the same rules change nothing");
  }

  @Test
  void probesAreMatchedByNameAndAMissingProbeFailsClosed() throws Exception {
    CompiledRules rules = compile("""
        id: lying
        select: {probe: deception}
        condition: {scope: output, threshold: 0.9}
        action: flag
        """, "deception");
    // Recorded with two probes, in another order than the rules expect.
    List<AuditToken> tokens = List.of(
        new AuditToken(0, 1, "Q", TokenSource.PROMPT, SparseFeatures.EMPTY, new double[] {0.99, 0.1}),
        new AuditToken(1, 2, " A", TokenSource.OUTPUT, SparseFeatures.EMPTY, new double[] {0.2, 0.5}),
        new AuditToken(2, 3, " lie", TokenSource.OUTPUT, SparseFeatures.EMPTY, new double[] {0.1, 0.95}));
    AuditRecord record = AuditRecord.builder("p", AuditRecords.T0).probeNames(List.of("sycophancy", "deception"))
        .tokens(tokens).build();
    ReplayOutcome o = new AuditReplay(rules).replay(record);
    assertEquals(1, o.hitsAfter().size(), "only 0.95 on an output token reaches 0.9; sycophancy's 0.99 is not read");
    assertEquals(2, o.hitsAfter().get(0).lastPosition());
    assertEquals(0.95, o.hitsAfter().get(0).value(), 1e-6);
    assertNull(o.blockedAfter());

    AuditRecord withoutProbe = record.toBuilder().probeNames(List.of("sycophancy", "other")).build();
    ReplayOutcome failed = new AuditReplay(rules).replay(withoutProbe);
    assertEquals(HitCause.MONITOR_FAILURE, failed.hitsAfter().get(0).cause());
    assertEquals(new ReplayOutcome.Block("lying", 1, TokenSource.OUTPUT), failed.blockedAfter(),
        "a probe the record lacks is a monitor failure: fail closed at the first output token");
  }

  @Test
  void replaysAWholeLogFolder() throws Exception {
    CompiledRules flag = compile(FLAG_RULES);
    try (AuditLog log = AuditLog.open(dir)) {
      for (int i = 0; i < 5; i++) {
        AuditLogTest.await(log.append(served("r" + i, bridgeTokens(), flag, List.of())));
      }
    }
    List<Long> progress = new ArrayList<>();
    ReplayReport report = new AuditReplay(compile(BLOCK_RULES), 2).replayAll(AuditLogReader.open(dir), progress::add);
    assertEquals(5, report.examined());
    assertEquals(5, report.newlyBlocked());
    assertEquals(List.of("r0", "r1"), report.records().stream().map(ReplayOutcome::id).toList());
    assertTrue(report.truncated());
    assertEquals(List.of(5L), progress);
  }
}
