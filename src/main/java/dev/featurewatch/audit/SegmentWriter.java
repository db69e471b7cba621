package dev.featurewatch.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The segment appends go to: its channel, number and size. Used by the log's writer thread only.
 * After a failed write that cannot be undone the segment is abandoned and the next write opens a
 * fresh one, so a damaged tail never has good lines appended after it.
 */
final class SegmentWriter implements AutoCloseable {
  private final Path directory;
  private final boolean syncDirectory;
  private FileChannel channel;
  private int number;
  private long size;
  private boolean dirty;

  /** Continues segment {@code number} at its end (creating it if absent). */
  SegmentWriter(Path directory, int number, boolean syncDirectory) throws IOException {
    this.directory = directory;
    this.syncDirectory = syncDirectory;
    this.number = number - 1;
    open(number);
  }

  int number() {
    return channel == null ? number + 1 : number;
  }

  long size() {
    return channel == null ? 0 : size;
  }

  /** Appends whole lines at the end. */
  void write(ByteBuffer lines) throws IOException {
    if (channel == null) {
      open(number + 1);
    }
    while (lines.hasRemaining()) {
      size += channel.write(lines, size);
    }
    dirty = true;
  }

  /** Makes what was written durable (fsync), if anything was written since the last force. */
  void force() throws IOException {
    if (channel != null && dirty) {
      channel.force(false);
      dirty = false;
    }
  }

  boolean isDirty() {
    return dirty;
  }

  /** Forces and closes this segment; the next write opens the following one. */
  void rotate() throws IOException {
    if (channel != null) {
      force();
      channel.close();
      channel = null;
    }
  }

  /**
   * Undoes a failed write by cutting the segment back to {@code toSize}; if even that fails, the
   * segment is abandoned and writing continues in a new one.
   */
  void rollBack(long toSize) {
    if (channel == null) {
      return;
    }
    try {
      channel.truncate(toSize);
      channel.force(false);
      size = toSize;
      dirty = false;
    } catch (IOException e) {
      abandon();
    }
  }

  private void abandon() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the segment is given up either way
    }
    channel = null;
    dirty = false;
  }

  private void open(int next) throws IOException {
    Path file = SegmentFiles.path(directory, next);
    boolean created = !file.toFile().exists();
    FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel = opened;
    number = next;
    size = opened.size();
    dirty = false;
    if (created && syncDirectory) {
      forceDirectory();
    }
  }

  /** Makes a new file's name durable: on Linux the file's own fsync does not cover its directory entry. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory; the file's data is still forced
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      force();
      channel.close();
      channel = null;
    }
  }
}
