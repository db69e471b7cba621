package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files under deploy/ as the checks read them: the Kubernetes manifests as YAML trees, the
 * Dockerfiles, and the way back from a path inside the image to the repository file the Dockerfile
 * copies there. Tests run in the repository root.
 */
final class Deploy {
  static final Path KUBERNETES = Path.of("deploy/kubernetes");
  static final Path CONTAINER = Path.of("deploy/container");
  static final Path CPU_DOCKERFILE = CONTAINER.resolve("Dockerfile");
  static final Path CUDA_DOCKERFILE = CONTAINER.resolve("Dockerfile.cuda");
  static final Path KUSTOMIZATION = KUBERNETES.resolve("kustomization.yaml");
  static final Path ADAPTER_VALUES = KUBERNETES.resolve("prometheus-adapter-values.yaml");

  private Deploy() {}

  /** One YAML document of a manifest file. */
  record Manifest(Path file, Map<String, Object> tree) {
    String kind() {
      return (String) tree.get("kind");
    }

    String apiVersion() {
      return (String) tree.get("apiVersion");
    }

    String name() {
      return string(tree, "metadata.name");
    }

    @Override
    public String toString() {
      return file + " (" + kind() + " " + name() + ")";
    }
  }

  static Map<String, Object> yaml(Path file) {
    try {
      return yaml(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text, String name) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    if (!(root instanceof Map<?, ?>)) {
      throw new AssertionError(name + ": not a YAML mapping");
    }
    return (Map<String, Object>) root;
  }

  /** Every document of every resource the kustomization lists, in its order. */
  @SuppressWarnings("unchecked")
  static List<Manifest> resources() {
    List<Manifest> out = new ArrayList<>();
    for (String resource : list(yaml(KUSTOMIZATION), "resources", String.class)) {
      Path file = KUBERNETES.resolve(resource);
      try {
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
          if (doc != null) {
            out.add(new Manifest(file, (Map<String, Object>) doc));
          }
        }
      } catch (IOException e) {
        throw new AssertionError("kustomization.yaml lists " + resource + ", which cannot be read: " + e, e);
      }
    }
    return out;
  }

  static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
    return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
  }

  static Manifest one(List<Manifest> manifests, String kind) {
    List<Manifest> found = ofKind(manifests, kind);
    assertEquals(1, found.size(), "expected exactly one " + kind + " among the manifests, found " + found);
    return found.get(0);
  }

  static Manifest named(List<Manifest> manifests, String kind, String name) {
    return ofKind(manifests, kind).stream().filter(m -> name.equals(m.name())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named '" + name + "' among the manifests"));
  }

  /** The value at a dotted path ({@code spec.template.spec}), or null. */
  static Object at(Map<String, Object> tree, String dotted) {
    Object node = tree;
    for (String key : dotted.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> tree, String dotted) {
    Object v = at(tree, dotted);
    assertTrue(v instanceof Map<?, ?>, dotted + " must be a mapping, is " + v);
    return (Map<String, Object>) v;
  }

  static String string(Map<String, Object> tree, String dotted) {
    Object v = at(tree, dotted);
    return v == null ? null : String.valueOf(v);
  }

  static <T> List<T> list(Map<String, Object> tree, String dotted, Class<T> type) {
    Object v = at(tree, dotted);
    assertTrue(v instanceof List<?>, dotted + " must be a list, is " + v);
    List<T> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      assertTrue(type.isInstance(o), dotted + ": expected " + type.getSimpleName() + " items, got " + o);
      out.add(type.cast(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> tree, String dotted) {
    Object v = at(tree, dotted);
    if (v == null) {
      return List.of();
    }
    assertTrue(v instanceof List<?>, dotted + " must be a list, is " + v);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      assertTrue(o instanceof Map<?, ?>, dotted + ": expected mappings, got " + o);
      out.add((Map<String, Object>) o);
    }
    return out;
  }

  /** A ConfigMap's data, by key. */
  static Map<String, String> data(Manifest configMap) {
    Map<String, String> out = new LinkedHashMap<>();
    map(configMap.tree(), "data").forEach((k, v) -> out.put(k, (String) v));
    return out;
  }

  /** Loads config text with the server's own loader, in the given environment (the image's and the pod's). */
  static ServerConfig serverConfig(String yaml, Map<String, String> environment, Path folder) {
    try {
      Path file = Files.createTempFile(folder, "config", ".yaml");
      Files.writeString(file, yaml);
      return ServerConfig.load(file, environment, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository file or folder a Dockerfile's runtime stage copies to {@code imagePath} (a COPY from
   * the build context whose destination is the path or a folder above it), if any.
   */
  static Optional<Path> sourceOf(Dockerfile dockerfile, String imagePath) {
    for (Dockerfile.Copy copy : Dockerfile.copies(dockerfile.runtime())) {
      if (!copy.fromContext()) {
        continue;
      }
      String dest = copy.destination().endsWith("/") && copy.destination().length() > 1
          ? copy.destination().substring(0, copy.destination().length() - 1) : copy.destination();
      if (!imagePath.equals(dest) && !imagePath.startsWith(dest + "/")) {
        continue;
      }
      String rest = imagePath.equals(dest) ? "" : imagePath.substring(dest.length() + 1);
      for (String source : copy.sources()) {
        if (isGlob(source)) {
          Path candidate = Path.of(source).getParent().resolve(rest);
          if (!rest.isEmpty() && matcher(source).matches(candidate) && Files.exists(candidate)) {
            return Optional.of(candidate);
          }
          if (rest.isEmpty()) {
            return Optional.of(Path.of(source).getParent()); // the folder the files are copied into
          }
        } else {
          Path candidate = rest.isEmpty() ? Path.of(source) : Path.of(source).resolve(rest);
          if (Files.exists(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  static boolean isGlob(String path) {
    return path.contains("*") || path.contains("?") || path.contains("[");
  }

  static PathMatcher matcher(String glob) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }

  /** Repository files matching a COPY source (a path or a glob relative to the root). */
  static List<Path> matching(String source) {
    if (!isGlob(source)) {
      return Files.exists(Path.of(source)) ? List.of(Path.of(source)) : List.of();
    }
    PathMatcher m = matcher(source);
    Path base = Path.of(source).getParent();
    try (Stream<Path> s = Files.walk(base == null ? Path.of(".") : base)) {
      return s.map(p -> p.startsWith("./") ? Path.of(".").relativize(p) : p).filter(m::matches).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T present(Optional<T> value, String message) {
    assertNotNull(value.orElse(null), message);
    return value.get();
  }
}
