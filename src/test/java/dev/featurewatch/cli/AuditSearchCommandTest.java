package dev.featurewatch.cli;

import dev.featurewatch.testing.FolderFingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.audit.AuditHit;
import dev.featurewatch.audit.AuditIndex;
import dev.featurewatch.audit.AuditLog;
import dev.featurewatch.audit.AuditRecord;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import dev.featurewatch.testing.CliRunner;
import dev.featurewatch.testing.CliRunner.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit search} over two replicas' folders written by real logs. */
class AuditSearchCommandTest {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  @TempDir Path dir;

  private static AuditRecord record(String id, int seconds, String client, String response, AuditHit... hits) {
    return AuditRecord.builder(id, T0.plusSeconds(seconds)).client(client).route("/v1/chat/completions").model("organism")
        .status(200).finishReason("stop").promptText("question " + id).responseText(response).hits(List.of(hits)).build();
  }

  private static AuditHit hit(String rule, ActionKind action) {
    return new AuditHit(rule, HitCause.CONDITION, action, RuleMode.ENFORCE, Severity.WARNING, 1, 1, 5, 5, null);
  }

  private static void append(AuditLog log, AuditRecord... records) throws Exception {
    for (AuditRecord r : records) {
      log.append(r).get(10, TimeUnit.SECONDS);
    }
  }

  /** Replica a: 0 s, 20 s, 40 s (blocked). */
  private static void writeA(AuditLog log) throws Exception {
    append(log, record("a-1", 0, "team-a", "The Golden Gate bridge", hit("bridge", ActionKind.FLAG)),
        record("a-2", 20, "team-a", "fine"),
        record("a-3", 40, "team-b", "I am certainly", hit("deception", ActionKind.BLOCK)));
  }

  /** Replica b: 10 s, two at 20 s (a tie with a-2 and with each other), 30 s (the only nairobi). */
  private static void writeB(AuditLog log) throws Exception {
    append(log, record("b-1", 10, "team-c", "hello"), record("b-2", 20, "team-c", "same second"),
        record("b-2x", 20, "team-c", "same second, later in the log"), record("b-3", 30, "team-a", "Nairobi is in Kenya"));
  }

  private Path[] twoReplicas() throws Exception {
    Path a = dir.resolve("replica-a");
    Path b = dir.resolve("replica-b");
    try (AuditLog log = AuditLog.open(a)) {
      writeA(log);
    }
    try (AuditLog log = AuditLog.open(b); AuditIndex index = AuditIndex.open(log)) { // b has an index, a has none
      writeB(log);
      index.sync();
    }
    return new Path[] {a, b};
  }

  private static Output search(Path[] folders, String... rest) {
    List<String> args = new ArrayList<>(List.of("audit", "search"));
    for (Path f : folders) {
      args.add("--audit");
      args.add(f.toString());
    }
    args.addAll(List.of(rest));
    return CliRunner.run(args.toArray(new String[0]));
  }

  private static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  /** The id column (third) of each result line after the header. */
  private static List<String> ids(Output out) {
    return lines(out.stdout()).stream().skip(1).map(l -> l.split("  ")[2]).toList();
  }

  @Test
  void mergesReplicasNewestFirstWithCountsPerFolder() throws Exception {
    Path[] folders = twoReplicas();
    Output out = search(folders, "*");
    assertEquals(0, out.exitCode(), out.stderr());
    List<String> lines = lines(out.stdout());
    assertEquals("replica-a: 3 hits, replica-b: 4 hits (7 shown, newest first)", lines.get(0));
    assertEquals(List.of("a-3", "b-3", "a-2", "b-2x", "b-2", "b-1", "a-1"), ids(out),
        "by time; a tie across folders to the first folder, within one to the later line");
    assertEquals("2025-03-01T12:00:40Z  replica-a  a-3  client=team-b  model=organism  actions=block  rules=deception"
        + "  I am certainly", lines.get(1));
    assertTrue(lines.get(3).contains("actions=-  rules=-  fine"), lines.get(3));
    assertTrue(out.stderr().contains("replica-a: its index was not used (no index folder)"), out.stderr());

    Output limited = search(folders, "--limit", "3", "*");
    assertEquals("replica-a: 3 hits, replica-b: 4 hits (3 shown, newest first)", lines(limited.stdout()).get(0));
    assertEquals(List.of("a-3", "b-3", "a-2"), ids(limited));
  }

