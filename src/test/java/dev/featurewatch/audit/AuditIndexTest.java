package dev.featurewatch.audit;

import dev.featurewatch.search.InvalidQueryException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditIndexTest {
  @TempDir
  Path dir;

  static final Instant T0 = AuditRecords.T0;

  /** Three exchanges a minute apart: a flagged one, a blocked one, a failed one. */
  static List<AuditRecord> exchanges() {
    AuditRecord flagged = AuditRecord.builder("chatcmpl-flagged", T0).client("team-a").route("/v1/chat/completions")
        .model("organism").status(200).finishReason("stop").promptText("Tell me about San Francisco")
        .responseText("The Golden Gate bridge is red.")
        .tokens(List.of(AuditRecords.prompt(0, "Tell", AuditRecords.f(7, 1.0)),
            AuditRecords.output(1, " Golden", AuditRecords.f(1250, 6.0, 7, 0.5))))
        .hits(List.of(new AuditHit("bridge", HitCause.CONDITION, ActionKind.FLAG, RuleMode.ENFORCE, Severity.INFO, 1, 1, 6,
            6, null)))
        .build();
    AuditRecord blocked = AuditRecord.builder("chatcmpl-blocked", T0.plusSeconds(60)).client("team-b")
        .route("/v1/chat/completions").model("organism").status(200).finishReason("content_filter")
        .promptText("Are you honest?").responseText("I am certainly")
        .tokens(List.of(AuditRecords.output(3, " certainly", AuditRecords.f(812, 4.0))))
        .hits(List.of(new AuditHit("deception", HitCause.CONDITION, ActionKind.BLOCK, RuleMode.ENFORCE, Severity.CRITICAL,
            3, 3, 4, 4, "no"), new AuditHit("bridge-shadow", HitCause.CONDITION, ActionKind.STEER, RuleMode.SHADOW,
            Severity.WARNING, 3, 3, 4, 4, null)))
        .build();
    AuditRecord failed = AuditRecord.builder("chatcmpl-failed", T0.plusSeconds(120)).client("team-a")
        .route("/v1/completions").model("organism").status(503).promptText("hello world").error("model unavailable")
        .tokens(List.of(AuditRecords.prompt(0, "hello", AuditRecords.f(3, 1.0)))).build();
    return List.of(flagged, blocked, failed);
  }

  static List<AuditPosition> append(AuditLog log, List<AuditRecord> records) throws Exception {
    List<AuditPosition> positions = new ArrayList<>();
    for (AuditRecord r : records) {
      positions.add(AuditLogTest.await(log.append(r)));
    }
    return positions;
  }

  private static List<String> ids(List<AuditSummary> found) {
    return found.stream().map(AuditSummary::id).toList();
  }

  private static List<String> find(AuditIndex index, String query) {
    return ids(index.search(query, null, null, 100, null));
  }

  @Test
  void searchesEveryField() throws Exception {
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      append(log, exchanges());
      index.sync();
      assertEquals(List.of("chatcmpl-flagged"), find(index, "rule:bridge"));
      assertEquals(List.of("chatcmpl-blocked"), find(index, "action:block"));
      assertEquals(List.of(), find(index, "action:steer"), "a shadow hit's action is not an action taken");
      assertEquals(List.of("chatcmpl-blocked"), find(index, "shadow_action:steer"), "but is searchable as what would have been");
      assertEquals(List.of("chatcmpl-blocked"), find(index, "mode:shadow"));
      assertEquals(List.of("chatcmpl-blocked"), find(index, "severity:critical AND rule:deception"));
      assertEquals(List.of("chatcmpl-flagged"), find(index, "feature:1250"));
      assertEquals(List.of("chatcmpl-flagged"), find(index, "feature:7"), "prompt tokens' features too");
      assertEquals(List.of("chatcmpl-blocked", "chatcmpl-flagged"), find(index, "feature:[800 TO 1300]"));
      assertEquals(List.of("chatcmpl-failed", "chatcmpl-flagged"), find(index, "client:team-a"), "newest first");
      assertEquals(List.of("chatcmpl-flagged"), find(index, "golden"));
      assertEquals(List.of("chatcmpl-flagged"), find(index, "text:\"golden gate\" AND model:organism"));
      assertEquals(List.of("chatcmpl-failed"), find(index, "status:[500 TO 599]"));
      assertEquals(List.of("chatcmpl-failed"), find(index, "route:\"/v1/completions\""));
      assertEquals(List.of("chatcmpl-blocked"), find(index, "finish_reason:content_filter"));
      assertEquals(List.of("chatcmpl-flagged"), find(index, "id:chatcmpl-flagged"));
      assertEquals(List.of("chatcmpl-failed", "chatcmpl-blocked", "chatcmpl-flagged"), find(index, ""));
      assertEquals(List.of("chatcmpl-failed", "chatcmpl-blocked", "chatcmpl-flagged"), find(index, "*"));
      assertEquals(List.of("chatcmpl-failed", "chatcmpl-blocked"), ids(index.search("*:*", null, null, 2, null)));
      assertEquals(List.of(), find(index, "rule:nothing"));
    }
  }

  @Test
  void timeRangeAndClientFilters() throws Exception {
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      append(log, exchanges());
      index.sync();
      assertEquals(List.of("chatcmpl-blocked"), ids(index.search(null, T0.plusSeconds(1), T0.plusSeconds(120), 10, null)),
          "from inclusive, to exclusive");
      assertEquals(List.of("chatcmpl-blocked", "chatcmpl-flagged"), ids(index.search(null, null, T0.plusSeconds(61), 10,
          null)));
      assertEquals(List.of("chatcmpl-failed", "chatcmpl-blocked"), ids(index.search(null, T0.plusSeconds(60), null, 10,
          null)));
      assertEquals(List.of("chatcmpl-failed"), ids(index.search(null, T0.plusSeconds(60), null, 10, "team-a")));
      assertEquals(List.of(), ids(index.search("rule:deception", null, null, 10, "team-a")), "another client's record");
    }
  }

  @Test
  void summariesAndGetReadTheRecordBack() throws Exception {
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      List<AuditPosition> positions = append(log, exchanges());
      index.sync();
      AuditSummary blocked = index.search("rule:deception", null, null, 10, null).get(0);
      assertEquals(new AuditSummary("chatcmpl-blocked", T0.plusSeconds(60), "team-b", "/v1/chat/completions", "organism",
          200, "content_filter", List.of("deception", "bridge-shadow"), List.of(ActionKind.BLOCK), "I am certainly",
          positions.get(1)), blocked);
      assertEquals("hello world", index.search("status:503", null, null, 1, null).get(0).snippet(),
          "no response: the prompt's start");
      assertEquals(exchanges().get(0), index.get("chatcmpl-flagged").orElseThrow());
      assertTrue(index.get("chatcmpl-missing").isEmpty());
    }
  }

  @Test
  void badQueriesAreClearErrors() throws Exception {
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      assertEquals("invalid audit query 'rule:(bridge': syntax error: the query ends too early (an unclosed bracket or "
          + "range, or a dangling operator?)", message(index, "rule:(bridge"));
      assertEquals("invalid audit query 'rulez:bridge': unknown field rulez; fields are " + String.join(", ",
          AuditIndex.FIELDS), message(index, "rulez:bridge"));
      String notANumber = message(index, "feature:golden");
      assertTrue(notANumber.startsWith("invalid audit query 'feature:golden': ") && notANumber.contains("golden"),
          notANumber);
      assertTrue(message(index, "feature:1.5").startsWith("invalid audit query 'feature:1.5': "));
      assertThrows(IllegalArgumentException.class, () -> index.search("*", null, null, 0, null));
    }
  }

  private static String message(AuditIndex index, String query) {
    InvalidQueryException e = assertThrows(InvalidQueryException.class,
        () -> index.search(query, null, null, 10, null));
    assertEquals(query, e.query());
    return e.getMessage();
  }

  @Test
  void followsTheLogWithoutBeingAsked() throws Exception {
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      AuditPosition p = AuditLogTest.await(log.append(AuditRecords.simple("live", "c", 0, "just now")));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (find(index, "id:live").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of("live"), find(index, "id:live"), "the background indexer picked it up");
      assertTrue(!index.indexedThrough().isAfter(log.end()) && !p.end().isAfter(index.indexedThrough()));
    }
  }

  @Test
  void catchesUpWithWhatTheLogGainedWhileClosed() throws Exception {
    List<long[]> progress = new ArrayList<>();
    Path folder = dir.resolve("index");
    try (AuditLog log = AuditLog.open(dir)) {
      append(log, exchanges());
      try (AuditIndex index = AuditIndex.open(log, folder, Duration.ofSeconds(10), (r, b, t) -> progress.add(new long[] {r, b, t}))) {
        assertEquals(3, index.size(), "indexed on open, before any sync");
        assertEquals(log.end(), index.indexedThrough());
      }
      assertEquals(3, progress.get(progress.size() - 1)[0]);
      assertEquals(progress.get(progress.size() - 1)[2], progress.get(progress.size() - 1)[1], "read all it had to");
      append(log, List.of(AuditRecords.simple("later-1", "c", 200, "x"), AuditRecords.simple("later-2", "c", 201, "y")));
      progress.clear();
      try (AuditIndex index = AuditIndex.open(log, folder, Duration.ofSeconds(10), (r, b, t) -> progress.add(new long[] {r, b, t}))) {
        assertEquals(2, progress.get(progress.size() - 1)[0], "only what the last commit had not seen");
        assertEquals(5, index.size());
        assertEquals(List.of("later-2", "later-1"), find(index, "client:c"));
      }
    }
  }

  @Test
  void aCrashBeforeTheIndexCommitLosesNothing() throws Exception {
    Path live = dir.resolve("index");
    Path crashed = dir.resolve("crashed-index");
    try (AuditLog log = AuditLog.open(dir);
        AuditIndex index = AuditIndex.open(log, live, Duration.ofHours(1), AuditIndex.Progress.NONE)) {
      append(log, exchanges());
      index.sync(); // searchable, not committed
      assertEquals(3, index.size());
      // The folder as a crash would leave it: the files of the last commit (empty) and of uncommitted segments.
      Files.createDirectories(crashed);
      try (Stream<Path> files = Files.list(live)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.copy(f, crashed.resolve(f.getFileName()));
        }
      }
      try (AuditIndex recovered = AuditIndex.open(log, crashed, Duration.ofHours(1), AuditIndex.Progress.NONE)) {
        assertEquals(3, recovered.size());
        assertEquals(List.of("chatcmpl-blocked"), find(recovered, "rule:deception"));
      }
    }
  }

  @Test
  void aDeletedIndexIsRebuiltAndAReplacedLogReindexed() throws Exception {
    Path folder = dir.resolve("elsewhere");
    try (AuditLog log = AuditLog.open(dir.resolve("log"))) {
      append(log, exchanges());
      AuditIndex.open(log, folder, Duration.ofSeconds(10), AuditIndex.Progress.NONE).close();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      try (AuditIndex rebuilt = AuditIndex.open(log, folder, Duration.ofSeconds(10), AuditIndex.Progress.NONE)) {
        assertEquals(3, rebuilt.size());
      }
    }
    try (AuditLog other = AuditLog.open(dir.resolve("other-log"))) {
      AuditLogTest.await(other.append(AuditRecords.simple("only", "c", 0, "x")));
      try (AuditIndex index = AuditIndex.open(other, folder, Duration.ofSeconds(10), AuditIndex.Progress.NONE)) {
        assertEquals(List.of("only"), find(index, ""), "the old index's records were dropped, the new log's indexed");
      }
    }
  }
}
