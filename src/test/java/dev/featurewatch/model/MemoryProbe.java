package dev.featurewatch.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test access to what a model keeps alive. */
final class MemoryProbe {
  private MemoryProbe() {}

  /** NDArrays owned by the model's manager and its sub-managers. */
  static int liveArrays(Transformer model) {
    return model.liveArrayCount();
  }

  /** Resident set size of this process in KiB, from /proc. */
  static long residentKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
