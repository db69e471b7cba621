package dev.featurewatch.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads one segment line by line between two offsets, through one growing buffer, so a scan costs
 * a few large reads however many lines it meets. A final line without newline is returned with
 * {@link #terminated()} false: the caller decides whether it is a line being written or a torn one.
 */
final class LineScanner {
  private final FileChannel channel;
  private final long limit;
  private byte[] buffer = new byte[1 << 16];
  private long bufferOffset; // file offset of buffer[0]
  private int position; // start of the unread part
  private int end; // end of the bytes read
  private long nextRead; // file offset of the next read
  private boolean eof;

  private int lineStart;
  private int lineLength;
  private boolean terminated;

  /** @param limit the offset not to read at or past (the file's size, or less) */
  LineScanner(FileChannel channel, long start, long limit) {
    this.channel = channel;
    this.limit = limit;
    this.bufferOffset = start;
    this.nextRead = start;
  }

  /** Moves to the next line; false when none is left. */
  boolean next() throws IOException {
    int searched = position;
    while (true) {
      for (int i = searched; i < end; i++) {
        if (buffer[i] == '\n') {
          lineStart = position;
          lineLength = i - position;
          terminated = true;
          position = i + 1;
          return true;
        }
      }
      searched = end - position;
      if (!fill()) {
        if (position == end) {
          return false;
        }
        lineStart = position;
        lineLength = end - position;
        terminated = false;
        position = end;
        return true;
      }
      searched += position; // fill() moved the unread part to the buffer's start
    }
  }

  /** Reads more, keeping the unread part; false at the limit. */
  private boolean fill() throws IOException {
    if (eof || nextRead >= limit) {
      eof = true;
      return false;
    }
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, end - position);
      bufferOffset += position;
      end -= position;
      position = 0;
    }
    if (end == buffer.length) {
      byte[] larger = new byte[Math.max(buffer.length * 2, 1 << 16)];
      System.arraycopy(buffer, 0, larger, 0, end);
      buffer = larger;
    }
    int want = (int) Math.min(buffer.length - end, limit - nextRead);
    int read = channel.read(ByteBuffer.wrap(buffer, end, want), nextRead);
    if (read <= 0) {
      eof = true;
      return false;
    }
    end += read;
    nextRead += read;
    return true;
  }

  byte[] buffer() {
    return buffer;
  }

  /** Index in {@link #buffer()} of the current line's first byte. */
  int lineStart() {
    return lineStart;
  }

  /** The current line's length without its newline. */
  int contentLength() {
    return lineLength;
  }

  /** The current line's length on disk, its newline included. */
  int lengthOnDisk() {
    return lineLength + (terminated ? 1 : 0);
  }

  /** File offset of the current line. */
  long lineOffset() {
    return bufferOffset + lineStart;
  }

  /** Whether the current line ends with a newline. */
  boolean terminated() {
    return terminated;
  }
}
