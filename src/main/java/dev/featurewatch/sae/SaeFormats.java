package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recognises an SAE folder's format by the files in it and reads it into the one
 * {@link SparseAutoencoder} shape (SAELens conventions), converting layouts on load.
 *
 * <p>Layouts are tried in this order; the first whose files are present is read:
 * <ol>
 *   <li>SAELens ({@link SaeLensFormat}): {@code cfg.json} + {@code sae_weights.safetensors}
 *   <li>Gemma Scope ({@link GemmaScopeFormat}): {@code params.npz}, optional {@code cfg.json}
 *   <li>EleutherAI sparsify ({@link SparsifyFormat}): {@code cfg.json} + {@code sae.safetensors}
 *   <li>OpenAI sparse_autoencoder ({@link OpenAiTopKFormat}): {@code autoencoder.safetensors},
 *       optional {@code cfg.json}
 * </ol>
 *
 * <p>Some layouts do not record the hook the SAE was trained on; the caller then supplies it as a
 * hook-name hint. A hint that contradicts the hook the files name is an error, because an SAE
 * read at another hook produces plausible-looking but meaningless features.
 */
public final class SaeFormats {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FunctionalInterface
  interface Reader {
    SparseAutoencoder read(Path directory, Device device, String hookNameHint);
  }

  private record Layout(String name, String files, Predicate<Path> matches, Reader reader) {}

  private static final List<Layout> LAYOUTS = List.of(
      new Layout("SAELens", "cfg.json + sae_weights.safetensors", SaeLensFormat::matches, SaeLensFormat::read),
      new Layout("Gemma Scope", "params.npz (+ cfg.json with hook_name, or a hook-name hint)",
          GemmaScopeFormat::matches, GemmaScopeFormat::read),
      new Layout("EleutherAI sparsify", "cfg.json + sae.safetensors", SparsifyFormat::matches, SparsifyFormat::read),
      new Layout("OpenAI sparse_autoencoder", "autoencoder.safetensors (+ cfg.json)",
          OpenAiTopKFormat::matches, OpenAiTopKFormat::read));

  private SaeFormats() {}

  /** Reads an SAE folder whose files name its hook. */
  public static SparseAutoencoder read(Path directory, Device device) {
    return read(directory, device, null);
  }

  /**
   * Reads an SAE folder.
   *
   * @param device where the weights go; null for the engine's default
   * @param hookNameHint the TransformerLens hook the SAE reads (e.g. {@code blocks.12.hook_resid_post})
   *     for layouts that do not record it; null if the files name it
   * @throws ModelLoadException listing every layout and its files when none matches, or naming the
   *     file and tensor that is wrong
   */
  public static SparseAutoencoder read(Path directory, Device device, String hookNameHint) {
    if (!Files.isDirectory(directory)) {
      throw new ModelLoadException(directory + ": not a directory (an SAE is a folder)");
    }
    for (Layout layout : LAYOUTS) {
      if (layout.matches().test(directory)) {
        return layout.reader().read(directory, device, hookNameHint == null || hookNameHint.isBlank() ? null : hookNameHint);
      }
    }
    String expected = LAYOUTS.stream().map(l -> l.name() + " (" + l.files() + ")").collect(Collectors.joining("; "));
    throw new ModelLoadException(directory + ": no SAE found; expected one of: " + expected + pickleAdvice(directory));
  }

  /** OpenAI ships torch pickles, which the JVM cannot unpickle: say what to do instead. */
  private static String pickleAdvice(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      if (files.anyMatch(f -> f.getFileName().toString().endsWith(".pt") || f.getFileName().toString().endsWith(".pth"))) {
        return ". The .pt/.pth files here are PyTorch pickles, which cannot be read without Python: save the state"
            + " dict with safetensors as " + OpenAiTopKFormat.WEIGHTS + " (see OpenAiTopKFormat)";
      }
    } catch (IOException e) {
      // The advice is optional; the error above stands without it.
    }
    return "";
  }

  /**
   * The hook an SAE reads: the one its files name, else the caller's hint.
   *
   * @param named the hook the files name, or null
   * @param howToName how this layout's files would name it, for the error when neither is given
   */
  static String hook(Path directory, String named, String hint, String howToName) {
    if (hint != null) {
      if (named != null && !named.equals(hint)) {
        throw new ModelLoadException(directory + ": the SAE's files say it reads " + named + " but the hook-name hint is "
            + hint + "; an SAE read at a hook it was not trained on gives meaningless features");
      }
      return hint;
    }
    if (named == null) {
      throw new ModelLoadException(directory + ": the files do not record which hook this SAE reads; " + howToName
          + ", or pass the hook name to SaeFormats.read(directory, device, hookName) or"
          + " SparseAutoencoder.load/loadFor(..., hookName), e.g. \"blocks.12.hook_resid_post\"");
    }
    return named;
  }

  /** Parses a JSON file; errors name it. */
  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelLoadException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Parses a JSON file if it exists, else an empty object. */
  static JsonNode readJsonIfPresent(Path file) {
    return Files.exists(file) ? readJson(file) : JSON.createObjectNode();
  }

  /** The first non-empty string among nodes, or null. */
  static String text(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n != null && n.isTextual() && !n.asText().isEmpty()) {
        return n.asText();
      }
    }
    return null;
  }

  /** Builds an SAE from a weights file; see {@link #build}. */
  @FunctionalInterface
  interface Builder {
    SparseAutoencoder build(WeightFile file, NDManager manager);
  }

  /**
   * Opens a weights file and builds an SAE from it in a fresh manager, which the SAE then owns; on
   * any error the manager is closed and the message names the file.
   */
  static SparseAutoencoder build(Path weights, Function<Path, WeightFile> opener, Device device, Builder builder) {
    WeightFile file = opener.apply(weights);
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try (file) {
      return builder.build(file, manager);
    } catch (IllegalArgumentException e) {
      manager.close();
      throw new ModelLoadException(weights + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }
}
