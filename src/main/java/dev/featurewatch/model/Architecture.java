package dev.featurewatch.model;

/** The transformer families the forward pass implements, keyed by {@code config.json}'s {@code model_type}. */
public enum Architecture {
  /** Llama 2/3, TinyLlama, SmolLM, Mistral: RMSNorm, RoPE, SwiGLU, grouped-query attention. */
  LLAMA,
  /** Llama with q/k/v projection biases. */
  QWEN2,
  /** Learned positions, LayerNorm with bias, Conv1D weights stored [in, out], fused c_attn. */
  GPT2,
  /** Scaled embeddings, (1 + w) RMSNorm, four norms per layer, GeGLU, soft-capping, sliding window. */
  GEMMA2;

  /** Maps a {@code model_type}; null if the type is not supported. */
  static Architecture fromModelType(String modelType) {
    return switch (modelType) {
      case "llama", "mistral" -> LLAMA;
      case "qwen2" -> QWEN2;
      case "gpt2" -> GPT2;
      case "gemma2" -> GEMMA2;
      default -> null;
    };
  }
}
