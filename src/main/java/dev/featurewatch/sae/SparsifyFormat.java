package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.model.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EleutherAI's sparsify layout ({@code SparseCoder.save_to_disk}): a folder per hookpoint with
 * {@code cfg.json} (the {@code SparseCoderConfig} fields plus {@code d_in}) and
 * {@code sae.safetensors} holding the module's parameters {@code encoder.weight} [d_sae, d_in],
 * {@code encoder.bias} [d_sae], {@code W_dec} [d_sae, d_in] and {@code b_dec} [d_in].
 *
 * <p>Converted to SAELens conventions: W_enc = encoder.weightᵀ, b_enc = encoder.bias, W_dec and
 * b_dec as stored. sparsify encodes {@code topk(relu((x − b_dec)·encoder.weightᵀ + encoder.bias), k)}
 * ({@code SparseCoder.encode} and {@code fused_encoder}), which is SAELens's TopK with
 * apply_b_dec_to_input true. (SAELens's own sparsify loader sets apply_b_dec_to_input to
 * {@code not normalize_decoder} and transposes W_dec; sparsify's source does neither, and this
 * reader follows the source.)
 *
 * <p>From {@code cfg.json}: d_sae is {@code num_latents}, or {@code d_in × expansion_factor}
 * when that is 0 or absent; {@code k} defaults to 32 and {@code expansion_factor} to 32, as in
 * sparsify's config class. {@code normalize_decoder} and {@code multi_topk} only affect training.
 * Configurations this SAE cannot compute are errors: {@code activation: "groupmax"},
 * {@code signed}, {@code skip_connection} and {@code transcode}.
 *
 * <p>The hook is the folder's name, which sparsify sets to the hookpoint's module path: a folder
 * named {@code layers.N} (or ending in {@code .layers.N}, or {@code layers_N}) holds the output of
 * decoder layer N, which is {@code blocks.N.hook_resid_post}. Any other folder name (sub-modules
 * such as {@code layers.N.mlp}, or {@code embed_tokens}) needs a hook-name hint. The optional
 * {@code config.json} one level up (sparsify's training config) gives the model name.
 */
public final class SparsifyFormat {
  static final String CONFIG = "cfg.json";
  static final String WEIGHTS = "sae.safetensors";
  private static final Pattern LAYER_OUTPUT = Pattern.compile("(?:.*\\.)?layers[._](\\d+)");
  private static final int DEFAULT_K = 32;
  private static final int DEFAULT_EXPANSION_FACTOR = 32;

  private SparsifyFormat() {}

  static boolean matches(Path directory) {
    return Files.exists(directory.resolve(CONFIG)) && Files.exists(directory.resolve(WEIGHTS));
  }

  static SparseAutoencoder read(Path directory, Device device, String hookNameHint) {
    Path cfgFile = directory.resolve(CONFIG);
    JsonNode cfg = SaeFormats.readJson(cfgFile);
    rejectUnsupported(cfg, cfgFile);
    JsonNode dInNode = cfg.get("d_in");
    if (dInNode == null || !dInNode.canConvertToInt()) {
      throw new ModelLoadException(cfgFile + ": missing or non-integer field 'd_in'");
    }
    int dIn = dInNode.asInt();
    int numLatents = cfg.path("num_latents").asInt(0);
    int dSae = numLatents > 0 ? numLatents : dIn * cfg.path("expansion_factor").asInt(DEFAULT_EXPANSION_FACTOR);
    int k = cfg.path("k").asInt(DEFAULT_K);
    String hook = SaeFormats.hook(directory, hookFromFolder(directory), hookNameHint,
        "sparsify records it only as the folder name, and '" + directory.getFileName()
            + "' is not a decoder layer's output (layers.N)");
    String model = parentModelName(directory);
    return SaeFormats.build(directory.resolve(WEIGHTS), WeightFile::safetensors, device, (file, manager) -> {
      SaeConfig config = new SaeConfig(SaeArchitecture.TOPK, dIn, dSae, k, hook, true, ActivationNormalization.NONE, model);
      NDArray encoder = file.load(manager, "encoder.weight", "[d_sae, d_in]", dSae, dIn);
      return new SparseAutoencoder(config, manager,
          encoder.transpose(),
          file.load(manager, "encoder.bias", "[d_sae]", dSae),
          file.load(manager, "W_dec", "[d_sae, d_in]", dSae, dIn),
          file.load(manager, "b_dec", "[d_in]", dIn),
          null);
    });
  }

  /** {@code layers.N} → {@code blocks.N.hook_resid_post}; null for any other folder name. */
  static String hookFromFolder(Path directory) {
    Path name = directory.toAbsolutePath().normalize().getFileName();
    Matcher m = LAYER_OUTPUT.matcher(name == null ? "" : name.toString());
    return m.matches() ? "blocks." + m.group(1) + ".hook_resid_post" : null;
  }

  private static void rejectUnsupported(JsonNode cfg, Path file) {
    String activation = cfg.path("activation").asText("topk");
    if (!activation.equals("topk")) {
      throw new ModelLoadException(file + ": activation '" + activation + "' is not supported; only topk is");
    }
    for (String flag : new String[] {"signed", "skip_connection", "transcode"}) {
      if (cfg.path(flag).asBoolean(false)) {
        throw new ModelLoadException(file + ": '" + flag + "': true is not supported (only plain TopK autoencoders are:"
            + " signed latents, skip connections and transcoders have no SAELens equivalent here)");
      }
    }
  }

  /** sparsify's training run writes its config, with the model name, above the per-hook folders. */
  private static String parentModelName(Path directory) {
    Path parent = directory.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return "";
    }
    try {
      String model = SaeFormats.text(SaeFormats.readJsonIfPresent(parent.resolve("config.json")).path("model"));
      return model == null ? "" : model;
    } catch (ModelLoadException e) {
      return ""; // informational only: an unreadable neighbour must not stop the SAE from loading
    }
  }
}
