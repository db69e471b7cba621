package dev.featurewatch.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an audit folder without writing to it: what a command-line replay or search uses while a
 * server may be appending to the same folder. Stateless and thread-safe; every call opens the
 * segment it needs. It neither recovers nor truncates (only {@link AuditLog} does, when it opens).
 */
public final class AuditLogReader {
  private final Path directory;

  private AuditLogReader(Path directory) {
    this.directory = directory;
  }

  /** @throws IllegalArgumentException when the folder does not exist */
  public static AuditLogReader open(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("no audit folder at " + directory);
    }
    return new AuditLogReader(directory);
  }

  public Path directory() {
    return directory;
  }

  /**
   * The record at a position.
   *
   * @throws MalformedAuditRecordException when the bytes there are not a checksummed record (a
   *     wrong position, or damage on disk)
   * @throws UncheckedIOException when the segment cannot be read
   */
  public AuditRecord read(AuditPosition position) {
    Path file = SegmentFiles.path(directory, position.segment());
    byte[] line = new byte[position.length()];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      long at = position.offset();
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, at);
        if (read < 0) {
          throw new MalformedAuditRecordException(null, null, "position " + position + " lies past the end of " + file);
        }
        at += read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit record at " + position + " in " + file + ": " + e.getMessage(), e);
    }
    if (line[line.length - 1] != '\n' || !LogLine.verify(line, 0, line.length - 1)) {
      throw new MalformedAuditRecordException(null, null, "no checksummed line at " + position + " in " + file);
    }
    return AuditJson.parse(line, LogLine.HEADER, line.length - 1 - LogLine.HEADER);
  }

  /** Every record from {@code from} on, in log order, to the end of what is written now. */
  public AuditCursor scan(AuditOffset from) {
    return new AuditCursor(directory, from, null);
  }

  /** Every record from {@code from} up to {@code until} (a line boundary), in log order. */
  public AuditCursor scan(AuditOffset from, AuditOffset until) {
    return new AuditCursor(directory, from, until);
  }

  /** Bytes of the log from {@code from} on: a scan's total, for progress. */
  public long bytesAfter(AuditOffset from) {
    long total = 0;
    for (int segment : SegmentFiles.list(directory)) {
      if (segment >= from.segment()) {
        try {
          long size = Files.size(SegmentFiles.path(directory, segment));
          total += segment == from.segment() ? Math.max(0, size - from.offset()) : size;
        } catch (IOException e) {
          // removed since the listing: nothing to read there
        }
      }
    }
    return total;
  }
}
