package dev.featurewatch.sae;

import static dev.featurewatch.sae.SaeLayoutWriter.f2;
import static dev.featurewatch.sae.SaeLayoutWriter.f4;
import static dev.featurewatch.sae.SaeLayoutWriter.f8;
import static dev.featurewatch.sae.SaeLayoutWriter.json;
import static dev.featurewatch.sae.SaeLayoutWriter.npy;
import static dev.featurewatch.sae.SaeLayoutWriter.npz;
import static dev.featurewatch.sae.SaeLayoutWriter.transpose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.FloatFormats;
import dev.featurewatch.model.ModelConfig;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.SafetensorsWriter;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each foreign layout, written by hand from the same weights as a native (SAELens) folder, must
 * load into the same SAE: same config, same features and reconstructions. The features are also
 * checked against each format's own encoder formula computed from the stored tensors, so a
 * conversion that is wrong on both sides cannot pass.
 */
class SaeFormatsTest {
  static final int D = 8;
  static final int S = 24;
  static final int K = 5;

  @TempDir Path temp;

  /** Weights in SAELens orientation: W_enc [D, S], W_dec [S, D]. */
  record Weights(float[] wEnc, float[] bEnc, float[] wDec, float[] bDec, float[] threshold) {
    static Weights random(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      float[] threshold = SparseAutoencoderTest.floats(r, S, 0.3);
      for (int i = 0; i < S; i++) {
        threshold[i] = Math.abs(threshold[i]);
      }
      // Non-zero biases, so that b_dec subtraction (or its absence) and b_enc are exercised.
      return new Weights(SparseAutoencoderTest.floats(r, D * S, 0.6), SparseAutoencoderTest.floats(r, S, 0.1),
          SparseAutoencoderTest.floats(r, S * D, 0.6), SparseAutoencoderTest.floats(r, D, 0.3), threshold);
    }

    /** The same weights written by SAELens's own writer. */
    Path saveNative(Path dir, SaeConfig config) {
      NDManager m = NDManager.newBaseManager("PyTorch");
      try (SparseAutoencoder sae = new SparseAutoencoder(config, m, m.create(wEnc, new Shape(D, S)), m.create(bEnc),
          m.create(wDec, new Shape(S, D)), m.create(bDec),
          config.architecture() == SaeArchitecture.JUMPRELU ? m.create(threshold) : null)) {
        sae.save(dir);
      }
      return dir;
    }
  }

  static SaeConfig config(SaeArchitecture arch, String hook, boolean applyBDec, ActivationNormalization norm, String model) {
    return new SaeConfig(arch, D, S, arch == SaeArchitecture.TOPK ? K : 0, hook, applyBDec, norm, model);
  }

