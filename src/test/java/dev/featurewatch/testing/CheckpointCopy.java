package dev.featurewatch.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SafetensorsFile;
import dev.featurewatch.model.SafetensorsWriter;
import dev.featurewatch.model.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model directory's tensors in memory, to write altered copies of it in tests. */
public final class CheckpointCopy {
  /** One tensor's shape and values. */
  public record Tensor(long[] shape, float[] values) {}

  private final Path source;
  public final Map<String, Tensor> tensors = new LinkedHashMap<>();

  private CheckpointCopy(Path source) {
    this.source = source;
  }

  /** Reads every tensor of {@code modelDir/model.safetensors} as float32. */
  public static CheckpointCopy of(Path modelDir) {
    CheckpointCopy copy = new CheckpointCopy(modelDir);
    try (SafetensorsFile file = SafetensorsFile.open(modelDir.resolve("model.safetensors"));
        NDManager manager = NDManager.newBaseManager("PyTorch")) {
      for (TensorInfo info : file.tensors().values()) {
        try (NDArray array = file.loadFloat32(manager, info.name())) {
          copy.tensors.put(info.name(), new Tensor(info.shape(), array.toFloatArray()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** Writes config.json (copied, with {@code configChanges} applied) and one safetensors file. */
  public Path write(Path target, SafetensorsDType dtype, Map<String, Object> configChanges) {
    writeConfig(target, configChanges);
    SafetensorsWriter writer = new SafetensorsWriter();
    tensors.forEach((name, t) -> writer.add(name, dtype, t.shape(), t.values()));
    writer.write(target.resolve("model.safetensors"));
    return target;
  }

  /** Writes the tensors as {@code shards} files plus {@code model.safetensors.index.json}. */
  public Path writeSharded(Path target, int shards) {
    writeConfig(target, Map.of());
    List<String> names = new ArrayList<>(tensors.keySet());
    ObjectMapper json = new ObjectMapper();
    ObjectNode index = json.createObjectNode();
    index.putObject("metadata").put("total_size", 0);
    ObjectNode weightMap = index.putObject("weight_map");
    int perShard = (names.size() + shards - 1) / shards;
    for (int s = 0; s < shards; s++) {
      String file = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
      SafetensorsWriter writer = new SafetensorsWriter();
      for (String name : names.subList(s * perShard, Math.min(names.size(), (s + 1) * perShard))) {
        Tensor t = tensors.get(name);
        writer.add(name, SafetensorsDType.F32, t.shape(), t.values());
        weightMap.put(name, file);
      }
      writer.write(target.resolve(file));
    }
    try {
      json.writeValue(target.resolve("model.safetensors.index.json").toFile(), index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private void writeConfig(Path target, Map<String, Object> changes) {
    try {
      Files.createDirectories(target);
      ObjectMapper json = new ObjectMapper();
      ObjectNode config = (ObjectNode) json.readTree(source.resolve("config.json").toFile());
      changes.forEach((k, v) -> config.set(k, json.valueToTree(v)));
      json.writeValue(target.resolve("config.json").toFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
