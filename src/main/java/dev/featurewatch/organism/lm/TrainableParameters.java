package dev.featurewatch.organism.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.featurewatch.model.Checkpoint;
import dev.featurewatch.model.ModelConfig;
import dev.featurewatch.model.SafetensorsWriter;
import dev.featurewatch.model.Transformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model's weights as arrays a training run owns: copied out of the checkpoint (mapped pages
 * are read-only), gradients attached, updated in place, written back as {@code model.safetensors}.
 */
public final class TrainableParameters implements AutoCloseable {
  private final ModelConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> byName;

  private TrainableParameters(ModelConfig config, NDManager manager, Map<String, NDArray> byName) {
    this.config = config;
    this.manager = manager;
    this.byName = byName;
  }

  /** Copies every tensor of a model directory's checkpoint, in name order, with gradients on. */
  public static TrainableParameters load(Path modelDirectory) {
    ModelConfig config = ModelConfig.load(modelDirectory);
    NDManager manager = NDManager.newBaseManager("PyTorch");
    Map<String, NDArray> byName = new LinkedHashMap<>();
    try (Checkpoint checkpoint = Checkpoint.open(modelDirectory)) {
      for (String name : new TreeSet<>(checkpoint.names())) {
        NDArray mapped = checkpoint.load(manager, name, checkpoint.info(name).shape());
        NDArray owned = mapped.duplicate();
        mapped.close();
        owned.setRequiresGradient(true);
        byName.put(name, owned);
      }
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException(e);
    }
    return new TrainableParameters(config, manager, byName);
  }

  /** A forward pass over these very arrays: its gradients land on them. Close it after use. */
  public Transformer model() {
    return Transformer.overTensors(config, byName);
  }

  /** The parsed config of the model being trained. */
  public ModelConfig config() {
    return config;
  }

  /** The arrays by Hugging Face name, in a fixed order. */
  public Map<String, NDArray> byName() {
    return Collections.unmodifiableMap(byName);
  }

  /** Total number of trained values. */
  public long count() {
    return byName.values().stream().mapToLong(NDArray::size).sum();
  }

  /** Writes the current values as {@code model.safetensors} (atomically). */
  public void save(Path file) {
    SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
    byName.forEach((name, array) -> writer.add(name, array.getShape().getShape(), array.toFloatArray()));
    writer.write(file);
  }

  /** Where new arrays tied to these parameters (optimiser state) should live. */
  NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
