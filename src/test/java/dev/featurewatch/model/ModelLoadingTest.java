package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.testing.CheckpointCopy;
import dev.featurewatch.testing.Fixtures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from every checkpoint layout and dtype, and the errors a broken model directory gives. */
class ModelLoadingTest {
  static final int[] PROMPT = {1, 168, 488, 80, 205, 336, 27, 40};

  @TempDir Path temp;

  private static float[][] logits(Path dir) {
    try (Transformer model = Transformer.load(dir); InferenceSession s = model.newSession()) {
      return s.forwardAll(PROMPT, Hooks.none());
    }
  }

  @Test
  void shardedCheckpointGivesTheSameLogitsAsOneFile() {
    Path sharded = CheckpointCopy.of(Fixtures.model("stories260k")).writeSharded(temp.resolve("sharded"), 3);
    float[][] expected = logits(Fixtures.model("stories260k"));
    float[][] actual = logits(sharded);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0f);
    }
  }

  @Test
  void bf16AndF16AreWidenedExactly() {
    CheckpointCopy copy = CheckpointCopy.of(Fixtures.model("stories260k"));
    for (SafetensorsDType dtype : new SafetensorsDType[] {SafetensorsDType.BF16, SafetensorsDType.F16}) {
      Path stored = copy.write(temp.resolve(dtype.name()), dtype, Map.of());
      // The same values rounded in Java and stored as F32 must give identical logits.
      CheckpointCopy rounded = CheckpointCopy.of(Fixtures.model("stories260k"));
      rounded.tensors.values().forEach(t -> {
        float[] v = t.values();
        for (int i = 0; i < v.length; i++) {
          v[i] = dtype == SafetensorsDType.BF16
              ? FloatFormats.fromBfloat16(FloatFormats.toBfloat16(v[i]))
              : FloatFormats.fromHalf(FloatFormats.toHalf(v[i]));
        }
      });
      Path reference = rounded.write(temp.resolve(dtype.name() + "-as-f32"), SafetensorsDType.F32, Map.of());
      float[][] expected = logits(reference);
      float[][] actual = logits(stored);
      for (int i = 0; i < expected.length; i++) {
        assertArrayEquals(expected[i], actual[i], 1e-6f, dtype + " position " + i);
      }
      // And the rounding really changed something, so the comparison above is not vacuous.
      assertTrue(Fixtures.maxAbsDiff(expected[PROMPT.length - 1], logits(Fixtures.model("stories260k"))[PROMPT.length - 1]) > 1e-6);
    }
  }

  @Test
  void unknownModelTypeIsNamed() {
    Path dir = CheckpointCopy.of(Fixtures.model("stories260k")).write(temp.resolve("m"), SafetensorsDType.F32, Map.of("model_type", "mamba"));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> Transformer.load(dir));
    assertTrue(e.getMessage().contains("unknown model_type 'mamba'"), e.getMessage());
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void missingTensorIsNamed() {
    CheckpointCopy copy = CheckpointCopy.of(Fixtures.model("stories260k"));
    copy.tensors.remove("model.layers.3.mlp.up_proj.weight");
    Path dir = copy.write(temp.resolve("m"), SafetensorsDType.F32, Map.of());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> Transformer.load(dir));
    assertTrue(e.getMessage().contains("missing tensor model.layers.3.mlp.up_proj.weight"), e.getMessage());
  }

  @Test
  void wrongShapeIsNamedWithBothShapes() {
    CheckpointCopy copy = CheckpointCopy.of(Fixtures.model("stories260k"));
    CheckpointCopy.Tensor t = copy.tensors.get("model.layers.0.self_attn.k_proj.weight");
    copy.tensors.put("model.layers.0.self_attn.k_proj.weight", new CheckpointCopy.Tensor(new long[] {64, 32}, t.values()));
    Path dir = copy.write(temp.resolve("m"), SafetensorsDType.F32, Map.of());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> Transformer.load(dir));
    assertTrue(e.getMessage().contains("model.layers.0.self_attn.k_proj.weight has shape [64, 32] but the config needs [32, 64]"), e.getMessage());
  }

  @Test
  void truncatedFileIsReportedBeforeAnyWeightIsUsed() throws IOException {
    Path dir = CheckpointCopy.of(Fixtures.model("stories260k")).write(temp.resolve("m"), SafetensorsDType.F32, Map.of());
    Path file = dir.resolve("model.safetensors");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 100);
    }
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> Transformer.load(dir));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
  }

  @Test
  void missingConfigAndWeightsAreReported() {
    ModelLoadException noConfig = assertThrows(ModelLoadException.class, () -> Transformer.load(temp));
    assertTrue(noConfig.getMessage().contains("no config.json"), noConfig.getMessage());
  }

  @Test
  void llama3RopeScalingMatchesHuggingFace() {
    ModelConfig config = ModelConfig.parse(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of(
        "model_type", "llama", "hidden_size", 4096, "intermediate_size", 14336, "num_hidden_layers", 1,
        "num_attention_heads", 32, "num_key_value_heads", 8, "vocab_size", 128256, "rope_theta", 500000.0,
        "rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0, "low_freq_factor", 1.0,
            "high_freq_factor", 4.0, "original_max_position_embeddings", 8192))));
    float[] inv = new RotaryEmbedding(config).inverseFrequencies();
    assertEquals(64, inv.length);
    // From Hugging Face's _compute_llama3_parameters, evaluated in float64.
    double[][] expected = {
      {0, 1.0}, {10, 0.12868737343265052}, {20, 0.016560440080994446}, {30, 0.0013718935677611381},
      {40, 3.428102195952591e-05}, {45, 1.2297638677963614e-05}, {63, 3.068925988914511e-07}
    };
    for (double[] e : expected) {
      assertEquals(e[1], inv[(int) e[0]], e[1] * 2e-6, "inv_freq[" + (int) e[0] + "]");
    }
  }

  @Test
  void unsupportedRopeScalingIsAnError() {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelConfig.parse(
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of(
            "model_type", "llama", "hidden_size", 64, "intermediate_size", 128, "num_hidden_layers", 1,
            "num_attention_heads", 4, "vocab_size", 10, "rope_scaling", Map.of("type", "yarn", "factor", 4.0)))));
    assertTrue(e.getMessage().contains("rope_scaling type 'yarn'"), e.getMessage());
  }
}
