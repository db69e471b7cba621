package dev.featurewatch.cli;

import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SyntheticCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The models a benchmark measures: given directories plus, on request, a random model of the
 * stories15M shape written to a temporary folder that closing removes.
 */
final class BenchModels implements AutoCloseable {
  /** A model to measure and the name its row gets. */
  record Target(String name, Path directory) {}

  private final List<Target> targets = new ArrayList<>();
  private Path synthetic;

  BenchModels(List<Path> models, boolean stories15m) {
    models.forEach(dir -> targets.add(new Target(dir.getFileName().toString(), dir)));
    if (stories15m) {
      try {
        synthetic = Files.createTempDirectory("featurewatch-stories15m");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SyntheticCheckpoint.writeLlama(synthetic, SyntheticCheckpoint.Shape.stories15M(), 42, SafetensorsDType.F32);
      targets.add(new Target("random stories15M shape", synthetic));
    }
  }

  List<Target> targets() {
    return targets;
  }

  /** The line every benchmark ends with, so recorded figures carry their machine. */
  static String machine() {
    return String.format(Locale.ROOT, "machine: %d cores, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
  }

  /** Greedy choice, as the benchmarks decode. */
  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public void close() throws IOException {
    if (synthetic == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(synthetic)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
