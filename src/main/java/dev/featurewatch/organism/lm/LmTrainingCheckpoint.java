package dev.featurewatch.organism.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.model.CheckpointDirectory;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.SafetensorsFile;
import dev.featurewatch.model.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A language-model run's checkpoint: parameters and AdamW moments ({@code state.safetensors})
 * and the step and config ({@code state.json}). Each save is written beside the last one and
 * renamed over it, so an interrupted save leaves the previous checkpoint intact. The data order
 * needs no cursor: {@link TokenWindows} derives each step's windows from the step number.
 */
final class LmTrainingCheckpoint {
  private static final String TENSORS = "state.safetensors";
  private static final String STATE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  LmTrainingCheckpoint(Path directory) {
    this.directory = directory;
  }

  void save(TrainableParameters parameters, AdamW optimizer, int step) {
    new CheckpointDirectory(directory, STATE).replace(folder -> {
      SafetensorsWriter writer = new SafetensorsWriter();
      parameters.byName().forEach((name, p) -> writer.add(name, p.getShape().getShape(), p.toFloatArray()));
      optimizer.state().forEach((name, p) -> writer.add(name, p.getShape().getShape(), p.toFloatArray()));
      writer.write(folder.resolve(TENSORS));
      ObjectNode state = JSON.createObjectNode();
      state.put("step", step);
      state.put("parameters", parameters.count());
      JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(STATE).toFile(), state);
    });
  }

  /**
   * Loads the last checkpoint into the parameters and optimiser, if there is one.
   *
   * @return the step it was taken after, or 0 when there is none
   */
  int restore(TrainableParameters parameters, AdamW optimizer, LmTrainingConfig config) {
    Optional<Path> readable = new CheckpointDirectory(directory, STATE).readable();
    if (readable.isEmpty()) {
      return 0;
    }
    Path source = readable.get();
    JsonNode state;
    try {
      state = JSON.readTree(source.resolve(STATE).toFile());
    } catch (IOException e) {
      throw new ModelLoadException(source.resolve(STATE) + ": " + e.getMessage(), e);
    }
    int step = state.path("step").asInt(-1);
    if (step < 0 || step > config.steps()) {
      throw new ModelLoadException(source.resolve(STATE) + ": step " + step + " is not within this run's " + config.steps() + " steps");
    }
    GradientMode.disableOnThisThread(); // in-place writes to leaves that require gradients
    try (SafetensorsFile file = SafetensorsFile.open(source.resolve(TENSORS))) {
      copyInto(file, parameters.byName(), parameters.manager());
      copyInto(file, optimizer.state(), parameters.manager());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return step;
  }

  private static void copyInto(SafetensorsFile file, Map<String, NDArray> targets, NDManager manager) {
    for (Map.Entry<String, NDArray> e : targets.entrySet()) {
      if (!file.tensors().containsKey(e.getKey())) {
        throw new ModelLoadException(file.path() + ": checkpoint has no tensor " + e.getKey());
      }
      try (NDManager scratch = manager.newSubManager()) {
        NDArray stored = file.loadFloat32(scratch, e.getKey());
        if (!stored.getShape().equals(e.getValue().getShape())) {
          throw new ModelLoadException(file.path() + ": tensor " + e.getKey() + " has shape " + stored.getShape()
              + " but the model needs " + e.getValue().getShape());
        }
        e.getValue().set(stored.toFloatArray());
      }
    }
  }

}
