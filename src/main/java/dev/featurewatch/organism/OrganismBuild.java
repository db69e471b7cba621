package dev.featurewatch.organism;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    writeCorpus();
    trainTokenizer();
    tokenize();
    trainLanguageModel();
    trainSae();
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
