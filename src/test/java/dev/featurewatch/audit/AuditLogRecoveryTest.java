package dev.featurewatch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogRecoveryTest {
  @TempDir
  Path dir;

  private List<AuditPosition> writeRecords(int n) throws Exception {
    List<AuditPosition> positions = new ArrayList<>();
    try (AuditLog log = AuditLog.open(dir)) {
      for (int i = 0; i < n; i++) {
        positions.add(AuditLogTest.await(log.append(AuditRecords.simple("r" + i, "c", i, "answer " + i))));
      }
    }
    return positions;
  }

  private Path segment() {
    return dir.resolve("audit-000001.jsonl");
  }

  private void appendRaw(String text) throws IOException {
    Files.write(segment(), text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }

  private List<String> ids() {
    return AuditLogTest.all(AuditLogReader.open(dir).scan(AuditOffset.START)).stream().map(e -> e.record().id()).toList();
  }

  @Test
  void halfWrittenLineIsTruncatedAndAppendsContinue() throws Exception {
    List<AuditPosition> positions = writeRecords(3);
    long goodSize = Files.size(segment());
    String torn = new String(LogLine.encode(AuditJson.bytes(AuditRecords.simple("torn", "c", 9, "x"))),
        StandardCharsets.UTF_8);
    appendRaw(torn.substring(0, torn.length() / 2)); // killed mid-write
    assertEquals(List.of("r0", "r1", "r2"), ids(), "a reader stops before a line without newline, uncounted");
    try (AuditLog log = AuditLog.open(dir)) {
      RecoveryReport report = log.recovery();
      assertEquals(torn.length() / 2, report.truncatedBytes());
      assertEquals(0, report.corruptLines());
      assertEquals(3, report.records());
      assertFalse(report.isClean());
      assertEquals(goodSize, Files.size(segment()));
      for (int i = 0; i < 3; i++) {
        assertEquals("r" + i, log.read(positions.get(i)).id());
      }
      AuditPosition next = AuditLogTest.await(log.append(AuditRecords.simple("r3", "c", 3, "after the crash")));
      assertEquals(goodSize, next.offset());
      assertEquals("after the crash", log.read(next).responseText());
    }
    assertEquals(List.of("r0", "r1", "r2", "r3"), ids());
    try (AuditLog again = AuditLog.open(dir)) {
      assertTrue(again.recovery().isClean());
    }
  }

  @Test
  void completeLinesThatFailTheirChecksumOrAreNotJsonAtTheEndAreATornTail() throws Exception {
    writeRecords(2);
    long goodSize = Files.size(segment());
    String garbage = "0000abcd {\"id\":\"x\"}\n" // checksum does not match
        + LineText.valid("{\"id\": ") // checksum matches, JSON does not parse
        + "deadbeef {\"id\":\"y\"}"; // no newline
    appendRaw(garbage);
    try (AuditLog log = AuditLog.open(dir)) {
      assertEquals(garbage.getBytes(StandardCharsets.UTF_8).length, log.recovery().truncatedBytes());
      assertEquals(0, log.recovery().corruptLines());
    }
    assertEquals(goodSize, Files.size(segment()));
    assertEquals(List.of("r0", "r1"), ids());
  }

  @Test
  void damageInTheMiddleIsKeptCountedAndSkipped() throws Exception {
    List<AuditPosition> positions = writeRecords(4);
    byte[] bytes = Files.readAllBytes(segment());
    int inSecond = (int) positions.get(1).offset() + 30;
    bytes[inSecond] = (byte) (bytes[inSecond] == 'a' ? 'b' : 'a'); // a flipped byte inside record r1's JSON
    Files.write(segment(), bytes);
    try (AuditLog log = AuditLog.open(dir)) {
      RecoveryReport report = log.recovery();
      assertEquals(1, report.corruptLines());
      assertEquals(0, report.truncatedBytes(), "good lines follow: damage, not a torn tail");
      assertEquals(3, report.records());
      assertEquals(bytes.length, Files.size(segment()));
      AuditLogTest.await(log.append(AuditRecords.simple("r4", "c", 4, "x")));
    }
    try (AuditCursor cursor = AuditLogReader.open(dir).scan(AuditOffset.START)) {
      List<String> ids = new ArrayList<>();
      cursor.forEachRemaining(e -> ids.add(e.record().id()));
      assertEquals(List.of("r0", "r2", "r3", "r4"), ids);
      assertEquals(1, cursor.corruptLines());
    }
  }

  @Test
  void anEmptyFolderStartsAtTheFirstSegment() throws Exception {
    try (AuditLog log = AuditLog.open(dir.resolve("new"))) {
      assertEquals(new RecoveryReport(0, 1, 0, 0, 0), log.recovery());
      assertEquals(1, AuditLogTest.await(log.append(AuditRecords.simple("a", "c", 0, "x"))).segment());
    }
  }

  /** Lines made by hand. */
  static final class LineText {
    static String valid(String json) {
      return new String(LogLine.encode(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
  }
}
