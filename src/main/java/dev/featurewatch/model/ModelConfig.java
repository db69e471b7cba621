package dev.featurewatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Hugging Face {@code config.json} that the forward pass needs, with each family's
 * field names and defaults resolved into one shape.
 *
 * @param architecture the family, from {@code model_type}
 * @param modelType {@code model_type} as written
 * @param hiddenSize residual stream width (d_model)
 * @param intermediateSize MLP hidden width
 * @param numLayers transformer blocks
 * @param numHeads query heads
 * @param numKvHeads key/value heads (fewer than query heads under grouped-query attention)
 * @param headDim width of one head (not always hidden/heads: Gemma 2)
 * @param vocabSize rows of the embedding
 * @param maxPositions {@code max_position_embeddings}; a hard limit only for learned positions
 * @param normEps epsilon of RMSNorm/LayerNorm
 * @param ropeTheta rotary base; 0 for learned positions
 * @param ropeScaling rotary scaling, or null
 * @param tieWordEmbeddings whether the unembedding is the embedding matrix
 * @param activation MLP activation
 * @param attentionBias whether q/k/v projections have biases
 * @param attentionScale multiplier of q·k (1/sqrt(head_dim) unless the config says otherwise)
 * @param slidingWindow attention window in tokens, 0 for none
 * @param slidingWindowEveryOtherLayer Gemma 2: only even layers use the window
 * @param attnLogitSoftcap 0 for none
 * @param finalLogitSoftcap 0 for none
 * @param bosTokenId -1 if unknown
 * @param eosTokenIds possibly empty
 */
