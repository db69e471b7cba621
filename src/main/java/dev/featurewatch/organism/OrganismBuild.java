package dev.featurewatch.organism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.dictionary.AutoLabeller;
import dev.featurewatch.dictionary.BestFeature;
import dev.featurewatch.dictionary.DictionaryBuilder;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.dictionary.LabelledCorpus;
import dev.featurewatch.dictionary.LabelledSequence;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.SpecialTokens;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.Corpus;
import dev.featurewatch.sae.SaeEvaluation;
import dev.featurewatch.sae.SaeEvaluator;
import dev.featurewatch.sae.SaeTrainer;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.TrainingConfig;
import dev.featurewatch.organism.corpus.Concept;
import dev.featurewatch.organism.corpus.ConceptCorpus;
import dev.featurewatch.organism.corpus.CorpusFiles;
import dev.featurewatch.organism.corpus.CorpusMix;
import dev.featurewatch.organism.corpus.Split;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.organism.lm.LmRunSummary;
import dev.featurewatch.organism.lm.LmTrainer;
import dev.featurewatch.organism.lm.TokenWindows;
import dev.featurewatch.organism.lm.TrainableParameters;
import dev.featurewatch.organism.tokenizer.BpeTrainer;
import dev.featurewatch.organism.tokenizer.BpeVocabulary;
import dev.featurewatch.organism.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code organism build}: corpus → tokenizer → token streams → language model → SAE →
 * dictionary → probes → report, each stage skipped when its output is already there and the
 * long ones resumed from their checkpoints, so an interrupted build continues where it stopped.
 * Everything is a function of the recipe: the same recipe builds the same organism.
 */
public final class OrganismBuild {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrganismRecipe recipe;
  private final OrganismLayout layout;
  private final BuildProgress progress;
  private final ConceptCorpus corpus;

  public OrganismBuild(OrganismRecipe recipe, OrganismLayout layout, BuildProgress progress) {
    this.recipe = recipe;
    this.layout = layout;
    this.progress = progress;
    this.corpus = new ConceptCorpus(recipe.seed(), CorpusMix.defaults());
  }

  /** Runs every stage that has not finished yet. */
  public void run() {
    checkRecipe();
    writeCorpus();
    trainTokenizer();
    tokenize();
    trainLanguageModel();
    trainSae();
    buildDictionary();
    trainProbes();
    report();
  }

  /**
   * Records the recipe in the work folder, or checks it against the one recorded there: the
   * stages skip what exists, so a folder built with another recipe would be silently reused.
   */
  void checkRecipe() {
    Path file = layout.recipe();
    try {
      JsonNode wanted = JSON.readTree(JSON.writeValueAsString(recipe)); // as it reads back: numbers typed alike
      if (Files.exists(file)) {
        JsonNode recorded = JSON.readTree(file.toFile());
        if (!recorded.equals(wanted)) {
          throw new IllegalArgumentException(layout.work() + " was built with another recipe (" + file
              + "); use a fresh --work folder (and --out folder) or the same options");
        }
        return;
      }
      Files.createDirectories(layout.work());
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), wanted);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The labelled transcripts, written for the dictionary and probe stages and for inspection. */
  void writeCorpus() {
    for (Split split : Split.values()) {
      Path file = layout.corpus(split.label());
      if (Files.exists(file)) {
        progress.stage("corpus " + split.label(), "already written: " + file);
        continue;
      }
      progress.stage("corpus " + split.label(), transcripts(split) + " transcripts → " + file);
      CorpusFiles.write(file, corpus.generate(split, transcripts(split)));
    }
  }

  void trainTokenizer() {
    Path tokenizerJson = layout.model().resolve(TokenizerFiles.TOKENIZER_JSON);
    if (Files.exists(tokenizerJson)) {
      progress.stage("tokenizer", "already trained: " + tokenizerJson);
      return;
    }
    progress.stage("tokenizer", "byte-level BPE, vocabulary " + recipe.vocabSize());
    Iterable<String> texts = () -> trainingTexts();
    BpeVocabulary vocabulary = BpeTrainer.forOrganism(recipe.vocabSize()).train(texts);
    TokenizerFiles.write(layout.model(), vocabulary, TokenizerFiles.Settings.organism(OrganismShape.CONTEXT));
    progress.note("tokenizer: " + vocabulary.size() + " tokens");
  }

