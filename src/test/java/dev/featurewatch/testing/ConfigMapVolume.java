package dev.featurewatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A folder laid out and updated exactly as the kubelet's atomic writer does for a ConfigMap (or
 * Secret) volume ({@code pkg/volume/util/atomic_writer.go}):
 *
 * <pre>
 * folder/..2026_11_25_10_00_00.000000001/deception.yaml   the files of one version
 * folder/..data -&gt; ..2026_11_25_10_00_00.000000001          the version being served
 * folder/deception.yaml -&gt; ..data/deception.yaml           one link per key, never rewritten
 * </pre>
 *
 * An update writes the new version into a new timestamped folder, points a new {@code ..data_tmp}
 * link at it, renames {@code ..data_tmp} over {@code ..data} (the one atomic step), then adds the
 * links of new keys, removes the links of keys that are gone, and deletes the old version's folder.
 */
public final class ConfigMapVolume {
  private static final String DATA = "..data";
  private final Path folder;
  private long version;

  private ConfigMapVolume(Path folder) {
    this.folder = folder;
  }

  /** Creates the volume with its first version of the files (file name → content). */
  public static ConfigMapVolume create(Path folder, Map<String, String> files) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConfigMapVolume volume = new ConfigMapVolume(folder);
    volume.update(files);
    return volume;
  }

  public Path folder() {
    return folder;
  }

  /** The timestamped folder {@code ..data} points at now. */
  public Path currentVersion() {
    try {
      return folder.resolve(Files.readSymbolicLink(folder.resolve(DATA)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Publishes a new version with these files, in the kubelet's order of steps. */
  public void update(Map<String, String> files) {
    try {
      Path data = folder.resolve(DATA);
      Path old = Files.isSymbolicLink(data) ? currentVersion() : null;
      Set<String> oldKeys = old == null ? Set.of() : names(old);
      // 1. The new version, complete, in a folder of its own.
      Path next = folder.resolve(String.format("..2026_11_25_10_00_00.%09d", ++version));
      Files.createDirectory(next);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(next.resolve(f.getKey()), f.getValue());
      }
      // 2. ..data_tmp -> the new version, renamed over ..data: the switch, atomic.
      Path tmp = folder.resolve("..data_tmp");
      Files.createSymbolicLink(tmp, next.getFileName());
      Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      // 3. A link for each new key; the links of kept keys are left alone.
      for (String name : files.keySet()) {
        Path link = folder.resolve(name);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, Path.of(DATA, name));
        }
      }
      // 4. The links of keys that are gone, then the old version.
      for (String name : oldKeys) {
        if (!files.containsKey(name)) {
          Files.delete(folder.resolve(name));
        }
      }
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
