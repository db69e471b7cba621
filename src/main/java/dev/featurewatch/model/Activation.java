package dev.featurewatch.model;

/** MLP activation functions, named as Hugging Face configs name them. */
public enum Activation {
  SILU,
  /** The tanh approximation ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
  GELU_TANH,
  /** The exact erf form ({@code gelu}). */
  GELU;

  static Activation parse(String name, String field) {
    return switch (name) {
      case "silu", "swish" -> SILU;
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_tanh" -> GELU_TANH;
      case "gelu" -> GELU;
      default -> throw new ModelLoadException("config.json: " + field + " '" + name + "' is not supported (silu, gelu, gelu_new, gelu_pytorch_tanh)");
    };
  }
}