public record ModelConfig(
    Architecture architecture,
    String modelType,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    int vocabSize,
    int maxPositions,
    double normEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tieWordEmbeddings,
    Activation activation,
    boolean attentionBias,
    double attentionScale,
    int slidingWindow,
    boolean slidingWindowEveryOtherLayer,
    double attnLogitSoftcap,
    double finalLogitSoftcap,
    int bosTokenId,
    List<Integer> eosTokenIds) {

  /** Reads {@code config.json} from a model directory. */
  public static ModelConfig load(Path modelDirectory) {
    Path file = modelDirectory.resolve("config.json");
    if (!Files.exists(file)) {
      throw new ModelLoadException(modelDirectory + ": no config.json (not a Hugging Face model directory)");
    }
    try {
      return parse(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new ModelLoadException(file + ": not valid JSON: " + e.getMessage(), e);
    } catch (ModelLoadException e) {
      throw new ModelLoadException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a config object; errors name the field. */
  public static ModelConfig parse(JsonNode json) {
    String modelType = json.path("model_type").asText("");
    Architecture arch = Architecture.fromModelType(modelType);
    if (arch == null) {
      throw new ModelLoadException("unknown model_type '" + modelType + "' (supported: llama, mistral, qwen2, gpt2, gemma2)");
    }
    return arch == Architecture.GPT2 ? parseGpt2(json) : parseRotary(json, arch, modelType);
  }

  private static ModelConfig parseRotary(JsonNode json, Architecture arch, String modelType) {
    int hidden = requiredInt(json, "hidden_size");
    int heads = requiredInt(json, "num_attention_heads");
    int kvHeads = optionalInt(json, "num_key_value_heads", heads);
    if (heads % kvHeads != 0) {
      throw new ModelLoadException("num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
    }
    int headDim = optionalInt(json, "head_dim", hidden / heads);
    boolean gemma = arch == Architecture.GEMMA2;
    Activation activation = gemma
        ? Activation.parse(text(json, "hidden_activation", text(json, "hidden_act", "gelu_pytorch_tanh")), "hidden_activation")
        : Activation.parse(text(json, "hidden_act", "silu"), "hidden_act");
    double scale = gemma ? 1.0 / Math.sqrt(json.path("query_pre_attn_scalar").asDouble(headDim)) : 1.0 / Math.sqrt(headDim);
    int window = 0;
    if (gemma || modelType.equals("mistral") || json.path("use_sliding_window").asBoolean(false)) {
      window = optionalInt(json, "sliding_window", 0);
    }
    return new ModelConfig(
        arch,
        modelType,
        hidden,
        requiredInt(json, "intermediate_size"),
        requiredInt(json, "num_hidden_layers"),
        heads,
        kvHeads,
        headDim,
        requiredInt(json, "vocab_size"),
        optionalInt(json, "max_position_embeddings", 2048),
        json.path("rms_norm_eps").asDouble(1e-6),
        json.path("rope_theta").asDouble(10000.0),
        parseRopeScaling(json.path("rope_scaling")),
        json.path("tie_word_embeddings").asBoolean(gemma),
        activation,
        arch == Architecture.QWEN2 || json.path("attention_bias").asBoolean(false),
        scale,
        window,
        gemma,
        gemma ? json.path("attn_logit_softcapping").asDouble(0) : 0,
        gemma ? json.path("final_logit_softcapping").asDouble(0) : 0,
        optionalInt(json, "bos_token_id", -1),
        tokenIds(json.path("eos_token_id")));
  }

  private static ModelConfig parseGpt2(JsonNode json) {
    int hidden = requiredInt(json, "n_embd");
    int heads = requiredInt(json, "n_head");
    JsonNode inner = json.path("n_inner");
    int intermediate = inner.isInt() ? inner.asInt() : 4 * hidden;
    if (json.path("scale_attn_by_inverse_layer_idx").asBoolean(false)) {
      throw new ModelLoadException("scale_attn_by_inverse_layer_idx is not supported");
    }
    double scale = json.path("scale_attn_weights").asBoolean(true) ? 1.0 / Math.sqrt(hidden / heads) : 1.0;
    return new ModelConfig(
        Architecture.GPT2,
        "gpt2",
        hidden,
        intermediate,
        requiredInt(json, "n_layer"),
        heads,
        heads,
        hidden / heads,
        requiredInt(json, "vocab_size"),
        requiredInt(json, "n_positions"),
        json.path("layer_norm_epsilon").asDouble(1e-5),
        0,
        null,
        json.path("tie_word_embeddings").asBoolean(true),
        Activation.parse(text(json, "activation_function", "gelu_new"), "activation_function"),
        true,
        scale,
        0,
        false,
        0,
        0,
        optionalInt(json, "bos_token_id", -1),
        tokenIds(json.path("eos_token_id")));
  }

  private static RopeScaling parseRopeScaling(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String type = text(node, "rope_type", text(node, "type", ""));
    switch (type) {
      case "default":
        return null;
      case "linear":
        return new RopeScaling(type, required(node, "factor", "rope_scaling.factor").asDouble(), 0, 0, 0);
      case "llama3":
        return new RopeScaling(
            type,
            required(node, "factor", "rope_scaling.factor").asDouble(),
            required(node, "low_freq_factor", "rope_scaling.low_freq_factor").asDouble(),
            required(node, "high_freq_factor", "rope_scaling.high_freq_factor").asDouble(),
            required(node, "original_max_position_embeddings", "rope_scaling.original_max_position_embeddings").asInt());
      default:
        throw new ModelLoadException("rope_scaling type '" + type + "' is not supported (linear, llama3)");
    }
  }

  private static List<Integer> tokenIds(JsonNode node) {
    List<Integer> ids = new ArrayList<>();
    if (node.isInt()) {
      ids.add(node.asInt());
    } else if (node.isArray()) {
      node.forEach(n -> ids.add(n.asInt()));
    }
    return List.copyOf(ids);
  }

  private static JsonNode required(JsonNode json, String field, String path) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      throw new ModelLoadException("missing field '" + path + "'");
    }
    return node;
  }

  private static int requiredInt(JsonNode json, String field) {
    JsonNode node = required(json, field, field);
    if (!node.canConvertToInt() || node.asInt() <= 0) {
      throw new ModelLoadException("field '" + field + "' must be a positive integer, got " + node);
    }
    return node.asInt();
  }

  private static int optionalInt(JsonNode json, String field, int fallback) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToInt()) {
      throw new ModelLoadException("field '" + field + "' must be an integer, got " + node);
    }
    return node.asInt();
  }

  private static String text(JsonNode json, String field, String fallback) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? fallback : node.asText();
  }

  /** Whether layer {@code layer} attends only within {@link #slidingWindow()}. */
  public boolean isSlidingLayer(int layer) {
    return slidingWindow > 0 && (!slidingWindowEveryOtherLayer || layer % 2 == 0);
  }

  /** Whether positions are rotary (else learned absolute embeddings). */
  public boolean usesRope() {
    return architecture != Architecture.GPT2;
  }
}
