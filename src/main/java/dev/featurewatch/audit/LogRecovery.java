package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the last segment end after its last good line before appends continue. A crash during a
 * write leaves at most a torn tail (the writer appends whole lines and nothing after them), so
 * every bad line after the last good one is cut; a bad line with good lines after it is damage,
 * not a tear, and is left in place for readers to skip.
 */
final class LogRecovery {
  private LogRecovery() {}

  static RecoveryReport recover(Path directory) throws IOException {
    int[] segments = SegmentFiles.list(directory);
    if (segments.length == 0) {
      return new RecoveryReport(0, 1, 0, 0, 0);
    }
    int last = segments[segments.length - 1];
    try (FileChannel channel = FileChannel.open(SegmentFiles.path(directory, last), StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = channel.size();
      LineScanner lines = new LineScanner(channel, 0, size);
      long goodEnd = 0;
      long records = 0;
      long corrupt = 0;
      long badSinceGood = 0;
      while (lines.next()) {
        if (lines.terminated() && isGood(lines)) {
          corrupt += badSinceGood;
          badSinceGood = 0;
          records++;
          goodEnd = lines.lineOffset() + lines.lengthOnDisk();
        } else {
          badSinceGood++;
        }
      }
      if (goodEnd < size) {
        channel.truncate(goodEnd);
        channel.force(true);
      }
      return new RecoveryReport(segments.length, last, records, size - goodEnd, corrupt);
    }
  }

  private static boolean isGood(LineScanner lines) {
    if (!LogLine.verify(lines.buffer(), lines.lineStart(), lines.contentLength())) {
      return false;
    }
    try {
      JsonNode json = AuditJson.MAPPER.readTree(lines.buffer(), lines.lineStart() + LogLine.HEADER,
          lines.contentLength() - LogLine.HEADER);
      return json != null && json.isObject();
    } catch (IOException e) {
      return false;
    }
  }
}
