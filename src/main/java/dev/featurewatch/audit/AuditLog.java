package dev.featurewatch.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The durable, append-only exchange log: one {@link AuditRecord} per line in segment files of a
 * folder, written by one thread, acknowledged when durable.
 *
 * <p>Files: {@code audit-000001.jsonl}, {@code audit-000002.jsonl}, ...; a new segment starts when
 * the next line would take the current one past {@link Options#maxSegmentBytes()} (a line larger
 * than that gets a segment of its own). Each line is
 *
 * <pre>{@code <crc32c> <json>\n}</pre>
 *
 * where {@code <crc32c>} is {@link java.util.zip.CRC32C} of the JSON's UTF-8 bytes as 8 lowercase
 * hex digits and {@code <json>} is the record's {@link AuditRecord#toJson()} on one line. A line
 * that fails its checksum is not a record. {@code audit.lock} keeps a second writer out of the
 * folder; other entries (such as the index's {@code index/}) are not the log's.
 *
 * <p>Writing: {@link #append} never blocks. It queues the record (a bounded queue; when full the
 * future fails at once with {@link AuditOverloadedException}) and returns. The writer thread takes
 * what is queued as one batch, serialises and writes it, forces the segment once for the whole
 * batch when durability is {@link Durability#SYNC} (group commit), then completes the batch's
 * futures in log order with each record's {@link AuditPosition}. With {@link Durability#ASYNC}
 * futures complete after the write, and the segment is forced every {@link
 * Options#asyncForceInterval()}, at rotation and on close. A failed write or force completes the
 * batch's futures with {@link AuditWriteException}, cuts the segment back to before the batch, and
 * the log carries on with later records. Futures complete on the writer thread: attach slow work
 * with the {@code *Async} variants. Records are serialised on the writer thread, so a record must
 * not change after it is appended.
 *
 * <p>Opening: the last segment is scanned; a torn tail (a final line without newline, failing its
 * checksum or not JSON) is truncated, a damaged line followed by good ones is kept and skipped by
 * readers ({@link #recovery()} says which). Appends continue after the last good line.
 */
public final class AuditLog implements AutoCloseable {
  /** When an append is acknowledged. */
  public enum Durability {
    /** After the line is written and forced to the device (fsync), once per batch. */
    SYNC,
    /** After the line is written to the file (the OS's cache); forced periodically. */
    ASYNC
  }

  /** Hooks for metrics, called on the writer thread (keep them quick); every method defaults to nothing. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** A record was acknowledged {@code nanos} after its append: queueing, write and force together. */
    default void onWrite(long nanos) {}

    /** A batch failed to be written or forced; its records' futures fail with this error's wrapper. */
    default void onFailure(Throwable error) {}

    /** An append was refused because the queue was full. */
    default void onOverload() {}
  }

  /**
   * @param maxSegmentBytes size past which a new segment starts (default 64 MiB)
   * @param queueCapacity records that may wait for the writer (default 10,000)
   * @param durability when appends are acknowledged (default SYNC)
   * @param asyncForceInterval how often ASYNC forces its segment (default 1 s)
   * @param listener metrics hooks
   */
  public record Options(long maxSegmentBytes, int queueCapacity, Durability durability, Duration asyncForceInterval,
      Listener listener) {
    public Options {
      if (maxSegmentBytes < 1 || queueCapacity < 1) {
        throw new IllegalArgumentException("maxSegmentBytes and queueCapacity must be positive");
      }
      Objects.requireNonNull(durability, "durability");
      if (asyncForceInterval == null || asyncForceInterval.isNegative() || asyncForceInterval.isZero()) {
        throw new IllegalArgumentException("asyncForceInterval must be positive");
      }
      listener = listener == null ? Listener.NONE : listener;
    }

    public static Options defaults() {
      return new Options(64L << 20, 10_000, Durability.SYNC, Duration.ofSeconds(1), Listener.NONE);
    }

    public Options withMaxSegmentBytes(long bytes) {
      return new Options(bytes, queueCapacity, durability, asyncForceInterval, listener);
    }

    public Options withQueueCapacity(int capacity) {
      return new Options(maxSegmentBytes, capacity, durability, asyncForceInterval, listener);
    }

    public Options withDurability(Durability d) {
      return new Options(maxSegmentBytes, queueCapacity, d, asyncForceInterval, listener);
    }

    public Options withAsyncForceInterval(Duration interval) {
      return new Options(maxSegmentBytes, queueCapacity, durability, interval, listener);
    }

    public Options withListener(Listener l) {
      return new Options(maxSegmentBytes, queueCapacity, durability, asyncForceInterval, l);
    }
  }

  private static final int MAX_BATCH = 1024;
  private static final Pending STOP = new Pending(null, 0);

  private final Path directory;
  private final Options options;
  private final AuditLogReader reader;
  private final RecoveryReport recovery;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final SegmentWriter segment;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private volatile AuditOffset end;
  private long lastForce = System.nanoTime();

  private AuditLog(Path directory, Options options) throws IOException {
    this.directory = directory;
    this.options = options;
    Files.createDirectories(directory);
    this.lockChannel = FileChannel.open(directory.resolve("audit.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock held;
      try {
        held = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        throw new IllegalStateException("audit folder " + directory + " is already open for writing by another log");
      }
      this.lock = held;
      this.recovery = LogRecovery.recover(directory);
      this.segment = new SegmentWriter(directory, recovery.lastSegment(), options.durability() == Durability.SYNC);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
    this.reader = AuditLogReader.open(directory);
    this.end = new AuditOffset(segment.number(), segment.size());
    this.writer = new Thread(this::writeLoop, "audit-log-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Opens (creating, and recovering if needed) the log in a folder with default options. */
  public static AuditLog open(Path directory) {
    return open(directory, Options.defaults());
  }

  /**
   * Opens the log in a folder, creating the folder if needed and recovering its last segment.
   *
   * @throws IllegalStateException when another log holds the folder
   * @throws UncheckedIOException when the folder cannot be read or written
   */
  public static AuditLog open(Path directory, Options options) {
    try {
      return new AuditLog(directory, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit log " + directory + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  public Options options() {
    return options;
  }

  /** What opening the folder found and repaired. */
  public RecoveryReport recovery() {
    return recovery;
  }

  /**
   * Queues a record; never blocks. The future completes with the record's position once it is
   * written (and forced, under SYNC), or fails with {@link AuditOverloadedException} (at once, when
   * the queue is full), {@link AuditWriteException}, or {@link IllegalStateException} after close.
   */
  public CompletableFuture<AuditPosition> append(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("audit log " + directory + " is closed"));
    }
    if (queued.incrementAndGet() > options.queueCapacity()) {
      queued.decrementAndGet();
      options.listener().onOverload();
      return CompletableFuture.failedFuture(new AuditOverloadedException(options.queueCapacity()));
    }
    Pending p = new Pending(record, System.nanoTime());
    queue.add(p);
    return p.future;
  }

  /** Records waiting for the writer. */
  public int queued() {
    return queued.get();
  }

  /**
   * The end of the acknowledged log: every line before it has been written (and forced, under
   * SYNC) and its future completed. Readers that must not see a line that could still be rolled
   * back read up to here.
   */
  public AuditOffset end() {
    return end;
  }

  /**
   * Calls {@code onAppended} on the writer thread after every batch is acknowledged ({@link #end()}
   * has moved). It must be quick: a signal, not work.
   *
   * @return removes the watcher
   */
  public Runnable watch(Runnable onAppended) {
    watchers.add(onAppended);
    return () -> watchers.remove(onAppended);
  }

  /** Reading this folder. */
  public AuditLogReader reader() {
    return reader;
  }

  /** The record at a position; see {@link AuditLogReader#read}. */
  public AuditRecord read(AuditPosition position) {
    return reader.read(position);
  }

  /** The acknowledged records from {@code from} to {@link #end()}, in order. */
  public AuditCursor scan(AuditOffset from) {
    return reader.scan(from, end);
  }

  /** Writes what is queued, forces, stops the writer and releases the folder. Later appends fail. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.add(STOP);
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true; // the writer must finish: interrupting it would close its channel mid-write
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      if (left != STOP) {
        left.future.completeExceptionally(new IllegalStateException("audit log " + directory + " is closed"));
      }
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release audit folder lock in " + directory + ": " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    long pollNanos = options.durability() == Durability.ASYNC ? options.asyncForceInterval().toNanos()
        : TimeUnit.SECONDS.toNanos(1);
    boolean stopping = false;
    while (!stopping) {
      Pending first;
      try {
        first = queue.poll(pollNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        continue; // only close() stops the writer
      }
      if (first == null) {
        forceIfDue();
        continue;
      }
      if (first == STOP) {
        break;
      }
      batch.add(first);
      Pending p;
      while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
        if (p == STOP) {
          stopping = true;
          break;
        }
        batch.add(p);
      }
      queued.addAndGet(-batch.size());
      writeBatch(batch);
      batch.clear();
      forceIfDue();
    }
    try {
      segment.close();
    } catch (IOException e) {
      options.listener().onFailure(e);
    }
  }

  /**
   * Writes one batch: lines buffered per segment, written, forced once (SYNC), futures completed.
   * Crossing into a new segment commits the part before it first.
   */
  private void writeBatch(List<Pending> batch) {
    Chunk chunk = new Chunk();
    for (Pending p : batch) {
      byte[] line;
      try {
        line = LogLine.encode(AuditJson.bytes(p.record));
      } catch (RuntimeException e) {
        p.future.completeExceptionally(new AuditWriteException("cannot serialise audit record '" + p.record.id() + "': "
            + e.getMessage(), e));
        continue;
      }
      long used = segment.size() + chunk.bytes.size();
      if (used > 0 && used + line.length > options.maxSegmentBytes()) {
        commit(chunk);
        chunk = new Chunk();
        try {
          segment.rotate();
        } catch (IOException e) {
          options.listener().onFailure(e); // the lines are committed; the next write opens the next segment anyway
        }
      }
      chunk.add(p, new AuditPosition(segment.number(), segment.size() + chunk.bytes.size(), line.length), line);
    }
    commit(chunk);
  }

  private void commit(Chunk chunk) {
    if (chunk.pending.isEmpty()) {
      return;
    }
    long before = segment.size();
    try {
      segment.write(ByteBuffer.wrap(chunk.bytes.toByteArray()));
      if (options.durability() == Durability.SYNC) {
        segment.force();
        lastForce = System.nanoTime();
      }
    } catch (IOException | RuntimeException e) {
      segment.rollBack(before);
      options.listener().onFailure(e);
      for (Pending p : chunk.pending) {
        p.future.completeExceptionally(new AuditWriteException("cannot write audit record '" + p.record.id() + "' to "
            + directory + ": " + e.getMessage(), e));
      }
      return;
    }
    end = new AuditOffset(segment.number(), segment.size());
    long now = System.nanoTime();
    for (int i = 0; i < chunk.pending.size(); i++) {
      Pending p = chunk.pending.get(i);
      options.listener().onWrite(now - p.enqueued);
      p.future.complete(chunk.positions.get(i));
    }
    for (Runnable w : watchers) {
      try {
        w.run();
      } catch (RuntimeException e) {
        options.listener().onFailure(e);
      }
    }
  }

  private void forceIfDue() {
    if (segment.isDirty() && System.nanoTime() - lastForce >= options.asyncForceInterval().toNanos()) {
      try {
        segment.force();
      } catch (IOException e) {
        options.listener().onFailure(e);
      }
      lastForce = System.nanoTime();
    }
  }

  /** One appended record waiting for the writer. */
  private static final class Pending {
    final AuditRecord record;
    final long enqueued;
    final CompletableFuture<AuditPosition> future = new CompletableFuture<>();

    Pending(AuditRecord record, long enqueued) {
      this.record = record;
      this.enqueued = enqueued;
    }
  }

  /** Lines of one batch bound for one segment. */
  private static final class Chunk {
    final List<Pending> pending = new ArrayList<>();
    final List<AuditPosition> positions = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void add(Pending p, AuditPosition position, byte[] line) {
      pending.add(p);
      positions.add(position);
      bytes.writeBytes(line);
    }
  }
}
