package dev.featurewatch.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule files of one folder: {@code *.yaml} and {@code *.yml} directly inside it, in name order,
 * hidden files (editors' and our own temporary files) left out. A rule file may be a symbolic link
 * (it is read through it; a dangling one is skipped), so a Kubernetes ConfigMap volume works as is:
 * its {@code <name>.yaml} links are read and its hidden {@code ..data} and {@code ..<timestamp>}
 * entries are not. Writes are atomic (a temporary file
 * in the same folder, forced to disk, then renamed over the target), so a reload never reads half a
 * file written by {@link RuleRepository}.
 */
final class RuleFolder {
  /** Larger rule files are refused rather than parsed. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private final Path directory;

  RuleFolder(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** The rule files, by name. */
  List<Path> files() {
    if (!Files.isDirectory(directory)) {
      throw new UncheckedIOException(new IOException("rules folder " + directory + " does not exist or is not a folder"));
    }
    try (Stream<Path> s = Files.list(directory)) {
      return s.filter(RuleFolder::isRuleFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list rules folder " + directory + ": " + e.getMessage(), e);
    }
  }

  static boolean isRuleFile(Path p) {
    String name = p.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p);
  }

  /**
   * True for a Kubernetes ConfigMap (or Secret) volume: its files are links into a {@code ..data}
   * folder that the kubelet swaps whole on every update, so a file written here would be lost or
   * would stop following the ConfigMap.
   */
  boolean isConfigMapMount() {
    return Files.isSymbolicLink(directory.resolve("..data"));
  }

  /** How a file is named in messages: the folder as the user gave it, then the file name. */
  String displayName(Path file) {
    return directory.resolve(file.getFileName()).toString();
  }

  /** The file's text (UTF-8). */
  String read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Replaces (or creates) a file atomically. */
  void write(Path file, String text) {
    Path tmp = directory.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write failed already; report that
      }
      throw new UncheckedIOException("cannot write rule file " + file + ": " + e.getMessage(), e);
    }
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete rule file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Files with their text, for a build; an unreadable file (or folder) becomes a problem. */
  List<Source> readAll(List<RuleProblem> problems) {
    List<Source> out = new ArrayList<>();
    List<Path> files;
    try {
      files = files();
    } catch (UncheckedIOException e) {
      problems.add(new RuleProblem(directory.toString(), 1, "folder", e.getCause().getMessage()));
      return out;
    }
    for (Path f : files) {
      try {
        out.add(new Source(f, displayName(f), read(f)));
      } catch (IOException e) {
        problems.add(new RuleProblem(displayName(f), 1, "file", "cannot read: " + e.getMessage()));
      }
    }
    return out;
  }

  /** One file's path, display name and text. */
  record Source(Path path, String name, String text) {}
}
