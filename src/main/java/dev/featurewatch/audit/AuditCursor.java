package dev.featurewatch.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the log's records in order from an offset, segment after segment: how the index catches
 * up and how replay reads a whole folder. Lines that fail their checksum or are not valid records
 * are skipped and counted ({@link #corruptLines()}), never returned. The last segment may be
 * growing: a final line without newline there is taken as one still being written and ends the
 * scan without being counted (a scan bounded by an {@code until} offset reads only complete lines).
 *
 * <p>Not thread-safe; close it to release the open segment. I/O errors surface as {@link
 * UncheckedIOException}.
 */
public final class AuditCursor implements Iterator<AuditEntry>, AutoCloseable {
  private final Path directory;
  private final int[] segments;
  private final AuditOffset until;
  private int segmentIndex = -1;
  private FileChannel channel;
  private LineScanner scanner;
  private int segment;
  private AuditOffset offset;
  private AuditEntry next;
  private long corrupt;

  AuditCursor(Path directory, AuditOffset from, AuditOffset until) {
    this.directory = directory;
    this.until = until;
    this.segments = Arrays.stream(SegmentFiles.list(directory))
        .filter(s -> s >= from.segment() && (until == null || s <= until.segment())).toArray();
    this.offset = from;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read audit segment " + SegmentFiles.path(directory, segment) + ": "
            + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public AuditEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    AuditEntry e = next;
    next = null;
    return e;
  }

  /** Lines skipped so far because they failed their checksum or did not hold a valid record. */
  public long corruptLines() {
    return corrupt;
  }

  /** The point after the last line read (returned or skipped): where a later scan would resume. */
  public AuditOffset offset() {
    return offset;
  }

  private AuditEntry advance() throws IOException {
    while (true) {
      if (scanner == null && !openNextSegment()) {
        return null;
      }
      if (!scanner.next()) {
        closeSegment();
        continue;
      }
      boolean growing = until == null && segmentIndex == segments.length - 1;
      if (!scanner.terminated() && growing) {
        closeSegment();
        segmentIndex = segments.length; // nothing follows the line being written
        return null;
      }
      long at = scanner.lineOffset();
      int length = scanner.lengthOnDisk();
      offset = new AuditOffset(segment, at + length);
      if (scanner.terminated() && LogLine.verify(scanner.buffer(), scanner.lineStart(), scanner.contentLength())) {
        try {
          AuditRecord record = AuditJson.parse(scanner.buffer(), scanner.lineStart() + LogLine.HEADER,
              scanner.contentLength() - LogLine.HEADER);
          return new AuditEntry(record, new AuditPosition(segment, at, length));
        } catch (MalformedAuditRecordException e) {
          // counted below: a checksummed line that is not a record is as unreadable as a torn one
        }
      }
      corrupt++;
    }
  }

  private boolean openNextSegment() throws IOException {
    while (++segmentIndex < segments.length) {
      segment = segments[segmentIndex];
      Path file = SegmentFiles.path(directory, segment);
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException gone) {
        continue; // removed since the listing
      }
      long start = segment == offset.segment() ? offset.offset() : 0;
      long limit = until != null && segment == until.segment() ? until.offset() : channel.size();
      if (segment != offset.segment()) {
        offset = new AuditOffset(segment, 0);
      }
      scanner = new LineScanner(channel, start, limit);
      return true;
    }
    return false;
  }

  private void closeSegment() throws IOException {
    scanner = null;
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  @Override
  public void close() {
    try {
      closeSegment();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    segmentIndex = segments.length;
  }
}
