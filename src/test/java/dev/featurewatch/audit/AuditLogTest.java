package dev.featurewatch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir
  Path dir;

  static List<AuditEntry> all(AuditCursor cursor) {
    List<AuditEntry> entries = new ArrayList<>();
    try (cursor) {
      cursor.forEachRemaining(entries::add);
    }
    return entries;
  }

  static AuditPosition await(CompletableFuture<AuditPosition> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void appendsChecksummedLinesAndReadsThemBack() throws Exception {
    AuditRecord first = AuditRecords.full("chatcmpl-1");
    AuditRecord second = AuditRecords.simple("chatcmpl-2", "team-b", 5, "fine");
    AuditPosition p1;
    AuditPosition p2;
    try (AuditLog log = AuditLog.open(dir)) {
      p1 = await(log.append(first));
      p2 = await(log.append(second));
      assertEquals(new AuditPosition(1, 0, p1.length()), p1);
      assertEquals(p1.end(), p2.start(), "lines follow each other");
      assertEquals(first, log.read(p1));
      assertEquals(second, log.read(p2));
      assertEquals(p2.end(), log.end());
    }
    byte[] file = Files.readAllBytes(dir.resolve("audit-000001.jsonl"));
    assertEquals(p2.end().offset(), file.length);
    String line = new String(file, 0, p1.length(), StandardCharsets.UTF_8);
    assertTrue(line.endsWith("\n"));
    byte[] json = line.substring(9, line.length() - 1).getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(json);
    assertEquals(String.format("%08x ", crc.getValue()), line.substring(0, 9), "<crc32c hex> <json>");
    assertEquals(first, AuditRecord.fromJson(AuditJson.MAPPER.readTree(json)));
  }

  @Test
  void syncAppendIsOnDiskWhenItsFutureCompletes() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      AuditPosition p = await(log.append(AuditRecords.simple("a", "c", 0, "x")));
      // A reader of its own (own channel), while the log is still open: the line is in the file.
      AuditLogReader fresh = AuditLogReader.open(dir);
      assertEquals("a", fresh.read(p).id());
      assertEquals(List.of("a"), all(fresh.scan(AuditOffset.START)).stream().map(e -> e.record().id()).toList());
      assertEquals(p.end().offset(), Files.size(dir.resolve("audit-000001.jsonl")));
    }
  }

  @Test
  void rotatesSegmentsAndScansAcrossThem() throws Exception {
    List<AuditPosition> positions = new ArrayList<>();
    try (AuditLog log = AuditLog.open(dir, AuditLog.Options.defaults().withMaxSegmentBytes(1200))) {
      List<CompletableFuture<AuditPosition>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(log.append(AuditRecords.simple("r" + i, "c", i, "answer " + i)));
      }
      for (CompletableFuture<AuditPosition> f : futures) {
        positions.add(await(f));
      }
      for (int i = 0; i < 12; i++) {
        assertEquals("r" + i, log.read(positions.get(i)).id());
      }
    }
    int segments = positions.get(11).segment();
    assertTrue(segments >= 3, "several segments, got " + segments);
    for (int s = 1; s <= segments; s++) {
      long size = Files.size(dir.resolve(String.format("audit-%06d.jsonl", s)));
      assertTrue(size <= 1200, "segment " + s + " has " + size + " bytes");
    }
    AuditLogReader reader = AuditLogReader.open(dir);
    List<AuditEntry> entries = all(reader.scan(AuditOffset.START));
    assertEquals(positions, entries.stream().map(AuditEntry::position).toList());
    // From the middle of the second segment on.
    AuditPosition middle = positions.stream().filter(p -> p.segment() == 2).skip(1).findFirst().orElseThrow();
    List<AuditEntry> rest = all(reader.scan(middle.start()));
    assertEquals(positions.subList(positions.indexOf(middle), 12), rest.stream().map(AuditEntry::position).toList());
    try (AuditLog reopened = AuditLog.open(dir)) {
      assertEquals(segments, reopened.recovery().lastSegment());
      AuditPosition next = await(reopened.append(AuditRecords.simple("after", "c", 99, "x")));
      assertEquals(positions.get(11).end(), next.start(), "appends continue after the last record");
    }
  }

  @Test
  void fullQueueFailsAtOnceInsteadOfBlocking() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger overloads = new AtomicInteger();
    AuditLog.Listener stallFirstWrite = new AuditLog.Listener() {
      @Override
      public void onWrite(long nanos) {
        writing.countDown();
        try {
          release.await(); // holds the writer thread, so the queue cannot drain
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void onOverload() {
        overloads.incrementAndGet();
      }
    };
    try (AuditLog log = AuditLog.open(dir, AuditLog.Options.defaults().withQueueCapacity(2).withListener(stallFirstWrite))) {
      CompletableFuture<AuditPosition> first = log.append(AuditRecords.simple("0", "c", 0, "x"));
      assertTrue(writing.await(10, TimeUnit.SECONDS));
      CompletableFuture<AuditPosition> second = log.append(AuditRecords.simple("1", "c", 1, "x"));
      CompletableFuture<AuditPosition> third = log.append(AuditRecords.simple("2", "c", 2, "x"));
      long start = System.nanoTime();
      CompletableFuture<AuditPosition> refused = log.append(AuditRecords.simple("3", "c", 3, "x"));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
      assertTrue(refused.isCompletedExceptionally(), "refused at once");
      ExecutionException e = assertThrows(ExecutionException.class, refused::get);
      assertInstanceOf(AuditOverloadedException.class, e.getCause());
      assertEquals(1, overloads.get());
      assertEquals(2, log.queued());
      release.countDown();
      assertEquals("0", log.read(await(first)).id());
      assertEquals("1", log.read(await(second)).id());
      assertEquals("2", log.read(await(third)).id());
    }
  }

  @Test
  void closeWritesWhatIsQueuedAndRefusesLaterAppends() throws Exception {
    List<CompletableFuture<AuditPosition>> futures = new ArrayList<>();
    AuditLog log = AuditLog.open(dir, AuditLog.Options.defaults().withDurability(AuditLog.Durability.ASYNC));
    for (int i = 0; i < 200; i++) {
      futures.add(log.append(AuditRecords.simple("r" + i, "c", i, "x")));
    }
    log.close();
    for (CompletableFuture<AuditPosition> f : futures) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }
    ExecutionException e = assertThrows(ExecutionException.class, () -> log.append(AuditRecords.simple("late", "c", 0, "x")).get());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(200, all(AuditLogReader.open(dir).scan(AuditOffset.START)).size());
  }

  @Test
  void aFailedWriteFailsItsRecordsAndTheLogCarriesOn() throws Exception {
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    AuditLog.Listener listener = new AuditLog.Listener() {
      @Override
      public void onFailure(Throwable error) {
        failures.add(error);
      }
    };
    // A folder where the second segment must go: opening it for writing fails with an IOException.
    Path blocker = Files.createDirectories(dir.resolve("audit-000002.jsonl"));
    try (AuditLog log = AuditLog.open(dir, AuditLog.Options.defaults().withMaxSegmentBytes(100).withListener(listener))) {
      AuditPosition first = await(log.append(AuditRecords.simple("a", "c", 0, "x")));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> log.append(AuditRecords.simple("b", "c", 1, "x")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(AuditWriteException.class, e.getCause());
      assertTrue(e.getCause().getMessage().startsWith("cannot write audit record 'b'"), e.getCause().getMessage());
      assertEquals(1, failures.size());
      assertEquals(first.end(), log.end(), "nothing acknowledged past the failure");

      // A record Jackson cannot write fails alone.
      AuditRecord unserialisable = AuditRecords.simple("c", "c", 2, "x").toBuilder()
          .request(new com.fasterxml.jackson.databind.node.POJONode(new Object())).build();
      e = assertThrows(ExecutionException.class, () -> log.append(unserialisable).get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().startsWith("cannot serialise audit record 'c'"), e.getCause().getMessage());

      Files.delete(blocker); // the disk recovers
      AuditPosition later = await(log.append(AuditRecords.simple("d", "c", 3, "x")));
      assertEquals(2, later.segment());
      assertEquals("d", log.read(later).id());
    }
    assertEquals(List.of("a", "d"), all(AuditLogReader.open(dir).scan(AuditOffset.START)).stream()
        .map(x -> x.record().id()).toList());
  }

  @Test
  void oneWriterPerFolder() {
    try (AuditLog log = AuditLog.open(dir)) {
      assertEquals(dir, log.directory());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> AuditLog.open(dir));
      assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }
    AuditLog.open(dir).close(); // released on close
  }

  @Test
  void readingAWrongPositionIsAClearError() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      AuditPosition p = await(log.append(AuditRecords.simple("a", "c", 0, "x")));
      MalformedAuditRecordException e = assertThrows(MalformedAuditRecordException.class,
          () -> log.read(new AuditPosition(1, 3, p.length() - 3)));
      assertTrue(e.getMessage().contains("no checksummed line at 1:3+"), e.getMessage());
    }
  }
}
