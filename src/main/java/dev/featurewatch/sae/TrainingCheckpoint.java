package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.model.CheckpointDirectory;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SafetensorsFile;
import dev.featurewatch.model.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a training run needs to continue: parameters with their Adam moments, the step,
 * the corpus cursor, the input scale and the per-feature firing statistics. Written to a
 * sibling folder and swapped in, so an interrupted save never destroys the last good checkpoint.
 * The shuffle buffer is not saved: a resumed run refills it from the cursor, so it continues
 * with the same data distribution but not bit-identical batches.
 */
final class TrainingCheckpoint {
  private static final String TENSORS = "parameters.safetensors";
  private static final String STATE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<AdamParameter> parameters;
  final float scale;
  long step;
  int epoch;
  int document;
  private final int[] stepsSinceFired;
  private final long[] firings;
  private long rowsSeen;
  private double threshold = Double.NaN;

  TrainingCheckpoint(List<AdamParameter> parameters, float scale, int dSae) {
    this.parameters = parameters;
    this.scale = scale;
    this.stepsSinceFired = new int[dSae];
    this.firings = new long[dSae];
  }

  AdamParameter parameter(String name) {
    for (AdamParameter p : parameters) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    throw new IllegalStateException("no parameter " + name);
  }

  int countDead(int window) {
    int dead = 0;
    for (int s : stepsSinceFired) {
      if (s >= window) {
        dead++;
      }
    }
    return dead;
  }

  /** 1 for dead features, 0 for live ones. */
  float[] deadMask(int window) {
    float[] mask = new float[stepsSinceFired.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = stepsSinceFired[i] >= window ? 1f : 0f;
    }
    return mask;
  }

  void recordFiring(boolean[] fired, float[] counts, int rows) {
    for (int i = 0; i < fired.length; i++) {
      stepsSinceFired[i] = fired[i] ? 0 : stepsSinceFired[i] + 1;
      firings[i] += (long) counts[i];
    }
    rowsSeen += rows;
  }

  /** Follows BatchTopK's per-batch threshold with an exponential moving average (SAELens's rate, 0.01). */
  void trackThreshold(double batchThreshold) {
    threshold = Double.isNaN(threshold) ? batchThreshold : 0.99 * threshold + 0.01 * batchThreshold;
  }

  /** The inference threshold of a BatchTopK run. */
  double threshold() {
    return Double.isNaN(threshold) ? 0 : threshold;
  }

  /** Fraction of trained positions on which each feature fired. */
  float[] firingFrequency() {
    float[] f = new float[firings.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = rowsSeen == 0 ? 0 : (float) (firings[i] / (double) rowsSeen);
    }
    return f;
  }

  static boolean exists(Path dir) {
    return new CheckpointDirectory(dir, STATE).readable().isPresent();
  }

  void save(Path dir, SaeConfig config) {
    new CheckpointDirectory(dir, STATE).replace(tmp -> {
      SafetensorsWriter writer = new SafetensorsWriter();
      for (AdamParameter p : parameters) {
        long[] shape = p.value.getShape().getShape();
        writer.add(p.name, SafetensorsDType.F32, shape, p.value.toFloatArray());
        writer.add(p.name + ".adam_m", SafetensorsDType.F32, shape, p.firstMoment.toFloatArray());
        writer.add(p.name + ".adam_v", SafetensorsDType.F32, shape, p.secondMoment.toFloatArray());
      }
      writer.write(tmp.resolve(TENSORS));
      ObjectNode state = JSON.createObjectNode();
      state.put("step", step);
      state.put("epoch", epoch);
      state.put("document", document);
      state.put("scale", scale);
      state.put("rows_seen", rowsSeen);
      state.put("threshold", threshold());
      state.put("d_sae", config.dSae());
      state.put("d_in", config.dIn());
      state.put("hook_name", config.hookName());
      state.put("architecture", config.architecture().saeLensName());
      stepsSinceFired(state.putArray("steps_since_fired"));
      firingsTo(state.putArray("firings"));
      JSON.writeValue(tmp.resolve(STATE).toFile(), state);
    });
  }

  private void stepsSinceFired(com.fasterxml.jackson.databind.node.ArrayNode array) {
    for (int s : stepsSinceFired) {
      array.add(s);
    }
  }

  private void firingsTo(com.fasterxml.jackson.databind.node.ArrayNode array) {
    for (long f : firings) {
      array.add(f);
    }
  }

  static TrainingCheckpoint load(Path dir, NDManager manager, SaeConfig config) {
    Path source = new CheckpointDirectory(dir, STATE).readable().orElse(dir);
    JsonNode state;
    try {
      state = JSON.readTree(source.resolve(STATE).toFile());
    } catch (IOException e) {
      throw new ModelLoadException(source.resolve(STATE) + ": " + e.getMessage(), e);
    }
    if (state.path("d_sae").asInt() != config.dSae() || state.path("d_in").asInt() != config.dIn()
        || !state.path("hook_name").asText().equals(config.hookName())
        || !state.path("architecture").asText().equals(config.architecture().saeLensName())) {
      throw new IllegalArgumentException("checkpoint " + source + " is for " + state.path("architecture").asText() + " d_sae "
          + state.path("d_sae").asInt() + " at " + state.path("hook_name").asText() + "; this run asks for "
          + config.architecture().saeLensName() + " d_sae " + config.dSae() + " at " + config.hookName());
    }
    List<AdamParameter> parameters = new ArrayList<>();
    try (SafetensorsFile file = SafetensorsFile.open(source.resolve(TENSORS))) {
      for (String name : new String[] {"W_enc", "b_enc", "W_dec", "b_dec"}) {
        NDArray value = copy(file, manager, name);
        parameters.add(new AdamParameter(name, value, copy(file, manager, name + ".adam_m"), copy(file, manager, name + ".adam_v")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TrainingCheckpoint checkpoint = new TrainingCheckpoint(parameters, (float) state.path("scale").asDouble(), config.dSae());
    checkpoint.step = state.path("step").asLong();
    checkpoint.epoch = state.path("epoch").asInt();
    checkpoint.document = state.path("document").asInt();
    checkpoint.rowsSeen = state.path("rows_seen").asLong();
    checkpoint.threshold = state.path("threshold").asDouble(Double.NaN);
    for (int i = 0; i < config.dSae(); i++) {
      checkpoint.stepsSinceFired[i] = state.path("steps_since_fired").path(i).asInt();
      checkpoint.firings[i] = state.path("firings").path(i).asLong();
    }
    return checkpoint;
  }

  /** A private copy: parameters are updated in place and must not alias the read-only mapping. */
  private static NDArray copy(SafetensorsFile file, NDManager manager, String name) {
    try (NDArray mapped = file.loadFloat32(manager, name)) {
      return mapped.duplicate();
    }
  }

}
