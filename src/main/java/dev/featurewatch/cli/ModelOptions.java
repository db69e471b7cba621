package dev.featurewatch.cli;

import ai.djl.Device;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --device}, shared by every command that loads a model. */
final class ModelOptions {
  @Option(names = "--model", required = true, description = "Hugging Face model directory.")
  Path directory;

  @Option(names = "--device", description = "cpu or gpu (default: the engine's default).")
  String device;

  /** The device asked for, or null for the engine's default. */
  Device device() {
    return device == null ? null : Device.fromName(device);
  }

  /** Loads the model onto the device. */
  Transformer load() {
    return Transformer.load(directory, device());
  }

  /** The model's tokenizer, or null when the directory has no {@code tokenizer.json}. */
  TextTokenizer tokenizerOrNull() {
    return Files.exists(directory.resolve("tokenizer.json")) ? TextTokenizer.load(directory) : null;
  }

  /** The directory's name, recorded as the model name in SAE and probe metadata. */
  String name() {
    return directory.toAbsolutePath().normalize().getFileName().toString();
  }
}
