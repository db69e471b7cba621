package dev.featurewatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** Every file under a folder with its size and checksum: what "left unchanged" is compared by. */
public final class FolderFingerprint {
  private FolderFingerprint() {}

  /** Relative path → "size:crc32c", in path order. */
  public static Map<String, String> of(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(p));
        files.put(folder.relativize(p).toString(), Files.size(p) + ":" + Long.toHexString(crc.getValue()));
      }
    }
    return files;
  }
}