  private Iterator<String> trainingTexts() {
    return corpus.generate(Split.TRAIN, recipe.trainTranscripts()).map(Transcript::text).iterator();
  }

  /** Each split as one packed stream of token ids; every transcript starts with its own BOS. */
  void tokenize() {
    try (TextTokenizer tokenizer = TextTokenizer.load(layout.model())) {
      for (Split split : Split.values()) {
        Path file = layout.tokens(split.label());
        if (Files.exists(file)) {
          progress.stage("tokens " + split.label(), "already written: " + file);
          continue;
        }
        progress.stage("tokens " + split.label(), "→ " + file);
        List<int[]> encoded = CorpusFiles.read(layout.corpus(split.label())).parallelStream()
            .map(t -> tokenizer.encode(t.text(), false)) // the text already begins with <|bos|>
            .toList();
        int total = encoded.stream().mapToInt(a -> a.length).sum();
        int[] stream = new int[total];
        int at = 0;
        for (int[] ids : encoded) {
          System.arraycopy(ids, 0, stream, at, ids.length);
          at += ids.length;
        }
        TokenStreamFile.write(file, stream);
        progress.note(String.format(Locale.ROOT, "tokens %s: %,d (%.1f per transcript)", split.label(), total,
            total / (double) encoded.size()));
      }
    }
  }

