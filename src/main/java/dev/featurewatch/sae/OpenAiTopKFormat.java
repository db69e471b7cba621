package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.model.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The state dict of OpenAI's {@code sparse_autoencoder.Autoencoder} (openai/sparse_autoencoder,
 * {@code model.py}), saved as safetensors in {@code autoencoder.safetensors}.
 *
 * <p>OpenAI publishes these as torch pickles ({@code .pt}), which cannot be read without Python.
 * Convert one once, keeping its non-tensor entries as string metadata:
 * <pre>{@code
 * sd = torch.load("6.pt", map_location="cpu")
 * meta = {"activation": sd.pop("activation", "ReLU")}
 * act = sd.pop("activation_state_dict", {})
 * if "k" in act: meta.update(k=str(act["k"]), postact_fn=act["postact_fn"])
 * safetensors.torch.save_file({n: t.clone().contiguous() for n, t in sd.items()}, "autoencoder.safetensors", metadata=meta)
 * }</pre>
 *
 * <p>Tensors: {@code pre_bias} [d], {@code encoder.weight} [n, d] (no bias), {@code latent_bias}
 * [n], {@code decoder.weight} [d, n] (or, for a tied autoencoder, {@code decoder.linear.weight}
 * [n, d], the encoder's weight); the statistics buffers ({@code stats_last_nonzero}, …) are
 * ignored. OpenAI encodes {@code activation((x − pre_bias)·encoder.weightᵀ + latent_bias)} and
 * decodes {@code latents·decoder.weightᵀ + pre_bias}, so in SAELens terms W_enc =
 * encoder.weightᵀ, b_enc = latent_bias, W_dec = decoder.weightᵀ, b_dec = pre_bias and
 * apply_b_dec_to_input is true.
 *
 * <p>Settings, each read from an optional {@code cfg.json} beside the file, else from the
 * safetensors metadata:
 * <ul>
 *   <li>{@code activation}: {@code TopK} (SAELens topk) or {@code ReLU} (standard); default ReLU,
 *       as in {@code Autoencoder.from_state_dict}. {@code Identity}, and TopK with a
 *       {@code postact_fn} other than ReLU, are not supported.
 *   <li>{@code k}: required for TopK.
 *   <li>{@code normalize}: layer-normalise inputs (OpenAI's {@code LN}: mean-centred, divided by
 *       the unbiased standard deviation + 1e-5), SAELens's {@code layer_norm}. Default true for
 *       TopK and false otherwise, the rule {@code from_state_dict} applies.
 *   <li>{@code hook_name}, or OpenAI's {@code location} with {@code layer_index}:
 *       {@code resid_post_mlp} → {@code blocks.L.hook_resid_post}, {@code resid_post_attn} →
 *       {@code hook_resid_mid}, {@code resid_delta_mlp} → {@code hook_mlp_out},
 *       {@code resid_delta_attn} → {@code hook_attn_out} (the README's TransformerLens table);
 *       else the caller's hook-name hint.
 *   <li>{@code model_name}: informational.
 * </ul>
 */
public final class OpenAiTopKFormat {
  static final String WEIGHTS = "autoencoder.safetensors";
  static final String CONFIG = "cfg.json";
  private static final Map<String, String> LOCATIONS = Map.of(
      "resid_post_mlp", "hook_resid_post",
      "resid_post_attn", "hook_resid_mid",
      "resid_delta_mlp", "hook_mlp_out",
      "resid_delta_attn", "hook_attn_out",
      "mlp_post_act", "mlp.hook_post");

  private OpenAiTopKFormat() {}

  static boolean matches(Path directory) {
    return Files.exists(directory.resolve(WEIGHTS));
  }

  static SparseAutoencoder read(Path directory, Device device, String hookNameHint) {
    JsonNode cfg = SaeFormats.readJsonIfPresent(directory.resolve(CONFIG));
    return SaeFormats.build(directory.resolve(WEIGHTS), WeightFile::safetensors, device, (file, manager) -> {
      Map<String, String> meta = file.metadata();
      String activation = setting(cfg, meta, "activation", "ReLU");
      SaeArchitecture architecture = switch (activation) {
        case "TopK" -> SaeArchitecture.TOPK;
        case "ReLU" -> SaeArchitecture.STANDARD;
        default -> throw new ModelLoadException(directory + ": activation '" + activation + "' is not supported; TopK or ReLU");
      };
      int k = 0;
      if (architecture == SaeArchitecture.TOPK) {
        k = topK(directory, cfg, meta);
      }
      boolean normalize = Boolean.parseBoolean(setting(cfg, meta, "normalize", String.valueOf(architecture == SaeArchitecture.TOPK)));
      String hook = SaeFormats.hook(directory, hookName(directory, cfg, meta), hookNameHint,
          "put \"hook_name\" (or OpenAI's \"location\" and \"layer_index\") in a " + CONFIG + " beside " + WEIGHTS);
      long[] encoderShape = file.shape("encoder.weight");
      if (encoderShape.length != 2) {
        throw file.error("tensor encoder.weight has shape " + Arrays.toString(encoderShape) + " but [n_latents, n_inputs] was expected");
      }
      int n = Math.toIntExact(encoderShape[0]);
      int d = Math.toIntExact(encoderShape[1]);
      SaeConfig config = new SaeConfig(architecture, d, n, k, hook, true,
          normalize ? ActivationNormalization.LAYER_NORM : ActivationNormalization.NONE, setting(cfg, meta, "model_name", ""));
      NDArray encoder = file.load(manager, "encoder.weight", "[n_latents, n_inputs]", n, d);
      // A tied decoder multiplies by the encoder's weight itself, which is already W_dec's orientation.
      NDArray decoder = !file.has("decoder.weight") && file.has("decoder.linear.weight")
          ? file.load(manager, "decoder.linear.weight", "[n_latents, n_inputs]", n, d)
          : file.load(manager, "decoder.weight", "[n_inputs, n_latents]", d, n).transpose();
      return new SparseAutoencoder(config, manager,
          encoder.transpose(),
          file.load(manager, "latent_bias", "[n_latents]", n),
          decoder,
          file.load(manager, "pre_bias", "[n_inputs]", d),
          null);
    });
  }

  private static int topK(Path directory, JsonNode cfg, Map<String, String> meta) {
    String postact = setting(cfg, meta, "postact_fn", "ReLU");
    if (!postact.equals("ReLU")) {
      throw new ModelLoadException(directory + ": TopK with postact_fn '" + postact + "' is not supported; only ReLU");
    }
    String k = setting(cfg, meta, "k", null);
    try {
      return Integer.parseInt(k);
    } catch (NumberFormatException e) {
      throw new ModelLoadException(directory + ": a TopK autoencoder needs an integer k (got " + k + "): put \"k\" in "
          + CONFIG + " beside " + WEIGHTS + " or in its safetensors metadata (OpenAI keeps it in activation_state_dict)");
    }
  }

  private static String hookName(Path directory, JsonNode cfg, Map<String, String> meta) {
    String hook = setting(cfg, meta, "hook_name", null);
    String location = setting(cfg, meta, "location", null);
    if (hook != null || location == null) {
      return hook;
    }
    String suffix = LOCATIONS.get(location);
    String layer = setting(cfg, meta, "layer_index", null);
    if (suffix == null || layer == null || !layer.matches("\\d+")) {
      throw new ModelLoadException(directory + ": location '" + location + "' needs an integer layer_index and one of "
          + LOCATIONS.keySet());
    }
    return "blocks." + layer + "." + suffix;
  }

  /** A setting from cfg.json, else from the safetensors metadata, else the default. */
  private static String setting(JsonNode cfg, Map<String, String> meta, String field, String fallback) {
    JsonNode node = cfg.get(field);
    if (node != null && !node.isNull() && !node.isContainerNode()) {
      return node.asText();
    }
    return meta.getOrDefault(field, fallback);
  }
}
