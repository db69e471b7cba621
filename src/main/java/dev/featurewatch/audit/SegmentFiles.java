package dev.featurewatch.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names of the log's segment files ({@code audit-000001.jsonl}, ...) and the listing of a folder. */
final class SegmentFiles {
  private static final Pattern NAME = Pattern.compile("audit-(\\d{6,9})\\.jsonl");

  private SegmentFiles() {}

  static Path path(Path directory, int segment) {
    return directory.resolve(String.format("audit-%06d.jsonl", segment));
  }

  /** The segment numbers present in the folder, ascending; other files and folders are ignored. */
  static int[] list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.mapToInt(p -> {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() && Files.isRegularFile(p) ? Integer.parseInt(m.group(1)) : -1;
      }).filter(n -> n > 0).sorted().toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list audit folder " + directory + ": " + e.getMessage(), e);
    }
  }

  static int last(Path directory) {
    int[] segments = list(directory);
    return segments.length == 0 ? 0 : segments[segments.length - 1];
  }
}
