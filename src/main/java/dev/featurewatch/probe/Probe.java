package dev.featurewatch.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.ModelConfig;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.SafetensorsFile;
import dev.featurewatch.model.SafetensorsWriter;
import dev.featurewatch.model.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained linear probe: score = sigmoid(direction · x + bias) on the activation x at one hook,
 * flagged when the score is strictly above a threshold calibrated to a false-positive rate.
 * Immutable; safe to share between requests.
 *
 * <p>Saved as a folder, in the spirit of an SAELens SAE folder:
 *
 * <ul>
 *   <li>{@code probe.json}: {@code format_version}, {@code hook_name}, {@code d_in}, {@code bias},
 *       {@code threshold} (on the score, 0..1), {@code target_fpr}, {@code pool} ({@code last},
 *       {@code mean} or {@code token}), {@code model_name} (the model directory's name), and
 *       {@code metrics} from training;
 *   <li>{@code probe.safetensors}: the tensor {@code direction}, F32, shape [d_in].
 * </ul>
 *
 * The direction stays F32 and the bias and threshold are JSON doubles (printed to round-trip), so a
 * loaded probe scores exactly as the one that was saved.
 */
public final class Probe {
  /** The {@code probe.json} layout this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  public static final String CONFIG_FILE = "probe.json";
  public static final String WEIGHTS_FILE = "probe.safetensors";
  public static final String DIRECTION_TENSOR = "direction";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HookPoint hookPoint;
  private final float[] direction;
  private final double bias;
  private final double threshold;
  private final double targetFpr;
  private final Pooling pool;
  private final String modelName;
  private final Map<String, Number> metrics;

  /**
   * @param hookPoint where the probe reads
   * @param direction w, [d_in]; copied
   * @param bias b
   * @param threshold flag when the score is strictly above this
   * @param targetFpr the false-positive rate the threshold was calibrated to
   * @param pool which rows of a sequence it was trained on
   * @param modelName the model directory's name, for people (not checked on load)
   * @param metrics training metrics to keep with the probe (names in snake_case), copied
   */
  public Probe(HookPoint hookPoint, float[] direction, double bias, double threshold, double targetFpr, Pooling pool,
      String modelName, Map<String, Number> metrics) {
    if (direction.length == 0) {
      throw new IllegalArgumentException("a probe direction needs at least one dimension");
    }
    if (!Double.isFinite(bias) || Double.isNaN(threshold)) {
      throw new IllegalArgumentException("probe bias must be finite and threshold a number; got " + bias + ", " + threshold);
    }
    this.hookPoint = hookPoint;
    this.direction = direction.clone();
    this.bias = bias;
    this.threshold = threshold;
    this.targetFpr = targetFpr;
    this.pool = pool;
    this.modelName = modelName;
    this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  public HookPoint hookPoint() {
    return hookPoint;
  }

  /** Width of the activations it reads. */
  public int dIn() {
    return direction.length;
  }

  /** A copy of w. */
  public float[] direction() {
    return direction.clone();
  }

  public double bias() {
    return bias;
  }

  public double threshold() {
    return threshold;
  }

  public double targetFpr() {
    return targetFpr;
  }

  public Pooling pool() {
    return pool;
  }

  public String modelName() {
    return modelName;
  }

  /** Training metrics saved with the probe (AUROC, TPR at the target FPR, counts). */
  public Map<String, Number> metrics() {
    return metrics;
  }

  /** The same probe with a calibrated threshold and the metrics to save with it. */
  Probe withCalibration(double newThreshold, Map<String, Number> newMetrics) {
    return new Probe(hookPoint, direction, bias, newThreshold, targetFpr, pool, modelName, newMetrics);
  }

  /** w·x + b, the score before the sigmoid. */
  public double logit(float[] activation) {
    if (activation.length != direction.length) {
      throw new IllegalArgumentException("activation has " + activation.length + " values; the probe reads " + direction.length);
    }
    return logit(activation, 0);
  }

  /** w·x + b for the row starting at {@code offset} of a flat [rows, d_in] array (no copy of the row). */
  public double logit(float[] rows, int offset) {
    if (offset < 0 || offset + direction.length > rows.length) {
      throw new IllegalArgumentException("no row of " + direction.length + " values at offset " + offset + " of " + rows.length);
    }
    double z = bias;
    for (int j = 0; j < direction.length; j++) {
      z += (double) direction[j] * rows[offset + j];
    }
    return z;
  }

  /** sigmoid(w·x + b), in [0, 1]. */
  public double score(float[] activation) {
    return LogisticProbe.sigmoid(logit(activation));
  }

  /** Scores of several rows. */
  public double[] scores(float[][] activations) {
    double[] out = new double[activations.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = score(activations[i]);
    }
    return out;
  }

  /** Whether a score raises the alarm: strictly above the threshold, as calibrated. */
  public boolean isFlagged(double score) {
    return score > threshold;
  }

  /**
   * A hook that scores every row passing {@link #hookPoint()} without changing it; register it
   * there for one request.
   *
   * @param bosTokenId the BOS id, skipped at position 0 when pooling a sequence score, or -1
   */
  public ProbeHook newHook(int bosTokenId) {
    return new ProbeHook(this, bosTokenId);
  }

  /**
   * Checks that the probe fits a model: its hook's block exists and its width is the model's
   * hidden size.
   *
   * @throws IllegalArgumentException saying what differs
   */
  public void checkFits(ModelConfig config, String modelDescription) {
    if (direction.length != config.hiddenSize()) {
      throw new IllegalArgumentException("probe reads d_in " + direction.length + " at " + hookPoint + " but model "
          + modelDescription + " has hidden_size " + config.hiddenSize());
    }
    if (hookPoint.kind() != HookPoint.Kind.LN_FINAL && hookPoint.layer() >= config.numLayers()) {
      throw new IllegalArgumentException("probe reads " + hookPoint + " but model " + modelDescription + " has "
          + config.numLayers() + " blocks");
    }
  }

  /** Writes {@code probe.json} and {@code probe.safetensors} into {@code dir}, creating it; each file atomically. */
  public void save(Path dir) {
    ObjectNode json = JSON.createObjectNode();
    json.put("format_version", FORMAT_VERSION);
    json.put("hook_name", hookPoint.name());
    json.put("d_in", direction.length);
    json.put("bias", bias);
    json.put("threshold", threshold);
    json.put("target_fpr", targetFpr);
    json.put("pool", pool.jsonName());
    json.put("model_name", modelName);
    ObjectNode m = json.putObject("metrics");
    metrics.forEach((k, v) -> {
      if (v instanceof Integer || v instanceof Long) {
        m.put(k, v.longValue());
      } else {
        m.put(k, v.doubleValue());
      }
    });
    try {
      Files.createDirectories(dir);
      new SafetensorsWriter().metadata("format", "pt").add(DIRECTION_TENSOR, new long[] {direction.length}, direction)
          .write(dir.resolve(WEIGHTS_FILE));
      Path target = dir.resolve(CONFIG_FILE);
      Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(json) + "\n");
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write probe to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a probe folder and checks it against the model it will run on.
   *
   * @throws IllegalArgumentException if the folder is malformed or does not fit the model
   */
  public static Probe load(Path dir, ModelConfig config, String modelDescription) {
    Probe probe = load(dir);
    try {
      probe.checkFits(config, modelDescription);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
    }
    return probe;
  }

  /**
   * Loads a probe folder.
   *
   * @throws IllegalArgumentException naming the file and field at fault
   */
  public static Probe load(Path dir) {
    Path configFile = dir.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException("probe folder " + dir + " has no " + CONFIG_FILE);
    }
    JsonNode json;
    try {
      json = JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(configFile + ": not valid JSON: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(configFile + ": expected a JSON object");
    }
    int version = requiredInt(configFile, json, "format_version");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(configFile + ": field 'format_version' is " + version + "; this version reads "
          + FORMAT_VERSION);
    }
    HookPoint point;
    try {
      point = HookPoint.parse(requiredText(configFile, json, "hook_name"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(configFile + ": field 'hook_name': " + e.getMessage(), e);
    }
    int dIn = requiredInt(configFile, json, "d_in");
    double bias = requiredNumber(configFile, json, "bias");
    double threshold = requiredNumber(configFile, json, "threshold");
    double targetFpr = requiredNumber(configFile, json, "target_fpr");
    Pooling pool;
    try {
      pool = Pooling.parse(requiredText(configFile, json, "pool"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(configFile + ": field 'pool': " + e.getMessage(), e);
    }
    String modelName = json.path("model_name").asText("");
    Map<String, Number> metrics = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = json.path("metrics").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isNumber()) {
        metrics.put(f.getKey(), f.getValue().numberValue());
      }
    }
    float[] direction = readDirection(dir.resolve(WEIGHTS_FILE), dIn);
    return new Probe(point, direction, bias, threshold, targetFpr, pool, modelName, metrics);
  }

  /**
   * Reads the F32 direction on the heap. (SafetensorsFile's loader makes engine arrays for model
   * weights; a probe is scored in Java, so its header is used to find the bytes.)
   */
  private static float[] readDirection(Path file, int dIn) {
    TensorInfo info;
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      info = st.tensors().get(DIRECTION_TENSOR);
    } catch (ModelLoadException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (info == null) {
      throw new IllegalArgumentException(file + ": no tensor named '" + DIRECTION_TENSOR + "'");
    }
    if (info.dtype() != dev.featurewatch.model.SafetensorsDType.F32) {
      throw new IllegalArgumentException(file + ": tensor '" + DIRECTION_TENSOR + "' is " + info.dtype() + "; probes store F32");
    }
    if (info.shape().length != 1 || info.shape()[0] != dIn) {
      throw new IllegalArgumentException(file + ": tensor '" + DIRECTION_TENSOR + "' has shape " + info.shapeString()
          + " but probe.json says d_in " + dIn);
    }
    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(info.byteLength())).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (bytes.hasRemaining()) {
        if (channel.read(bytes, info.offset() + bytes.position()) < 0) {
          throw new IllegalArgumentException(file + ": truncated");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    bytes.flip();
    float[] out = new float[dIn];
    bytes.asFloatBuffer().get(out);
    return out;
  }

  private static JsonNode required(Path file, JsonNode json, String field) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(file + ": missing field '" + field + "'");
    }
    return v;
  }

  private static int requiredInt(Path file, JsonNode json, String field) {
    JsonNode v = required(file, json, field);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
      throw new IllegalArgumentException(file + ": field '" + field + "' must be a positive integer, got " + v);
    }
    return v.intValue();
  }

  private static double requiredNumber(Path file, JsonNode json, String field) {
    JsonNode v = required(file, json, field);
    if (!v.isNumber()) {
      throw new IllegalArgumentException(file + ": field '" + field + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }

  private static String requiredText(Path file, JsonNode json, String field) {
    JsonNode v = required(file, json, field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(file + ": field '" + field + "' must be a string, got " + v);
    }
    return v.asText();
  }
}
