package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.dictionary.AutoLabeller;
import dev.featurewatch.dictionary.BestFeature;
import dev.featurewatch.dictionary.DictionaryBuilder;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.dictionary.DictionaryJson;
import dev.featurewatch.dictionary.DictionaryMetadata;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.dictionary.FeatureEntry;
import dev.featurewatch.dictionary.FeatureHit;
import dev.featurewatch.dictionary.LabelledCorpus;
import dev.featurewatch.dictionary.LabelledSequence;
import dev.featurewatch.dictionary.NeuronpediaExplanations;
import dev.featurewatch.model.SpecialTokens;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.SparseAutoencoder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dictionary build}, {@code dictionary search} and {@code dictionary import-neuronpedia}. */
@Command(name = "dictionary", description = "Build, search and import feature dictionaries (JSON Lines).",
    subcommands = {DictionaryCommand.Build.class, DictionaryCommand.Search.class, DictionaryCommand.ImportNeuronpedia.class})
final class DictionaryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: build, search or import-neuronpedia");
  }

  @Command(name = "build", description = {
      "Run a model with its SAE over a concept-labelled corpus and write the feature dictionary: density, max activation, "
          + "max-activating examples, promoted/suppressed tokens, histogram, and labels by token-level AUROC.",
      "Corpus: JSON Lines of {\"text\": ..., \"spans\": [{\"start\", \"end\", \"concept\", \"positive\"}]} "
          + "(character offsets; positive false marks a hard negative)."})
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ModelOptions model;

    @Option(names = "--sae", required = true, description = "SAE folder (any supported format).")
    Path sae;

    @Option(names = "--hook", description = "Hook for SAE formats that do not name one.")
    String hookHint;

    @Option(names = "--corpus", required = true, description = "Labelled text corpus (JSON Lines).")
    Path corpus;

    @Option(names = "--out", required = true, description = "Dictionary file to write (.jsonl).")
    Path out;

    @Option(names = "--max-sequences", defaultValue = "0", description = "Read at most this many corpus lines (default: all).")
    int maxSequences;

    @Option(names = "--labels", split = ",", description = "Label words per concept, e.g. golden_gate=golden gate bridge,"
        + "deception=deception (default: the concept id with underscores as spaces).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--threshold", defaultValue = "0.8", description = "AUROC a concept needs to become a label (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--top-examples", defaultValue = "10", description = "Max-activating examples per feature (default ${DEFAULT-VALUE}).")
    int topExamples;

    @Option(names = "--max-tokens", defaultValue = "0", description = "Cut longer sequences to this many tokens (default: the model's limit).")
    int maxTokens;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(corpus)) {
        throw new UsageException("corpus " + corpus + " does not exist or is not a file");
      }
      AutoLabeller labeller = new AutoLabeller(threshold, AutoLabeller.DEFAULT_TOP_CONCEPTS, labels);
      DictionaryBuilder.Options defaults = DictionaryBuilder.Options.defaults();
      DictionaryBuilder.Options options = new DictionaryBuilder.Options(topExamples, defaults.windowBefore(),
          defaults.windowAfter(), defaults.logitTokens(), defaults.histogramBins(), maxTokens);
      PrintWriter err = spec.commandLine().getErr();
      TextTokenizer tokenizer = model.tokenizerOrNull();
      if (tokenizer == null) {
        throw new UsageException("model directory " + model.directory + " has no tokenizer.json; dictionary build reads text");
      }
      try (tokenizer;
          Transformer transformer = model.load();
          SparseAutoencoder autoencoder = SparseAutoencoder.loadFor(sae, transformer.config(), model.device(), hookHint)) {
        List<LabelledSequence> sequences = LabelledCorpus.read(corpus, tokenizer, maxSequences);
        err.printf("building the dictionary of %d features at %s from %d sequences%n", autoencoder.config().dSae(),
            autoencoder.config().hookName(), sequences.size());
        ProgressBar bar = new ProgressBar(err);
        DictionaryBuilder builder = new DictionaryBuilder(transformer, autoencoder,
            SpecialTokens.of(transformer.config(), tokenizer), DictionaryBuilder.tokenTexts(tokenizer), labeller, options);
        long started = System.nanoTime();
        FeatureDictionary built = builder.build(sequences, p -> bar.update(p.sequencesDone(), p.sequencesTotal(),
            String.format(Locale.ROOT, "%d tokens %.0f tok/s", p.tokensScored(), p.tokensPerSecond())));
        DictionaryMetadata meta = built.metadata().withOrigin(model.name(), sae.toString(), "featurewatch dictionary build");
        DictionaryFiles.write(out, built.withMetadata(meta));
        long labelled = built.entries().stream().filter(FeatureEntry::isLabelled).count();
        err.printf(Locale.ROOT, "labelled %d of %d features; %d tokens scored in %.1f s; wrote %s%n", labelled, built.size(),
            meta.tokensScored(), (System.nanoTime() - started) / 1e9, out);
        printBestFeatures(spec.commandLine().getOut(), meta.bestFeatures(), built);
        return 0;
      }
    }

    /** One line per concept: its best feature, that feature's AUROC and specificity, and its label. */
    private static void printBestFeatures(PrintWriter out, List<BestFeature> best, FeatureDictionary dictionary) {
      out.printf("%-24s %8s %7s %10s %10s  %s%n", "concept", "feature", "auroc", "mean_pos", "mean_hard", "feature label");
      for (BestFeature b : best) {
        String label = dictionary.entry(b.feature()).map(FeatureEntry::label).orElse(null);
        out.printf(Locale.ROOT, "%-24s %8d %7.4f %10.4g %10s  %s%n", b.concept(), b.feature(), b.auroc(),
            b.meanActivationOnPositives(), Double.isNaN(b.meanActivationOnHardNegatives()) ? "-"
                : String.format(Locale.ROOT, "%.4g", b.meanActivationOnHardNegatives()), label == null ? "(unlabelled)" : label);
      }
      out.flush();
    }
  }

  @Command(name = "search", description = {
      "Search a dictionary with a Lucene query; prints one JSON line per hit, best first.",
      "Fields: label, explanation (words), concept (exact id), tokens, index, density, max_activation, confidence (numbers). "
          + "Examples: label:deception, label:\"golden gate\", label:deception AND confidence:[0.9 TO 1], density:[0 TO 0.01], "
          + "max_activation>=5."})
  static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dictionary", required = true, description = "Dictionary file (.jsonl).")
    Path dictionary;

    @Option(names = "--limit", defaultValue = "20", description = "Most hits (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--full", description = "Print whole entries (examples, logit effects, histogram), not a summary.")
    boolean full;

    @Parameters(index = "0", paramLabel = "QUERY", description = "Lucene query.")
    String query;

    private static final List<String> SUMMARY = List.of("label", "concept", "confidence", "explanation", "density", "max_activation");

    @Override
    public Integer call() throws Exception {
      FeatureDictionary read = DictionaryFiles.read(dictionary);
      ObjectMapper json = new ObjectMapper();
      PrintWriter out = spec.commandLine().getOut();
      try (DictionaryIndex index = DictionaryIndex.inMemory(read)) {
        for (FeatureHit hit : index.search(query, limit)) {
          ObjectNode entry = DictionaryJson.toJson(read.entry(hit.index()).orElseThrow());
          ObjectNode line = json.createObjectNode().put("index", hit.index()).put("score", hit.score());
          entry.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("index") && (full || SUMMARY.contains(f.getKey()))) {
              line.set(f.getKey(), f.getValue());
            }
          });
          out.println(json.writeValueAsString(line));
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "import-neuronpedia", description = {
      "Merge feature explanations exported from Neuronpedia (JSON array or JSON Lines, optionally .gz, of "
          + "{modelId, layer, index, description}) into a dictionary."})
  static final class ImportNeuronpedia implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--export", required = true, description = "Neuronpedia explanation export.")
    Path export;

    @Option(names = "--dictionary", description = "Dictionary to merge into (default: a new one with only explanations).")
    Path dictionary;

    @Option(names = "--out", required = true, description = "Dictionary file to write (may be the same as --dictionary).")
    Path out;

    @Option(names = "--model-id", description = "Keep only explanations of this Neuronpedia model id.")
    String modelId;

    @Option(names = "--source", description = "Keep only explanations of this Neuronpedia SAE id (the export's 'layer', "
        + "e.g. 20-gemmascope-res-16k).")
    String source;

    @Override
    public Integer call() {
      FeatureDictionary base = dictionary == null ? new FeatureDictionary(null, List.of()) : DictionaryFiles.read(dictionary);
      NeuronpediaExplanations.MergeResult result = NeuronpediaExplanations.merge(base, NeuronpediaExplanations.read(export),
          modelId, source);
      DictionaryFiles.write(out, result.dictionary());
      spec.commandLine().getErr().printf("merged %d explanations (%d new entries; %d duplicate and %d other-SAE explanations "
          + "skipped); wrote %s%n", result.merged(), result.created(), result.duplicates(), result.filteredOut(), out);
      return 0;
    }
  }
}