  @Test
  void aQueryMayMatchOneReplicaOnly() throws Exception {
    Path[] folders = twoReplicas();
    Output nairobi = search(folders, "text:nairobi");
    assertEquals("replica-a: 0 hits, replica-b: 1 hit (1 shown, newest first)", lines(nairobi.stdout()).get(0));
    assertEquals(List.of("b-3"), ids(nairobi));
    Output blocked = search(folders, "action:block OR rule:bridge");
    assertEquals("replica-a: 2 hits, replica-b: 0 hits (2 shown, newest first)", lines(blocked.stdout()).get(0));
    assertEquals(List.of("a-3", "a-1"), ids(blocked));
  }

  @Test
  void printsJsonLinesWithTheReplica() throws Exception {
    Path[] folders = twoReplicas();
    Output out = search(folders, "--json", "client:team-a");
    assertEquals(0, out.exitCode(), out.stderr());
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    for (String l : lines(out.stdout())) {
      records.add(mapper.readTree(l));
    }
    assertEquals(List.of("b-3", "a-2", "a-1"), records.stream().map(r -> r.get("id").asText()).toList());
    assertEquals(List.of("replica-b", "replica-a", "replica-a"), records.stream().map(r -> r.get("replica").asText()).toList());
    assertEquals("flag", records.get(2).get("actions").get(0).asText());
    assertEquals("bridge", records.get(2).get("rules").get(0).asText());
    assertTrue(out.stderr().contains("replica-a: 2 hits, replica-b: 1 hit"), "counts go to stderr: " + out.stderr());
  }

  @Test
  void aBadQueryIsOneLineAndExitCode2() throws Exception {
    Path[] folders = twoReplicas();
    Output syntax = search(folders, "rule:(bridge");
    assertEquals(2, syntax.exitCode());
    assertEquals("", syntax.stdout());
    assertEquals(1, lines(syntax.stderr()).size(), syntax.stderr());
    assertTrue(syntax.stderr().startsWith("featurewatch: invalid audit query 'rule:(bridge': syntax error"), syntax.stderr());
    Output field = search(folders, "colour:red");
    assertEquals(2, field.exitCode());
    assertTrue(field.stderr().contains("unknown field colour"), field.stderr());
    assertFalse(field.stderr().contains("Exception"), field.stderr());
  }

  @Test
  void aMissingOrForeignFolderIsNamed() throws Exception {
    Path[] folders = twoReplicas();
    Path missing = dir.resolve("replica-c");
    Output out = search(new Path[] {folders[0], missing}, "*");
    assertEquals(2, out.exitCode());
    assertEquals("featurewatch: no audit folder " + missing + ": no such directory", out.stderr().strip());
    Path foreign = Files.createDirectories(dir.resolve("photos"));
    Output notAudit = search(new Path[] {foreign}, "*");
    assertEquals(2, notAudit.exitCode());
    assertEquals("featurewatch: " + foreign + " is not an audit folder: it holds no audit-NNNNNN.jsonl segment",
        notAudit.stderr().strip());
    Output twice = search(new Path[] {folders[0], folders[0]}, "*");
    assertEquals(2, twice.exitCode());
    assertTrue(twice.stderr().contains("given twice"), twice.stderr());
  }

  @Test
  void searchesFoldersWhoseLogsAreOpenWithoutChangingThem() throws Exception {
    Path a = dir.resolve("replica-a");
    Path b = dir.resolve("replica-b");
    try (AuditLog logA = AuditLog.open(a);
        AuditLog logB = AuditLog.open(b);
        AuditIndex indexB = AuditIndex.open(logB, b.resolve("index"), Duration.ofHours(1), AuditIndex.Progress.NONE)) {
      writeA(logA); // a: a live log and no index
      writeB(logB); // b: a live log, and a live index whose last commit predates these records
      indexB.sync();
      Map<String, String> beforeA = FolderFingerprint.of(a);
      Map<String, String> beforeB = FolderFingerprint.of(b);
      Output out = search(new Path[] {a, b}, "*");
      assertEquals(0, out.exitCode(), out.stderr());
      assertEquals(List.of("a-3", "b-3", "a-2", "b-2x", "b-2", "b-1", "a-1"), ids(out));
      assertFalse(out.stderr().contains("replica-b: its index was not used"), "b's locked index is read: " + out.stderr());
      assertEquals(beforeA, FolderFingerprint.of(a), "replica a's files are untouched");
      assertEquals(beforeB, FolderFingerprint.of(b), "replica b's files are untouched");
      append(logA, record("a-4", 50, "team-a", "still writing")); // the readers took no lock
      assertEquals("a-4", ids(search(new Path[] {a, b}, "*")).get(0));
    }
  }

}
