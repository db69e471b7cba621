package dev.featurewatch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A training checkpoint folder that is never half-written: a new checkpoint is written beside it
 * ({@code NAME.tmp}), the current one is moved aside ({@code NAME.old}), the new one is renamed
 * into place and the old one deleted. A crash at any point leaves either {@code NAME} or {@code
 * NAME.old} complete, and {@link #readable} finds whichever it is.
 */
public final class CheckpointDirectory {
  private final Path directory;
  private final String completeMarker;

  /**
   * @param directory the checkpoint folder
   * @param completeMarker a file written last into every checkpoint; its presence means complete
   */
  public CheckpointDirectory(Path directory, String completeMarker) {
    this.directory = directory;
    this.completeMarker = completeMarker;
  }

  /** Writes the folder's contents. */
  @FunctionalInterface
  public interface Contents {
    void writeInto(Path folder) throws IOException;
  }

  /** Replaces the checkpoint with what {@code contents} writes, atomically as seen by {@link #readable}. */
  public void replace(Contents contents) {
    Path tmp = sibling(".tmp");
    Path old = sibling(".old");
    try {
      deleteRecursively(tmp);
      Files.createDirectories(tmp);
      contents.writeInto(tmp);
      deleteRecursively(old);
      if (Files.exists(directory)) {
        Files.move(directory, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, directory, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + directory, e);
    }
  }

  /** The complete checkpoint folder, if any: the current one, or the previous one a crash left aside. */
  public Optional<Path> readable() {
    for (Path candidate : new Path[] {directory, sibling(".old")}) {
      if (Files.exists(candidate.resolve(completeMarker))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private Path sibling(String suffix) {
    return directory.resolveSibling(directory.getFileName() + suffix);
  }

  /** Deletes a file or a folder with everything in it; nothing if it does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