  /**
   * A format's own encoder on one input, from its stored encoder rows [S, D]:
   * act(rows·(ln(x) − sub) + bias), act being TopK-then-ReLU (k > 0), JumpReLU (threshold) or ReLU.
   */
  static float[] formatEncode(float[] x, float[] rows, float[] bias, float[] sub, boolean layerNorm, int k, float[] threshold) {
    float[] in = x.clone();
    if (layerNorm) {
      double mean = 0;
      for (float v : x) {
        mean += v / (double) D;
      }
      double var = 0;
      for (float v : x) {
        var += (v - mean) * (v - mean) / (D - 1);
      }
      for (int j = 0; j < D; j++) {
        in[j] = (float) ((x[j] - mean) / (Math.sqrt(var) + 1e-5));
      }
    }
    float[] pre = new float[S];
    for (int i = 0; i < S; i++) {
      double acc = bias[i];
      for (int j = 0; j < D; j++) {
        acc += rows[i * D + j] * (in[j] - (sub == null ? 0 : sub[j]));
      }
      pre[i] = (float) acc;
    }
    float[] out = new float[S];
    Integer[] order = new Integer[S];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Float.compare(pre[b], pre[a]));
    for (int rank = 0; rank < S; rank++) {
      int i = order[rank];
      boolean kept = k > 0 ? rank < k : threshold == null || pre[i] > threshold[i];
      out[i] = kept ? Math.max(0, pre[i]) : 0;
    }
    return out;
  }

  /**
   * Loads both folders and checks that they are the same SAE, and that the converted one's features
   * are what the format's own formula gives.
   */
  static void assertSameSae(Path converted, String hint, Path nativeDir, FormatEncoder formatEncoder) {
    try (SparseAutoencoder fromFormat = SparseAutoencoder.load(converted, null, hint);
        SparseAutoencoder fromNative = SparseAutoencoder.load(nativeDir);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      assertEquals(fromNative.config(), fromFormat.config());
      float[][] rows = SparseAutoencoderTest.inputs(17, 6);
      NDArray x = m.create(rows).mul(3f).add(0.5f); // off-centre, so that layer norm's mean matters
      float[] features = fromFormat.encode(x).toFloatArray();
      assertClose(fromNative.encode(x).toFloatArray(), features, "features");
      assertClose(fromNative.reconstruct(x).toFloatArray(), fromFormat.reconstruct(x).toFloatArray(), "reconstruction");
      float[] shifted = x.toFloatArray();
      int active = 0;
      for (int r = 0; r < rows.length; r++) {
        float[] expected = formatEncoder.encode(Arrays.copyOfRange(shifted, r * D, (r + 1) * D));
        assertArrayEquals(expected, Arrays.copyOfRange(features, r * S, (r + 1) * S), 1e-4f, "the format's own encoder, row " + r);
        for (float v : expected) {
          active += v > 0 ? 1 : 0;
        }
      }
      assertTrue(active > 0 && active < rows.length * S, "the inputs should activate some but not all features: " + active);
    }
  }

  /**
   * Equal to 1e-6 relative: a transposed weight is a strided view, and a matrix product over a
   * different memory layout may round the last bit differently.
   */
  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      float tolerance = 1e-6f * Math.max(1f, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance, what + " at index " + i);
    }
  }

  @FunctionalInterface
  interface FormatEncoder {
    float[] encode(float[] x);
  }

  // ---------------------------------------------------------------- SAELens

  @Test
  void handWrittenSaeLensLoadsLikeTheNativeLayout() {
    Weights w = Weights.random(1);
    Path dir = temp.resolve("saelens");
    // A pre-6.0 config: hook_point, TopK as activation_fn_str with its k in activation_fn_kwargs.
    json(dir.resolve("cfg.json"), Map.of("d_in", D, "d_sae", S, "hook_point", "blocks.2.hook_resid_pre",
        "activation_fn_str", "topk", "activation_fn_kwargs", Map.of("k", K), "apply_b_dec_to_input", true,
        "normalize_activations", "none", "model_name", "tiny"));
    new SafetensorsWriter().add("W_enc", new long[] {D, S}, w.wEnc).add("b_enc", new long[] {S}, w.bEnc)
        .add("W_dec", new long[] {S, D}, w.wDec).add("b_dec", new long[] {D}, w.bDec).write(dir.resolve("sae_weights.safetensors"));
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.TOPK, "blocks.2.hook_resid_pre", true, ActivationNormalization.NONE, "tiny"));
    float[] rows = transpose(w.wEnc, D, S);
    assertSameSae(dir, null, nativeDir, x -> formatEncode(x, rows, w.bEnc, w.bDec, false, K, null));
  }

  // ---------------------------------------------------------------- Gemma Scope

  /** W_enc and W_dec as float32 (npy v1 and v2), b_enc v3, b_dec float16, threshold float64. */
  static Map<String, byte[]> gemmaScopeArrays(Weights w) {
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    arrays.put("W_enc", npy(w.wEnc, D, S));
    arrays.put("W_dec", npy(2, "<f4", false, new long[] {S, D}, f4(w.wDec)));
    arrays.put("b_enc", npy(3, "<f4", false, new long[] {S}, f4(w.bEnc)));
    arrays.put("b_dec", npy(1, "<f2", false, new long[] {D}, f2(w.bDec)));
    arrays.put("threshold", npy(1, "<f8", false, new long[] {S}, f8(w.threshold)));
    return arrays;
  }

  /** Weights whose b_dec survives float16 exactly. */
  static Weights halfExactBDec(Weights w) {
    float[] bDec = w.bDec.clone();
    for (int i = 0; i < bDec.length; i++) {
      bDec[i] = FloatFormats.fromHalf(FloatFormats.toHalf(bDec[i]));
    }
    return new Weights(w.wEnc, w.bEnc, w.wDec, bDec, w.threshold);
  }

  @ParameterizedTest(name = "stored entries: {0}")
  @ValueSource(booleans = {true, false})
  void gemmaScopeNpzLoadsLikeTheNativeLayout(boolean stored) throws Exception {
    Weights w = halfExactBDec(Weights.random(2));
    Path dir = Files.createDirectories(temp.resolve("gemma-scope-2b-pt-res/layer_3/width_16k/average_l0_5"));
    npz(dir.resolve("params.npz"), gemmaScopeArrays(w), stored);
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.JUMPRELU, "blocks.3.hook_resid_post", false, ActivationNormalization.NONE, ""));
    float[] rows = transpose(w.wEnc, D, S);
    // Gemma Scope: relu(x·W_enc + b_enc) where above threshold, no b_dec subtraction.
    FormatEncoder gemma = x -> formatEncode(x, rows, w.bEnc, null, false, 0, w.threshold);
    assertSameSae(dir, "blocks.3.hook_resid_post", nativeDir, gemma);

    // The hook may instead come from a cfg.json beside the file.
    json(dir.resolve("cfg.json"), Map.of("hook_name", "blocks.3.hook_resid_post", "model_name", "gemma-2-2b"));
    Path nativeWithModel = w.saveNative(temp.resolve("native-model"),
        config(SaeArchitecture.JUMPRELU, "blocks.3.hook_resid_post", false, ActivationNormalization.NONE, "gemma-2-2b"));
    assertSameSae(dir, null, nativeWithModel, gemma);
  }

  @Test
  void gemmaScopeLowerCaseNamesAreAccepted() {
    Weights w = Weights.random(3);
    Path dir = temp.resolve("lower");
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    arrays.put("w_enc", npy(w.wEnc, D, S));
    arrays.put("w_dec", npy(w.wDec, S, D));
    arrays.put("b_enc", npy(w.bEnc, S));
    arrays.put("b_dec", npy(w.bDec, D));
    arrays.put("threshold", npy(w.threshold, S));
    dir.toFile().mkdirs();
    npz(dir.resolve("params.npz"), arrays, true);
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.JUMPRELU, "blocks.0.hook_mlp_out", false, ActivationNormalization.NONE, ""));
    float[] rows = transpose(w.wEnc, D, S);
    assertSameSae(dir, "blocks.0.hook_mlp_out", nativeDir, x -> formatEncode(x, rows, w.bEnc, null, false, 0, w.threshold));
  }

  @Test
  void gemmaScopeWithoutAHookSaysHowToSupplyIt() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("layer_12/width_16k/average_l0_82"));
    npz(dir.resolve("params.npz"), gemmaScopeArrays(Weights.random(4)), true);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir));
    assertTrue(e.getMessage().contains("cfg.json") && e.getMessage().contains("hook_name")
        && e.getMessage().contains("SaeFormats.read(directory, device, hookName)")
        && e.getMessage().contains("blocks.12.hook_resid_post"), e.getMessage());
  }

  // ---------------------------------------------------------------- sparsify

  static Path writeSparsify(Path dir, Weights w, Map<String, Object> extraConfig) {
    Map<String, Object> cfg = new LinkedHashMap<>(Map.of("activation", "topk", "expansion_factor", 32,
        "normalize_decoder", true, "num_latents", S, "k", K, "multi_topk", false, "skip_connection", false,
        "transcode", false, "d_in", D));
    cfg.putAll(extraConfig);
    json(dir.resolve("cfg.json"), cfg);
    new SafetensorsWriter()
        .add("encoder.weight", new long[] {S, D}, transpose(w.wEnc, D, S))
        .add("encoder.bias", new long[] {S}, w.bEnc)
        .add("W_dec", new long[] {S, D}, w.wDec)
        .add("b_dec", new long[] {D}, w.bDec)
        .write(dir.resolve("sae.safetensors"));
    return dir;
  }

  @Test
  void sparsifyLoadsLikeTheNativeLayout() {
    Weights w = Weights.random(5);
    Path dir = writeSparsify(temp.resolve("run/layers.3"), w, Map.of());
    json(temp.resolve("run/config.json"), Map.of("model", "EleutherAI/pythia-70m"));
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.TOPK, "blocks.3.hook_resid_post", true, ActivationNormalization.NONE, "EleutherAI/pythia-70m"));
    float[] rows = transpose(w.wEnc, D, S);
    // sparsify: topk(relu((x − b_dec)·encoder.weightᵀ + encoder.bias), k).
    FormatEncoder sparsify = x -> formatEncode(x, rows, w.bEnc, w.bDec, false, K, null);
    assertSameSae(dir, null, nativeDir, sparsify);

    // A converted SAE saves in the SAELens layout and reads back the same (its W_enc is a transposed view).
    Path resaved = temp.resolve("resaved");
    try (SparseAutoencoder sae = SparseAutoencoder.load(dir)) {
      sae.save(resaved);
    }
    assertSameSae(resaved, null, nativeDir, sparsify);
  }

  @Test
  void sparsifyHookComesFromTheFolderName() {
    assertEquals("blocks.6.hook_resid_post", SparsifyFormat.hookFromFolder(Path.of("sae/layers.6")));
    assertEquals("blocks.6.hook_resid_post", SparsifyFormat.hookFromFolder(Path.of("sae/gpt_neox.layers.6")));
    assertEquals("blocks.11.hook_resid_post", SparsifyFormat.hookFromFolder(Path.of("sae/layers_11")));
    assertNull(SparsifyFormat.hookFromFolder(Path.of("sae/layers.6.mlp")));
    assertNull(SparsifyFormat.hookFromFolder(Path.of("sae/embed_tokens")));

    Path dir = writeSparsify(temp.resolve("layers.6.mlp"), Weights.random(6), Map.of());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir));
    assertTrue(e.getMessage().contains("layers.6.mlp") && e.getMessage().contains("hookName"), e.getMessage());
    try (SparseAutoencoder sae = SparseAutoencoder.load(dir, null, "blocks.6.hook_mlp_out")) {
      assertEquals("blocks.6.hook_mlp_out", sae.config().hookName());
    }
  }

  @Test
  void aHintThatContradictsTheFilesIsAnError() {
    Path dir = writeSparsify(temp.resolve("layers.3"), Weights.random(7), Map.of());
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> SparseAutoencoder.load(dir, null, "blocks.4.hook_resid_post"));
    assertTrue(e.getMessage().contains("blocks.3.hook_resid_post") && e.getMessage().contains("blocks.4.hook_resid_post"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"signed", "skip_connection", "transcode", "groupmax"})
  void sparsifyConfigurationsThisSaeCannotComputeAreErrors(String option) {
    Map<String, Object> extra = option.equals("groupmax") ? Map.of("activation", "groupmax") : Map.of(option, true);
    Path dir = writeSparsify(temp.resolve("layers.1"), Weights.random(8), extra);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir));
    assertTrue(e.getMessage().contains("cfg.json") && e.getMessage().contains(option), e.getMessage());
  }

  // ---------------------------------------------------------------- OpenAI

  static SafetensorsWriter openAiTensors(Weights w) {
    return new SafetensorsWriter()
        .add("pre_bias", new long[] {D}, w.bDec)
        .add("encoder.weight", new long[] {S, D}, transpose(w.wEnc, D, S))
        .add("latent_bias", new long[] {S}, w.bEnc)
        .add("decoder.weight", new long[] {D, S}, transpose(w.wDec, S, D))
        .add("latents_mean_square", new long[] {S}, new float[S]);
  }

  @Test
  void openAiTopKLoadsLikeTheNativeLayout() {
    Weights w = Weights.random(9);
    Path dir = temp.resolve("openai-topk");
    // Settings only in the safetensors metadata, as the conversion in OpenAiTopKFormat's javadoc writes them;
    // normalize is left to from_state_dict's rule (TopK ⇒ layer norm).
    openAiTensors(w).metadata("activation", "TopK").metadata("k", String.valueOf(K)).metadata("postact_fn", "ReLU")
        .metadata("location", "resid_post_mlp").metadata("layer_index", "6").write(dir.resolve("autoencoder.safetensors"));
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.TOPK, "blocks.6.hook_resid_post", true, ActivationNormalization.LAYER_NORM, ""));
    float[] rows = transpose(w.wEnc, D, S);
    // OpenAI: TopK(encoder(LN(x) − pre_bias) + latent_bias), ReLU on the kept values.
    assertSameSae(dir, null, nativeDir, x -> formatEncode(x, rows, w.bEnc, w.bDec, true, K, null));
  }

  @Test
  void openAiReluFromACfgJsonLoadsLikeTheNativeLayout() {
    Weights w = Weights.random(10);
    Path dir = temp.resolve("openai-relu");
    openAiTensors(w).write(dir.resolve("autoencoder.safetensors"));
    json(dir.resolve("cfg.json"), Map.of("activation", "ReLU", "hook_name", "blocks.1.hook_mlp_out", "model_name", "gpt2-small"));
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.STANDARD, "blocks.1.hook_mlp_out", true, ActivationNormalization.NONE, "gpt2-small"));
    float[] rows = transpose(w.wEnc, D, S);
    assertSameSae(dir, null, nativeDir, x -> formatEncode(x, rows, w.bEnc, w.bDec, false, 0, null));
  }

  @Test
  void openAiTiedDecoderUsesTheEncoderWeight() {
    Weights random = Weights.random(11);
    // Tied: decoder(latents) = latents · encoder.weight, so W_dec is the encoder's [n, d] rows.
    Weights w = new Weights(random.wEnc, random.bEnc, transpose(random.wEnc, D, S), random.bDec, random.threshold);
    Path dir = temp.resolve("openai-tied");
    new SafetensorsWriter()
        .add("pre_bias", new long[] {D}, w.bDec)
        .add("encoder.weight", new long[] {S, D}, transpose(w.wEnc, D, S))
        .add("latent_bias", new long[] {S}, w.bEnc)
        .add("decoder.linear.weight", new long[] {S, D}, transpose(w.wEnc, D, S))
        .write(dir.resolve("autoencoder.safetensors"));
    Path nativeDir = w.saveNative(temp.resolve("native"),
        config(SaeArchitecture.STANDARD, "blocks.0.hook_resid_post", true, ActivationNormalization.NONE, ""));
    float[] rows = transpose(w.wEnc, D, S);
    assertSameSae(dir, "blocks.0.hook_resid_post", nativeDir, x -> formatEncode(x, rows, w.bEnc, w.bDec, false, 0, null));
  }

  @Test
  void openAiTopKWithoutKIsAnError() {
    Path dir = temp.resolve("openai-nok");
    openAiTensors(Weights.random(12)).metadata("activation", "TopK").write(dir.resolve("autoencoder.safetensors"));
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> SparseAutoencoder.load(dir, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("needs an integer k") && e.getMessage().contains("cfg.json"), e.getMessage());
  }

  // ---------------------------------------------------------------- errors

  @Test
  void aWrongShapeNamesTheTensorAndBothShapes() throws Exception {
    Weights w = Weights.random(13);
    // sparsify's encoder.weight written in SAELens's orientation by mistake.
    Path sparsify = temp.resolve("layers.2");
    json(sparsify.resolve("cfg.json"), Map.of("num_latents", S, "k", K, "d_in", D));
    new SafetensorsWriter().add("encoder.weight", new long[] {D, S}, w.wEnc).add("encoder.bias", new long[] {S}, w.bEnc)
        .add("W_dec", new long[] {S, D}, w.wDec).add("b_dec", new long[] {D}, w.bDec).write(sparsify.resolve("sae.safetensors"));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(sparsify));
    assertTrue(e.getMessage().contains("sae.safetensors") && e.getMessage().contains("tensor encoder.weight has shape [8, 24]")
        && e.getMessage().contains("[d_sae, d_in] = [24, 8]"), e.getMessage());

    // Gemma Scope's W_dec transposed by mistake.
    Path gemma = Files.createDirectories(temp.resolve("gemma"));
    Map<String, byte[]> arrays = gemmaScopeArrays(w);
    arrays.put("W_dec", npy(w.wDec, D, S));
    npz(gemma.resolve("params.npz"), arrays, true);
    e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(gemma, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("params.npz") && e.getMessage().contains("tensor W_dec has shape [8, 24]")
        && e.getMessage().contains("[d_sae, d_in] = [24, 8]"), e.getMessage());

    // OpenAI's decoder.weight stored in the encoder's orientation.
    Path openAi = temp.resolve("openai");
    new SafetensorsWriter().add("pre_bias", new long[] {D}, w.bDec).add("encoder.weight", new long[] {S, D}, w.wEnc)
        .add("latent_bias", new long[] {S}, w.bEnc).add("decoder.weight", new long[] {S, D}, w.wDec)
        .write(openAi.resolve("autoencoder.safetensors"));
    e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(openAi, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("tensor decoder.weight has shape [24, 8]")
        && e.getMessage().contains("[n_inputs, n_latents] = [8, 24]"), e.getMessage());
  }

  @Test
  void aMissingTensorIsNamed() {
    Weights w = Weights.random(14);
    Path dir = temp.resolve("openai");
    new SafetensorsWriter().add("pre_bias", new long[] {D}, w.bDec).add("encoder.weight", new long[] {S, D}, w.wEnc)
        .add("decoder.weight", new long[] {D, S}, w.wDec).write(dir.resolve("autoencoder.safetensors"));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("autoencoder.safetensors: missing tensor latent_bias"), e.getMessage());

    Path gemma = temp.resolve("gemma");
    gemma.toFile().mkdirs();
    Map<String, byte[]> arrays = gemmaScopeArrays(w);
    arrays.remove("threshold");
    npz(gemma.resolve("params.npz"), arrays, false);
    e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(gemma, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("params.npz: missing tensor threshold"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<i4", ">f4", "|V2", "<c8"})
  void anNpyOfAnUnsupportedDtypeIsAnError(String descr) {
    Path dir = temp.resolve("gemma");
    dir.toFile().mkdirs();
    Map<String, byte[]> arrays = gemmaScopeArrays(Weights.random(15));
    int width = descr.equals("|V2") ? 2 : descr.equals("<c8") ? 8 : 4;
    arrays.put("b_enc", npy(1, descr, false, new long[] {S}, new byte[S * width]));
    npz(dir.resolve("params.npz"), arrays, true);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("params.npz:b_enc.npy") && e.getMessage().contains("dtype '" + descr + "' is not supported"),
        e.getMessage());
  }

  @Test
  void aFortranOrderedOrTruncatedNpyIsAnError() {
    Weights w = Weights.random(16);
    Path dir = temp.resolve("gemma");
    dir.toFile().mkdirs();
    Map<String, byte[]> arrays = gemmaScopeArrays(w);
    arrays.put("W_enc", npy(1, "<f4", true, new long[] {D, S}, f4(w.wEnc)));
    npz(dir.resolve("params.npz"), arrays, true);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("W_enc.npy") && e.getMessage().contains("Fortran order"), e.getMessage());

    arrays.put("W_enc", npy(1, "<f4", false, new long[] {D, S}, Arrays.copyOf(f4(w.wEnc), 10)));
    npz(dir.resolve("params.npz"), arrays, false);
    e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir, null, "blocks.0.hook_resid_post"));
    assertTrue(e.getMessage().contains("W_enc.npy") && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aFolderWithNoRecognisedFilesListsEveryLayout() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("unknown"));
    SaeLayoutWriter.bytes(dir.resolve("6.pt"), new byte[] {1, 2, 3});
    json(dir.resolve("cfg.json"), Map.of("d_in", D));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.load(dir));
    for (String expected : List.of("SAELens (cfg.json + sae_weights.safetensors)", "Gemma Scope (params.npz",
        "EleutherAI sparsify (cfg.json + sae.safetensors)", "OpenAI sparse_autoencoder (autoencoder.safetensors",
        ".pt/.pth files here are PyTorch pickles")) {
      assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
    }
  }

  @Test
  void aDInThatDiffersFromTheModelFailsAtLoadInEveryFormat() throws Exception {
    Weights w = Weights.random(17);
    Path gemma = Files.createDirectories(temp.resolve("gemma"));
    npz(gemma.resolve("params.npz"), gemmaScopeArrays(w), true);
    Path sparsify = writeSparsify(temp.resolve("layers.1"), w, Map.of());
    Path openAi = temp.resolve("openai");
    openAiTensors(w).write(openAi.resolve("autoencoder.safetensors"));
    Path saeLens = w.saveNative(temp.resolve("saelens"),
        config(SaeArchitecture.STANDARD, "blocks.1.hook_resid_post", true, ActivationNormalization.NONE, ""));
    ModelConfig stories = ModelConfig.load(Fixtures.model("stories260k"));
    for (Path dir : List.of(saeLens, gemma, sparsify, openAi)) {
      ModelLoadException e = assertThrows(ModelLoadException.class,
          () -> SparseAutoencoder.loadFor(dir, stories, null, "blocks.1.hook_resid_post"), dir.toString());
      assertTrue(e.getMessage().contains("d_in 8") && e.getMessage().contains("hidden_size 64"), e.getMessage());
    }
  }
}
