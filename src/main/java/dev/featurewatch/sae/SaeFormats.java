package dev.featurewatch.sae;

import ai.djl.Device;
import dev.featurewatch.model.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises an SAE folder's format by the files in it and reads it into the one
 * {@link SparseAutoencoder} shape (SAELens conventions), converting layouts on load.
 */
public final class SaeFormats {
  private SaeFormats() {}

  /** Reads an SAE folder; the error lists the layouts tried when none matches. */
  public static SparseAutoencoder read(Path directory, Device device) {
    if (!Files.isDirectory(directory)) {
      throw new ModelLoadException(directory + ": not a directory (an SAE is a folder)");
    }
    if (SaeLensFormat.matches(directory)) {
      return SaeLensFormat.read(directory, device);
    }
    throw new ModelLoadException(directory + ": no SAE found; expected SAELens (cfg.json + sae_weights.safetensors)");
  }
}
