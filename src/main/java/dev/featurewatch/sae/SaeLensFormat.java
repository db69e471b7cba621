package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SafetensorsFile;
import dev.featurewatch.model.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SAELens folder layout: {@code cfg.json} and {@code sae_weights.safetensors} (plus an
 * optional {@code sparsity.safetensors}). Reads SAELens 6 configs (hook in {@code metadata}) and
 * older ones (hook in {@code hook_name} or {@code hook_point}, TopK given as
 * {@code activation_fn_str: "topk"} with {@code activation_fn_kwargs.k}).
 */
public final class SaeLensFormat {
  static final String CONFIG = "cfg.json";
  static final String WEIGHTS = "sae_weights.safetensors";
  static final String SPARSITY = "sparsity.safetensors";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SaeLensFormat() {}

  /** Whether a folder looks like this layout. */
  static boolean matches(Path directory) {
    return Files.exists(directory.resolve(CONFIG)) && Files.exists(directory.resolve(WEIGHTS));
  }

  /** Parses an SAELens {@code cfg.json}; errors name the file and field. */
  public static SaeConfig parseConfig(Path file) {
    JsonNode cfg;
    try {
      cfg = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelLoadException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode meta = cfg.has("metadata") ? cfg.get("metadata") : cfg.path("meta");
    String hook = firstText(meta.path("hook_name"), cfg.path("hook_name"), cfg.path("hook_point"));
    if (hook == null) {
      throw new ModelLoadException(file + ": no hook name (metadata.hook_name, hook_name or hook_point)");
    }
    String archName = cfg.path("architecture").asText("standard");
    int k = cfg.path("k").asInt(0);
    if ("topk".equals(cfg.path("activation_fn_str").asText(cfg.path("activation_fn").asText("")))) {
      archName = "topk";
      k = cfg.path("activation_fn_kwargs").path("k").asInt(k);
    }
    SaeArchitecture architecture = SaeArchitecture.parse(archName);
    if (architecture == null) {
      throw new ModelLoadException(file + ": field 'architecture' is '" + archName + "'; supported: standard, topk, jumprelu");
    }
    JsonNode norm = cfg.path("normalize_activations");
    String normName = norm.isBoolean() ? (norm.asBoolean() ? "expected_average_only_in" : "none") : norm.asText("none");
    ActivationNormalization normalization = ActivationNormalization.parse(normName);
    if (normalization == null) {
      throw new ModelLoadException(file + ": field 'normalize_activations' is '" + normName
          + "'; supported: none, expected_average_only_in, constant_norm_rescale, layer_norm");
    }
    try {
      return new SaeConfig(architecture, required(cfg, "d_in", file), required(cfg, "d_sae", file), k, hook,
          cfg.path("apply_b_dec_to_input").asBoolean(true), normalization,
          firstText(meta.path("model_name"), cfg.path("model_name")));
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the folder onto a device. The config always names the hook, so a hint can only confirm it
   * (see {@link SaeFormats#read(Path, Device, String)}).
   */
  static SparseAutoencoder read(Path directory, Device device, String hookNameHint) {
    SaeConfig config = parseConfig(directory.resolve(CONFIG));
    SaeFormats.hook(directory, config.hookName(), hookNameHint, "");
    Path weights = directory.resolve(WEIGHTS);
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try (SafetensorsFile file = SafetensorsFile.open(weights)) {
      NDArray threshold = null;
      if (config.architecture() == SaeArchitecture.JUMPRELU) {
        threshold = file.tensors().containsKey("threshold") || !file.tensors().containsKey("log_threshold")
            ? tensor(file, manager, "threshold")
            : tensor(file, manager, "log_threshold").exp();
      }
      return new SparseAutoencoder(config, manager, tensor(file, manager, "W_enc"), tensor(file, manager, "b_enc"),
          tensor(file, manager, "W_dec"), tensor(file, manager, "b_dec"), threshold);
    } catch (IllegalArgumentException e) {
      manager.close();
      throw new ModelLoadException(weights + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e instanceof ModelLoadException mle ? mle : new ModelLoadException(weights + ": " + e.getMessage(), e);
    }
  }

  private static NDArray tensor(SafetensorsFile file, NDManager manager, String name) {
    if (!file.tensors().containsKey(name)) {
      throw new ModelLoadException(file.path() + ": missing tensor " + name);
    }
    return file.loadFloat32(manager, name);
  }

  /** Writes an SAE as SAELens 6 would: F32 weights and a config with the hook in {@code metadata}. */
  static void write(SparseAutoencoder sae, Path directory) {
    SaeConfig c = sae.config();
    ObjectNode cfg = JSON.createObjectNode();
    cfg.put("architecture", c.architecture().saeLensName());
    cfg.put("d_in", c.dIn());
    cfg.put("d_sae", c.dSae());
    cfg.put("dtype", "float32");
    cfg.put("device", "cpu");
    cfg.put("apply_b_dec_to_input", c.applyBDecToInput());
    cfg.put("normalize_activations", c.normalization().saeLensName());
    cfg.put("reshape_activations", "none");
    if (c.architecture() == SaeArchitecture.TOPK) {
      cfg.put("k", c.k());
    }
    ObjectNode meta = cfg.putObject("metadata");
    meta.put("model_name", c.modelName());
    meta.put("hook_name", c.hookName());
    meta.put("hook_layer", c.hookPoint().layer());
    meta.putNull("hook_head_index");
    meta.put("prepend_bos", true);
    meta.put("written_by", "featurewatch");
    SafetensorsWriter writer = new SafetensorsWriter()
        .add("W_enc", SafetensorsDType.F32, new long[] {c.dIn(), c.dSae()}, sae.encoderWeight().toFloatArray())
        .add("b_enc", SafetensorsDType.F32, new long[] {c.dSae()}, sae.encoderBias().toFloatArray())
        .add("W_dec", SafetensorsDType.F32, new long[] {c.dSae(), c.dIn()}, sae.decoderWeight().toFloatArray())
        .add("b_dec", SafetensorsDType.F32, new long[] {c.dIn()}, sae.decoderBias().toFloatArray());
    if (sae.threshold() != null) {
      writer.add("threshold", SafetensorsDType.F32, new long[] {c.dSae()}, sae.threshold().toFloatArray());
    }
    try {
      Files.createDirectories(directory);
      writer.write(directory.resolve(WEIGHTS));
      JSON.writerWithDefaultPrettyPrinter().writeValue(directory.resolve(CONFIG).toFile(), cfg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory, e);
    }
  }

  /**
   * Writes {@code sparsity.safetensors}: SAELens's log10 feature firing frequency per feature,
   * which dashboards use to spot dead and dense features.
   */
  public static void writeSparsity(Path directory, float[] firingFrequency) {
    float[] log10 = new float[firingFrequency.length];
    for (int i = 0; i < log10.length; i++) {
      log10[i] = (float) Math.log10(firingFrequency[i] + 1e-10);
    }
    new SafetensorsWriter().add("sparsity", SafetensorsDType.F32, new long[] {log10.length}, log10).write(directory.resolve(SPARSITY));
  }

  private static int required(JsonNode cfg, String field, Path file) {
    JsonNode node = cfg.get(field);
    if (node == null || !node.canConvertToInt()) {
      throw new ModelLoadException(file + ": missing or non-integer field '" + field + "'");
    }
    return node.asInt();
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n != null && n.isTextual() && !n.asText().isEmpty()) {
        return n.asText();
      }
    }
    return null;
  }
}
