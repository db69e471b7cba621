package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.SafetensorsFile;
import dev.featurewatch.model.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A weights file seen as named float tensors, whatever its container (safetensors or NumPy
 * {@code .npz}). Each SAE format states which tensor it needs at which shape, and every error
 * names the file, the tensor and, for a wrong shape, both shapes.
 */
abstract class WeightFile implements AutoCloseable {
  private final Path path;

  private WeightFile(Path path) {
    this.path = path;
  }

  /** Opens a safetensors file (header validated on open). */
  static WeightFile safetensors(Path file) {
    return new Safetensors(file, SafetensorsFile.open(file));
  }

  /** Opens a NumPy {@code .npz} archive and reads the header of every {@code .npy} entry in it. */
  static WeightFile npz(Path file) {
    return Npz.open(file);
  }

  final Path path() {
    return path;
  }

  /** Tensor shapes by name, in file order. */
  abstract Map<String, long[]> shapes();

  /** String metadata stored in the file (safetensors {@code __metadata__}); empty if none. */
  Map<String, String> metadata() {
    return Map.of();
  }

  /** Loads a tensor as FLOAT32, unchecked. */
  abstract NDArray read(String name, NDManager manager);

  @Override
  public abstract void close();

  boolean has(String name) {
    return shapes().containsKey(name);
  }

  /** The shape of a tensor that must be present. */
  long[] shape(String name) {
    long[] shape = shapes().get(name);
    if (shape == null) {
      throw error("missing tensor " + name + "; the file holds " + String.join(", ", shapes().keySet()));
    }
    return shape;
  }

  /**
   * Loads a tensor after checking its shape.
   *
   * @param dims the expected dimensions by name, e.g. {@code [d_sae, d_in]}, for the error message
   */
  NDArray load(NDManager manager, String name, String dims, long... expected) {
    long[] actual = shape(name);
    if (!Arrays.equals(actual, expected)) {
      throw error("tensor " + name + " has shape " + Arrays.toString(actual) + " but " + dims + " = "
          + Arrays.toString(expected) + " was expected");
    }
    return read(name, manager);
  }

  ModelLoadException error(String message) {
    return new ModelLoadException(path + ": " + message);
  }

  private static final class Safetensors extends WeightFile {
    private final SafetensorsFile file;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    Safetensors(Path path, SafetensorsFile file) {
      super(path);
      this.file = file;
      for (TensorInfo info : file.tensors().values()) {
        shapes.put(info.name(), info.shape());
      }
    }

    @Override
    Map<String, long[]> shapes() {
      return Collections.unmodifiableMap(shapes);
    }

    @Override
    Map<String, String> metadata() {
      return file.metadata();
    }

    @Override
    NDArray read(String name, NDManager manager) {
      return file.loadFloat32(manager, name);
    }

    @Override
    public void close() {
      try {
        file.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code np.savez} writes one {@code NAME.npy} entry per array, stored or deflated. */
  private static final class Npz extends WeightFile {
    private final ZipFile zip;
    private final Map<String, long[]> shapes;

    private Npz(Path path, ZipFile zip, Map<String, long[]> shapes) {
      super(path);
      this.zip = zip;
      this.shapes = shapes;
    }

    static Npz open(Path path) {
      ZipFile zip;
      try {
        zip = new ZipFile(path.toFile());
      } catch (IOException e) {
        throw new ModelLoadException(path + ": not a readable zip archive (an .npz is one): " + e.getMessage(), e);
      }
      try {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
          ZipEntry entry = entries.nextElement();
          if (entry.isDirectory() || !entry.getName().endsWith(".npy")) {
            continue;
          }
          try (InputStream in = zip.getInputStream(entry)) {
            shapes.put(arrayName(entry), NpyReader.readHeader(in, path + ":" + entry.getName()).shape());
          }
        }
        return new Npz(path, zip, shapes);
      } catch (IOException | RuntimeException e) {
        try {
          zip.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        if (e instanceof ModelLoadException mle) {
          throw mle;
        }
        throw new ModelLoadException(path + ": cannot read: " + e.getMessage(), e);
      }
    }

    private static String arrayName(ZipEntry entry) {
      return entry.getName().substring(0, entry.getName().length() - ".npy".length());
    }

    @Override
    Map<String, long[]> shapes() {
      return Collections.unmodifiableMap(shapes);
    }

    @Override
    NDArray read(String name, NDManager manager) {
      String entryName = name + ".npy";
      String source = path() + ":" + entryName;
      try (InputStream in = zip.getInputStream(zip.getEntry(entryName))) {
        return NpyReader.readData(in, NpyReader.readHeader(in, source), manager, source);
      } catch (IOException e) {
        throw new ModelLoadException(source + ": cannot read: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        zip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
