package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a Hugging Face model directory: {@code model.safetensors}, or the shards named
 * by {@code model.safetensors.index.json}. Lookups check names and shapes so that a wrong
 * checkpoint fails with the tensor's name instead of a shape error deep in the forward pass.
 */
public final class Checkpoint implements TensorSource, Closeable {
  static final String SINGLE_FILE = "model.safetensors";
  static final String INDEX_FILE = "model.safetensors.index.json";

  private final Path directory;
  private final Map<String, SafetensorsFile> fileByTensor;
  private final Map<Path, SafetensorsFile> files;

  private Checkpoint(Path directory, Map<String, SafetensorsFile> fileByTensor, Map<Path, SafetensorsFile> files) {
    this.directory = directory;
    this.fileByTensor = fileByTensor;
    this.files = files;
  }

  /** Opens the checkpoint of a model directory, single-file or sharded. */
  public static Checkpoint open(Path directory) {
    Path single = directory.resolve(SINGLE_FILE);
    Path index = directory.resolve(INDEX_FILE);
    Map<Path, SafetensorsFile> files = new LinkedHashMap<>();
    Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
    try {
      if (Files.exists(single)) {
        SafetensorsFile file = SafetensorsFile.open(single);
        files.put(single, file);
        file.tensors().keySet().forEach(name -> byTensor.put(name, file));
      } else if (Files.exists(index)) {
        for (Map.Entry<String, Path> entry : readWeightMap(index).entrySet()) {
          SafetensorsFile shard = files.computeIfAbsent(entry.getValue(), SafetensorsFile::open);
          if (!shard.tensors().containsKey(entry.getKey())) {
            throw new ModelLoadException(index + ": weight_map puts " + entry.getKey() + " in " + entry.getValue().getFileName()
                + " but that shard has no such tensor");
          }
          byTensor.put(entry.getKey(), shard);
        }
      } else {
        throw new ModelLoadException(directory + ": no " + SINGLE_FILE + " or " + INDEX_FILE + " (not a Hugging Face safetensors model directory)");
      }
    } catch (RuntimeException e) {
      closeQuietly(files.values(), e);
      throw e;
    }
    return new Checkpoint(directory, byTensor, files);
  }

  private static Map<String, Path> readWeightMap(Path index) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(index.toFile());
    } catch (IOException e) {
      throw new ModelLoadException(index + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode weightMap = root.path("weight_map");
    if (!weightMap.isObject() || weightMap.isEmpty()) {
      throw new ModelLoadException(index + ": missing or empty field 'weight_map'");
    }
    Map<String, Path> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path shard = index.getParent().resolve(e.getValue().asText()).normalize();
      if (!shard.startsWith(index.getParent().normalize())) {
        throw new ModelLoadException(index + ": weight_map entry " + e.getKey() + " points outside the model directory");
      }
      result.put(e.getKey(), shard);
    }
    return result;
  }

  /** The model directory. */
  public Path directory() {
    return directory;
  }

  /** All tensor names. */
  public Set<String> names() {
    return fileByTensor.keySet();
  }

  /** Whether the checkpoint holds a tensor of this name. */
  @Override
  public boolean contains(String name) {
    return fileByTensor.containsKey(name);
  }

  /** Metadata of a tensor. */
  public TensorInfo info(String name) {
    SafetensorsFile file = fileByTensor.get(name);
    if (file == null) {
      throw new ModelLoadException(directory + ": missing tensor " + name);
    }
    return file.tensors().get(name);
  }

  /**
   * Loads a tensor as FLOAT32 after checking its shape.
   *
   * @param expectedShape the shape the architecture needs
   * @throws ModelLoadException naming the tensor if it is missing or has another shape
   */
  @Override
  public NDArray load(NDManager manager, String name, long... expectedShape) {
    TensorInfo info = info(name);
    if (!Arrays.equals(info.shape(), expectedShape)) {
      throw new ModelLoadException(directory + ": tensor " + name + " has shape " + info.shapeString()
          + " but the config needs " + Arrays.toString(expectedShape));
    }
    return fileByTensor.get(name).loadFloat32(manager, info);
  }

  private static void closeQuietly(Iterable<SafetensorsFile> files, Exception primary) {
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        primary.addSuppressed(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SafetensorsFile f : files.values()) {
      try {
        f.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
