package dev.featurewatch.server;

import ai.djl.Device;
import dev.featurewatch.api.ServedModel;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.engine.DecodeBatcher;
import dev.featurewatch.engine.Guardrail;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.sae.SparseAutoencoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads what the server answers and monitors with: model, tokenizer and chat template from a
 * Hugging Face directory, the SAE (any layout {@code SaeFormats} reads), every probe folder under the
 * probes path (named by its folder), and the dictionary with an in-memory Lucene index. Each
 * step says what it loaded, so the start-up log shows exactly what is serving.
 */
final class ServedModelLoader {
  private ServedModelLoader() {}

  static ServedModel load(ServerConfig config, Consumer<String> log) {
    Path modelDir = config.path("model.path");
    Device device = ModelDevice.parse(config.string("model.device"));
    Transformer model = Transformer.load(modelDir, device);
    String id = config.string("model.id") != null ? config.string("model.id")
        : modelDir.toAbsolutePath().normalize().getFileName().toString();
    if (id.equals("model") && modelDir.toAbsolutePath().normalize().getParent() != null) {
      id = modelDir.toAbsolutePath().normalize().getParent().getFileName().toString(); // organism/model → organism
    }
    TextTokenizer tokenizer = TextTokenizer.load(modelDir);
    ChatTemplate template = ChatTemplate.load(modelDir);
    log.accept(String.format("model %s from %s on %s (%d layers, d_model %d, vocabulary %d, context %d)", id, modelDir,
        model.device(), model.config().numLayers(), model.config().hiddenSize(), model.config().vocabSize(),
        model.config().maxPositions()));

    Path saeDir = config.path("sae.path");
    SparseAutoencoder sae = SparseAutoencoder.loadFor(saeDir, model.config(), model.device(),
        config.string("sae.hook")); // for layouts that do not record their hook (Gemma Scope's params.npz)
    log.accept(String.format("SAE from %s: %s d_sae %d at %s", saeDir, sae.config().architecture(), sae.config().dSae(),
        sae.config().hookName()));

    Map<String, Probe> probes = probes(config.path("probes.path"), model, log);

    FeatureDictionary dictionary = null;
    DictionaryIndex index = null;
    Path dictionaryFile = config.path("dictionary.path");
    if (dictionaryFile != null) {
      dictionary = DictionaryFiles.read(dictionaryFile);
      index = DictionaryIndex.inMemory(dictionary);
      long labelled = dictionary.entries().stream().filter(e -> e.label() != null).count();
      log.accept(String.format("dictionary from %s: %d features, %d labelled", dictionaryFile, dictionary.size(), labelled));
    }
    Guardrail guardrail = new Guardrail(model, tokenizer, sae, probes);
    DecodeBatcher batcher = config.bool("engine.batch_decode") ? new DecodeBatcher(config.integer("engine.max_batch", 1, 1024)) : null;
    return new ServedModel(id, model, tokenizer, template, guardrail, dictionary, index, model.config().maxPositions(), batcher);
  }

  private static Map<String, Probe> probes(Path folder, Transformer model, Consumer<String> log) {
    Map<String, Probe> probes = new LinkedHashMap<>();
    if (folder == null) {
      return probes;
    }
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("probes.path " + folder + " is not a folder");
    }
    List<Path> dirs;
    try (Stream<Path> children = Files.list(folder)) {
      dirs = children.filter(d -> Files.isRegularFile(d.resolve(Probe.CONFIG_FILE))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path dir : dirs) {
      Probe probe = Probe.load(dir, model.config(), "the served model");
      String name = dir.getFileName().toString();
      probes.put(name, probe);
      log.accept(String.format("probe %s from %s at %s (threshold %.3f)", name, dir, probe.hookPoint(), probe.threshold()));
    }
    return probes;
  }
}