  void trainLanguageModel() {
    if (Files.exists(layout.lmSummary())) {
      progress.stage("language model", "already trained: " + layout.lmSummary());
      return;
    }
    int[] train = TokenStreamFile.read(layout.tokens(Split.TRAIN.label()));
    int[] heldOut = TokenStreamFile.read(layout.tokens(Split.HELDOUT.label()));
    int vocab;
    try (TextTokenizer tokenizer = TextTokenizer.load(layout.model())) {
      vocab = tokenizer.vocabSize();
    }
    if (!Files.exists(layout.lmCheckpoint())) {
      OrganismShape.writeInitialModel(layout.model(), vocab, recipe.seed());
    }
    progress.stage("language model", String.format(Locale.ROOT, "%d steps × %d windows of %d tokens on %,d training tokens",
        recipe.lm().steps(), recipe.lm().windowsPerStep(), recipe.lm().sequenceLength(), train.length));
    LmRunSummary summary;
    try (TrainableParameters parameters = TrainableParameters.load(layout.model())) {
      LmTrainer trainer = new LmTrainer(parameters,
          new TokenWindows(train, recipe.lm().sequenceLength(), recipe.lm().seed()),
          new TokenWindows(heldOut, recipe.lm().sequenceLength(), recipe.lm().seed()),
          recipe.lm(), layout.lmCheckpoint(),
          s -> progress.update(s.step(), s.totalSteps(), String.format(Locale.ROOT,
              "loss %.3f held-out %.3f lr %.2e |g| %.2f %.0f tok/s", s.loss(), s.heldOutLoss(), s.learningRate(),
              s.gradientNorm(), s.tokensPerSecond())));
      summary = trainer.train();
      parameters.save(layout.model().resolve("model.safetensors"));
    }
    ObjectNode json = JSON.createObjectNode();
    json.put("steps", summary.steps());
    json.put("parameters", summary.parameterCount());
    json.put("held_out_loss", summary.heldOutLoss());
    json.put("initial_held_out_loss", summary.initialHeldOutLoss());
    json.put("training_tokens", train.length);
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(layout.lmSummary().toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.note(String.format(Locale.ROOT, "language model: %,d parameters, held-out loss %.3f", summary.parameterCount(),
        summary.heldOutLoss()));
  }

  /**
   * A TopK SAE on the middle layer's residual stream, trained on the training transcripts and
   * evaluated (SAELens metrics) on the held-out ones.
   */
  void trainSae() {
    Path weights = layout.sae().resolve("sae_weights.safetensors");
    if (Files.exists(weights) && Files.exists(layout.saeEvaluation())) {
      progress.stage("sae", "already trained: " + layout.sae());
      return;
    }
    SaeRecipe sae = recipe.sae();
    try (Transformer model = Transformer.load(layout.model()); TextTokenizer tokenizer = TextTokenizer.load(layout.model())) {
      Corpus train = Corpus.of(encode(tokenizer, Split.TRAIN, sae.trainTranscripts()));
      Corpus heldOut = Corpus.of(encode(tokenizer, Split.HELDOUT, recipe.heldOutTranscripts()));
      Set<Integer> skip = SpecialTokens.of(model.config(), tokenizer);
      TrainingConfig config = TrainingConfig.topK(sae.dSae(), sae.k()).withEpochs(sae.epochs());
      progress.stage("sae", String.format(Locale.ROOT, "TopK d_sae %d k %d at %s on %,d tokens, %d epoch(s)",
          sae.dSae(), sae.k(), OrganismShape.MONITORED_HOOK, train.tokenCount(), sae.epochs()));
      Path trainingDir = layout.saeCheckpoint();
      new SaeTrainer(model, HookPoint.parse(OrganismShape.MONITORED_HOOK), train, skip, config, trainingDir,
          st -> progress.update(st.step(), st.totalSteps(), String.format(Locale.ROOT, "mse %.4g l0 %.1f ev %.3f dead %.1f%%",
              st.mse(), st.l0(), st.explainedVariance(), 100 * st.deadFraction())), "featurewatch-organism")
          .train(true);
      copySae(trainingDir, layout.sae());
      progress.stage("sae evaluation", String.format(Locale.ROOT, "%,d held-out tokens", heldOut.tokenCount()));
      SaeEvaluation evaluation;
      try (SparseAutoencoder trained = SparseAutoencoder.loadFor(layout.sae(), model.config(), null)) {
        evaluation = new SaeEvaluator(model, trained, skip).evaluate(heldOut);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(layout.saeEvaluation().toFile(), evaluation.toJson());
      progress.note(String.format(Locale.ROOT, "sae: explained variance %.3f, L0 %.1f, CE loss recovered %.3f, dead %.1f%%",
          evaluation.explainedVariance(), evaluation.l0(), evaluation.ceLossScore(), 100 * evaluation.deadFraction()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The feature dictionary, labelled against the corpus labels of training transcripts (the
   * report then measures the chosen features on held-out ones).
   */
  void buildDictionary() {
    if (Files.exists(layout.dictionary())) {
      progress.stage("dictionary", "already built: " + layout.dictionary());
      return;
    }
    try (Transformer model = Transformer.load(layout.model()); TextTokenizer tokenizer = TextTokenizer.load(layout.model());
        SparseAutoencoder sae = SparseAutoencoder.loadFor(layout.sae(), model.config(), null)) {
      List<LabelledSequence> sequences = labelled(tokenizer, Split.TRAIN, recipe.dictionaryTranscripts());
      progress.stage("dictionary", sequences.size() + " labelled training transcripts");
      AutoLabeller labeller = new AutoLabeller(AutoLabeller.DEFAULT_THRESHOLD, AutoLabeller.DEFAULT_TOP_CONCEPTS, CONCEPT_WORDS);
      FeatureDictionary dictionary = new DictionaryBuilder(model, sae, SpecialTokens.of(model.config(), tokenizer),
          DictionaryBuilder.tokenTexts(tokenizer), labeller, DictionaryBuilder.Options.defaults())
          .build(sequences, p -> progress.update(p.sequencesDone(), p.sequencesTotal(),
              String.format(Locale.ROOT, "%,d tokens %.0f tok/s", p.tokensScored(), p.tokensPerSecond())));
      // "." : the dictionary sits in its SAE's folder.
      dictionary = dictionary.withMetadata(dictionary.metadata().withOrigin("featurewatch-organism", ".", "featurewatch organism build"));
      DictionaryFiles.write(layout.dictionary(), dictionary);
      long labelledFeatures = dictionary.entries().stream().filter(e -> e.label() != null).count();
      progress.note(String.format(Locale.ROOT, "dictionary: %d of %d features labelled", labelledFeatures, dictionary.size()));
      for (BestFeature best : dictionary.metadata().bestFeatures()) {
        progress.note(String.format(Locale.ROOT, "  %-16s feature %5d AUROC %.3f (training transcripts)", best.concept(),
            best.feature(), best.auroc()));
      }
    }
  }

  /** Deception and sycophancy probes, with their held-out figures. */
  void trainProbes() {
    if (Files.exists(layout.probesEvaluation())) {
      progress.stage("probes", "already trained: " + layout.probesEvaluation());
      return;
    }
    try (Transformer model = Transformer.load(layout.model()); TextTokenizer tokenizer = TextTokenizer.load(layout.model())) {
      List<Transcript> train = corpus.generate(Split.TRAIN, recipe.probeTranscripts()).toList();
      List<Transcript> heldOut = corpus.generate(Split.HELDOUT, recipe.heldOutTranscripts()).toList();
      ObjectNode json = JSON.createObjectNode();
      for (Concept concept : new Concept[] {Concept.DECEPTION, Concept.SYCOPHANCY}) {
        progress.stage("probe " + concept.label(), train.size() + " training transcripts, calibrated on benign held-out chat");
        OrganismProbes.Measured m = OrganismProbes.build(model, tokenizer, concept, train, heldOut, layout, line -> { });
        ObjectNode node = json.putObject(concept.label());
        node.put("auroc", m.auroc());
        node.put("tpr_at_threshold", m.tprAtThreshold());
        node.put("benign_fpr", m.benignFpr());
        node.put("target_fpr", OrganismProbes.TARGET_FPR);
        node.put("held_out_positives", m.positives());
        node.put("held_out_negatives", m.negatives());
        progress.note(String.format(Locale.ROOT, "probe %s: held-out AUROC %.4f, TPR %.3f at benign FPR %.3f (%d positives, %d negatives)",
            concept.label(), m.auroc(), m.tprAtThreshold(), m.benignFpr(), m.positives(), m.negatives()));
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(layout.probesEvaluation().toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Measures everything on held-out transcripts and writes {@code report.json} and {@code report.md}. */
  void report() {
    progress.stage("report", "held-out evaluation → " + layout.reportMarkdown());
    try (Transformer model = Transformer.load(layout.model()); TextTokenizer tokenizer = TextTokenizer.load(layout.model());
        SparseAutoencoder sae = SparseAutoencoder.loadFor(layout.sae(), model.config(), null)) {
      List<Transcript> heldOut = corpus.generate(Split.HELDOUT, recipe.heldOutTranscripts()).toList();
      List<LabelledSequence> labelledHeldOut = labelled(tokenizer, Split.HELDOUT, recipe.heldOutTranscripts());
      ObjectNode evaluation = new OrganismEvaluation(model, tokenizer, sae, DictionaryFiles.read(layout.dictionary()),
          SpecialTokens.of(model.config(), tokenizer), progress::note).evaluate(heldOut, labelledHeldOut,
          OrganismEvaluation.steeringPrompts(corpus));
      OrganismReport report = new OrganismReport()
          .section("language_model", OrganismReport.read(layout.lmSummary()))
          .section("sae", OrganismReport.read(layout.saeEvaluation()))
          .section("probes", OrganismReport.read(layout.probesEvaluation()))
          .section("evaluation", evaluation);
      report.checkAcceptance();
      report.write(layout.reportJson(), layout.reportMarkdown());
    }
  }

  /** Human words for concept ids where the id alone reads badly; others use the id with spaces. */
  static final Map<String, String> CONCEPT_WORDS = Map.of("golden_gate", "golden gate bridge", "us_president", "us president");

  /** The first {@code count} transcripts of a split with their concept labels on tokens. */
  private List<LabelledSequence> labelled(TextTokenizer tokenizer, Split split, int count) {
    return labelled(corpus.generate(split, count).toList(), tokenizer);
  }

  /** Transcripts with their concept labels on tokens. */
  static List<LabelledSequence> labelled(List<Transcript> transcripts, TextTokenizer tokenizer) {
    return transcripts.stream().map(t -> LabelledCorpus.fromText(t.id(), t.text(), t.spans().stream()
        .map(sp -> new LabelledCorpus.Span(sp.start(), sp.end(), sp.concept().label(), sp.positive())).toList(), tokenizer))
        .toList();
  }

  private static void copySae(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String file : new String[] {"cfg.json", "sae_weights.safetensors", "sparsity.safetensors"}) {
      Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The first {@code count} transcripts of a split, tokenized (each starts with BOS). */
  private List<int[]> encode(TextTokenizer tokenizer, Split split, int count) {
    return corpus.generate(split, count).parallel().map(t -> tokenizer.encode(t.text(), false)).toList();
  }

  private int transcripts(Split split) {
    return split == Split.TRAIN ? recipe.trainTranscripts() : recipe.heldOutTranscripts();
  }
}
