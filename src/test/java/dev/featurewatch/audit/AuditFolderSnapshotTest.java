package dev.featurewatch.audit;

import dev.featurewatch.testing.FolderFingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.search.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder searched without writing to it, beside a live log and index or after a crash. */
class AuditFolderSnapshotTest {
  @TempDir
  Path dir;


  private static List<String> ids(AuditFolderSnapshot s, String query) {
    return s.search(AuditQuery.parse(query), 100).newest().stream().map(AuditSummary::id).toList();
  }

  @Test
  void answersAsTheServersIndexDoes() throws Exception {
    List<String> queries = List.of("*", "rule:bridge", "action:block", "shadow_action:steer", "feature:[1000 TO 1300]",
        "client:team-a AND NOT status:503", "text:golden", "time:[0 TO " + AuditIndexTest.T0.plusSeconds(60).toEpochMilli() + "]");
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      AuditIndexTest.append(log, AuditIndexTest.exchanges());
      index.sync();
      try (AuditFolderSnapshot snapshot = AuditFolderSnapshot.open(dir)) {
        for (String q : queries) {
          List<String> served = index.search(q, null, null, 100, null).stream().map(AuditSummary::id).toList();
          assertEquals(served, ids(snapshot, q), q);
          assertEquals(served.size(), snapshot.search(AuditQuery.parse(q), 100).total(), q);
        }
      }
    }
  }

  @Test
  void readsBesideALiveLogAndIndexWithoutTouchingThem() throws Exception {
    try (AuditLog log = AuditLog.open(dir);
        AuditIndex index = AuditIndex.open(log, dir.resolve("index"), Duration.ofHours(1), AuditIndex.Progress.NONE)) {
      AuditIndexTest.append(log, List.of(AuditRecords.simple("c-1", "team-a", 1, "one"),
          AuditRecords.simple("c-2", "team-a", 2, "two")));
      index.close(); // commits through c-2
      try (AuditIndex reopened = AuditIndex.open(log, dir.resolve("index"), Duration.ofHours(1), AuditIndex.Progress.NONE)) {
        AuditLogTest.await(log.append(AuditRecords.simple("c-3", "team-b", 3, "three"))); // past the commit
        reopened.sync(); // the live index's own work done before the fingerprint
        Map<String, String> before = FolderFingerprint.of(dir);
        try (AuditFolderSnapshot snapshot = AuditFolderSnapshot.open(dir)) {
          assertNotNull(snapshot.committedThrough(), "the committed index is used although its writer holds the lock");
          assertNull(snapshot.indexProblem());
          assertEquals(1, snapshot.recordsFromLog(), "only the record past the commit is read from the log");
          assertEquals(List.of("c-3", "c-2", "c-1"), ids(snapshot, "*"));
        }
        assertEquals(before, FolderFingerprint.of(dir));
        AuditLogTest.await(log.append(AuditRecords.simple("c-4", "team-b", 4, "four"))); // the log still writes
        reopened.sync();
        assertEquals(4, reopened.size());
      }
    }
  }

  @Test
  void indexesTheLogInMemoryWhenTheFolderHasNoIndex() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      AuditIndexTest.append(log, AuditIndexTest.exchanges());
      Map<String, String> before = FolderFingerprint.of(dir);
      try (AuditFolderSnapshot snapshot = AuditFolderSnapshot.open(dir)) {
        assertEquals("no index folder", snapshot.indexProblem());
        assertEquals(3, snapshot.recordsFromLog());
        assertEquals(List.of("chatcmpl-blocked"), ids(snapshot, "action:block"));
      }
      assertEquals(before, FolderFingerprint.of(dir));
      assertFalse(Files.exists(dir.resolve("index")), "no index is written into the folder");
    }
  }

  @Test
  void leavesATornTailInPlace() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      AuditIndexTest.append(log, AuditIndexTest.exchanges());
    }
    Path segment = SegmentFiles.path(dir, 1);
    Files.write(segment, "0badf00d {\"id\": \"chatcmpl-half".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    Map<String, String> before = FolderFingerprint.of(dir);
    try (AuditFolderSnapshot snapshot = AuditFolderSnapshot.open(dir)) {
      assertEquals(3, snapshot.size());
      assertEquals(0, snapshot.unreadableLines(), "a line without newline may still be being written");
    }
    assertEquals(before, FolderFingerprint.of(dir), "the torn tail is the log's to recover, not a reader's");
  }

  @Test
  void rebuildsWhenTheIndexIsAheadOfTheLog() throws Exception {
    List<AuditPosition> positions;
    try (AuditLog log = AuditLog.open(dir); AuditIndex index = AuditIndex.open(log)) {
      positions = AuditIndexTest.append(log, AuditIndexTest.exchanges());
      index.sync();
    }
    try (var channel = java.nio.channels.FileChannel.open(SegmentFiles.path(dir, 1), StandardOpenOption.WRITE)) {
      channel.truncate(positions.get(0).end().offset()); // the log replaced by a shorter one
    }
    try (AuditFolderSnapshot snapshot = AuditFolderSnapshot.open(dir)) {
      assertNull(snapshot.committedThrough());
      assertTrue(snapshot.indexProblem().contains("ahead of the log"), snapshot.indexProblem());
      assertEquals(List.of("chatcmpl-flagged"), ids(snapshot, "*"));
    }
  }

  @Test
  void refusesWhatIsNotAnAuditFolder() throws Exception {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> AuditFolderSnapshot.open(dir.resolve("nope")));
    assertTrue(missing.getMessage().contains(dir.resolve("nope").toString()), missing.getMessage());
    Files.writeString(dir.resolve("notes.txt"), "hello");
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> AuditFolderSnapshot.open(dir));
    assertTrue(empty.getMessage().contains("is not an audit folder"), empty.getMessage());
    assertThrows(InvalidQueryException.class, () -> AuditQuery.parse("colour:red"));
  }
}
