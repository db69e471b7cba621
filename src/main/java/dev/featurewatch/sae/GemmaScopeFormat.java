package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google DeepMind's Gemma Scope layout, as published in the {@code google/gemma-scope-*}
 * repositories ({@code layer_12/width_16k/average_l0_82/params.npz}): one NumPy {@code .npz}
 * with the arrays {@code W_enc} [d_in, d_sae], {@code W_dec} [d_sae, d_in], {@code b_enc}
 * [d_sae], {@code b_dec} [d_in] and {@code threshold} [d_sae].
 *
 * <p>The arrays already follow SAELens's names and orientation, so nothing is transposed
 * (SAELens's {@code gemma_2_sae_huggingface_loader} also accepts a lower-case {@code w_} prefix;
 * so does this reader). The SAE is JumpReLU and, unlike SAELens's default, does not subtract
 * b_dec from its input: Gemma Scope encodes {@code relu(x·W_enc + b_enc)} gated by
 * {@code > threshold}.
 *
 * <p>The file does not record the hook (SAELens infers it from the repository name). It is taken
 * from an optional {@code cfg.json} beside the file, with {@code hook_name} (or SAELens 6's
 * {@code metadata.hook_name}) and optionally {@code model_name}, else from the caller's hook-name
 * hint.
 */
public final class GemmaScopeFormat {
  static final String WEIGHTS = "params.npz";
  static final String CONFIG = "cfg.json";
  private static final Pattern LAYER = Pattern.compile("layer_(\\d+)");

  private GemmaScopeFormat() {}

  static boolean matches(Path directory) {
    return Files.exists(directory.resolve(WEIGHTS));
  }

  static SparseAutoencoder read(Path directory, Device device, String hookNameHint) {
    JsonNode cfg = SaeFormats.readJsonIfPresent(directory.resolve(CONFIG));
    JsonNode meta = cfg.path("metadata");
    String hook = SaeFormats.hook(directory, SaeFormats.text(meta.path("hook_name"), cfg.path("hook_name")),
        hookNameHint, howToNameTheHook(directory));
    String model = SaeFormats.text(meta.path("model_name"), cfg.path("model_name"));
    return SaeFormats.build(directory.resolve(WEIGHTS), WeightFile::npz, device, (file, manager) -> {
      String wEnc = key(file, "W_enc");
      long[] encoderShape = file.shape(wEnc);
      if (encoderShape.length != 2) {
        throw file.error("tensor " + wEnc + " has shape " + Arrays.toString(encoderShape) + " but [d_in, d_sae] was expected");
      }
      int dIn = Math.toIntExact(encoderShape[0]);
      int dSae = Math.toIntExact(encoderShape[1]);
      SaeConfig config = new SaeConfig(SaeArchitecture.JUMPRELU, dIn, dSae, 0, hook, false,
          ActivationNormalization.NONE, model);
      NDArray encoder = file.load(manager, wEnc, "[d_in, d_sae]", dIn, dSae);
      NDArray encoderBias = file.load(manager, key(file, "b_enc"), "[d_sae]", dSae);
      NDArray decoder = file.load(manager, key(file, "W_dec"), "[d_sae, d_in]", dSae, dIn);
      NDArray decoderBias = file.load(manager, key(file, "b_dec"), "[d_in]", dIn);
      NDArray threshold = file.load(manager, key(file, "threshold"), "[d_sae]", dSae);
      return new SparseAutoencoder(config, manager, encoder, encoderBias, decoder, decoderBias, threshold);
    });
  }

  /** The stored name of an array: as SAELens names it, or with a lower-case {@code w_}. */
  private static String key(WeightFile file, String name) {
    String lower = name.startsWith("W_") ? "w_" + name.substring(2) : name;
    return !file.has(name) && file.has(lower) ? lower : name;
  }

  private static String howToNameTheHook(Path directory) {
    String advice = "Gemma Scope's " + WEIGHTS + " does not record it: put a " + CONFIG
        + " with \"hook_name\" beside it";
    Matcher layer = LAYER.matcher(directory.toAbsolutePath().toString());
    String last = null;
    while (layer.find()) {
      last = layer.group(1);
    }
    // Gemma Scope folders are named layer_N/width_…: suggest the residual-stream hook of that layer.
    return last == null ? advice : advice + " (for a gemma-scope-*-res SAE of layer " + last + " that is blocks." + last
        + ".hook_resid_post; -mlp SAEs read blocks." + last + ".hook_mlp_out)";
  }
}
