package dev.featurewatch.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a Llama-architecture model directory with random weights (normal, std 0.02; norms 1),
 * for benchmarks and tests that need a model of a given shape rather than a trained one.
 */
public final class SyntheticCheckpoint {
  private SyntheticCheckpoint() {}

  /**
   * The shape of a Llama model.
   *
   * @param hidden d_model
   * @param intermediate MLP width
   * @param layers blocks
   * @param heads query heads
   * @param kvHeads key/value heads
   * @param vocab vocabulary size
   * @param maxPositions context length
   */
  public record Shape(int hidden, int intermediate, int layers, int heads, int kvHeads, int vocab, int maxPositions) {

    /** Karpathy's stories15M: dim 288, 6 layers, 6 heads, vocab 32000. */
    public static Shape stories15M() {
      return new Shape(288, 768, 6, 6, 6, 32000, 256);
    }
  }

  /** Writes {@code config.json} and {@code model.safetensors} into {@code directory}. */
  public static void writeLlama(Path directory, Shape shape, long seed, SafetensorsDType dtype) {
    SplittableRandom random = new SplittableRandom(seed);
    int d = shape.hidden();
    int headDim = d / shape.heads();
    int kvWidth = shape.kvHeads() * headDim;
    SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
    writer.add("model.embed_tokens.weight", dtype, dims(shape.vocab(), d), normal(random, shape.vocab() * d));
    for (int i = 0; i < shape.layers(); i++) {
      String p = "model.layers." + i + ".";
      writer.add(p + "input_layernorm.weight", dtype, dims(d), ones(d));
      writer.add(p + "self_attn.q_proj.weight", dtype, dims(d, d), normal(random, d * d));
      writer.add(p + "self_attn.k_proj.weight", dtype, dims(kvWidth, d), normal(random, kvWidth * d));
      writer.add(p + "self_attn.v_proj.weight", dtype, dims(kvWidth, d), normal(random, kvWidth * d));
      writer.add(p + "self_attn.o_proj.weight", dtype, dims(d, d), normal(random, d * d));
      writer.add(p + "post_attention_layernorm.weight", dtype, dims(d), ones(d));
      writer.add(p + "mlp.gate_proj.weight", dtype, dims(shape.intermediate(), d), normal(random, shape.intermediate() * d));
      writer.add(p + "mlp.up_proj.weight", dtype, dims(shape.intermediate(), d), normal(random, shape.intermediate() * d));
      writer.add(p + "mlp.down_proj.weight", dtype, dims(d, shape.intermediate()), normal(random, shape.intermediate() * d));
    }
    writer.add("model.norm.weight", dtype, dims(d), ones(d));

    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode();
    config.putArray("architectures").add("LlamaForCausalLM");
    config.put("model_type", "llama");
    config.put("hidden_size", d);
    config.put("intermediate_size", shape.intermediate());
    config.put("num_hidden_layers", shape.layers());
    config.put("num_attention_heads", shape.heads());
    config.put("num_key_value_heads", shape.kvHeads());
    config.put("vocab_size", shape.vocab());
    config.put("max_position_embeddings", shape.maxPositions());
    config.put("rms_norm_eps", 1e-5);
    config.put("rope_theta", 10000.0);
    config.put("tie_word_embeddings", true);
    config.put("hidden_act", "silu");
    config.put("bos_token_id", 1);
    config.put("eos_token_id", 2);
    config.put("torch_dtype", dtype == SafetensorsDType.F32 ? "float32" : dtype == SafetensorsDType.F16 ? "float16" : "bfloat16");
    try {
      Files.createDirectories(directory);
      json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve("config.json").toFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writer.write(directory.resolve("model.safetensors"));
  }

  private static long[] dims(long... d) {
    return d;
  }

  private static float[] ones(int n) {
    float[] v = new float[n];
    Arrays.fill(v, 1f);
    return v;
  }

  private static float[] normal(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i += 2) {
      // Box–Muller: two standard normals per pair of uniforms.
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double radius = Math.sqrt(-2 * Math.log(u1)) * 0.02;
      v[i] = (float) (radius * Math.cos(2 * Math.PI * u2));
      if (i + 1 < n) {
        v[i + 1] = (float) (radius * Math.sin(2 * Math.PI * u2));
      }
    }
    return v;
  }
}
