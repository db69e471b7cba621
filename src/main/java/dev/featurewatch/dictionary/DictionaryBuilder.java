package dev.featurewatch.dictionary;

import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.FeatureMonitor;
import dev.featurewatch.sae.SparseAutoencoder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Builds a feature dictionary by running a model with its SAE over labelled sequences: every
 * feature's density, maximum, histogram and max-activating examples, the tokens its decoder
 * direction promotes and suppresses, and a label from {@link AutoLabeller}.
 *
 * <p>Each sequence is one forward pass with a {@link FeatureMonitor} at the SAE's hook, so the SAE
 * encodes the whole sequence in one batch; special tokens (BOS, EOS, padding) are not scored. The
 * sparse activations are kept per feature ({@link FeatureColumns}: 8 to 16 bytes × k per token),
 * so 200,000 tokens of a k = 32 SAE take 51 to 100 MB whatever d_sae is; the sequences' token
 * texts are kept too, for the examples' windows.
 */
public final class DictionaryBuilder {

  /**
   * How much to record per feature.
   *
   * @param topExamples max-activating examples per feature
   * @param windowBefore tokens shown before an example's strongest token
   * @param windowAfter tokens shown after it
   * @param logitTokens promoted and suppressed tokens per feature
   * @param histogramBins bins of the activation histogram
   * @param maxTokens longer sequences are cut to this many tokens; 0 for the model's {@code
   *     max_position_embeddings}
   */
  public record Options(int topExamples, int windowBefore, int windowAfter, int logitTokens, int histogramBins,
      int maxTokens) {

    public Options {
      if (topExamples < 0 || windowBefore < 0 || windowAfter < 0 || logitTokens < 0 || histogramBins < 1 || maxTokens < 0) {
        throw new IllegalArgumentException("dictionary options must be >= 0 (histogram bins >= 1)");
      }
    }

    /** Ten examples of 12 + 1 + 4 tokens, ten logit tokens each way, ten histogram bins. */
    public static Options defaults() {
      return new Options(10, 12, 4, 10, 10, 0);
    }
  }

  /**
   * Where a build stands, reported after each sequence.
   *
   * @param sequencesDone sequences run so far
   * @param sequencesTotal sequences to run
   * @param tokensScored tokens scored so far (special tokens excluded)
   * @param tokensPerSecond tokens run (scored or not) per second of wall time so far
   */
  public record Progress(int sequencesDone, int sequencesTotal, long tokensScored, double tokensPerSecond) {}

  private final Transformer model;
  private final SparseAutoencoder sae;
  private final Set<Integer> skipTokens;
  private final IntFunction<String> tokenText;
  private final AutoLabeller labeller;
  private final Options options;

  /**
   * @param model the model, with the SAE's hook point
   * @param sae the SAE; must fit the model ({@link SparseAutoencoder#checkCompatible})
   * @param skipTokens token ids not scored (see {@code SpecialTokens.of})
   * @param tokenText a vocabulary id as text, for promoted and suppressed tokens (see {@link
   *     #tokenTexts})
   * @param labeller how features are labelled
   */
  public DictionaryBuilder(Transformer model, SparseAutoencoder sae, Set<Integer> skipTokens, IntFunction<String> tokenText,
      AutoLabeller labeller, Options options) {
    sae.checkCompatible(model.config());
    this.model = model;
    this.sae = sae;
    this.skipTokens = Set.copyOf(skipTokens);
    this.tokenText = tokenText;
    this.labeller = labeller;
    this.options = options;
  }

  /**
   * Vocabulary ids as text: each id decoded alone by the tokenizer, or {@code <id>} without a
   * tokenizer or for ids past its vocabulary (models often pad the embedding beyond it).
   */
  public static IntFunction<String> tokenTexts(TextTokenizer tokenizer) {
    if (tokenizer == null) {
      return id -> "<" + id + ">";
    }
    return id -> id < tokenizer.vocabSize() ? tokenizer.decode(new int[] {id}, false) : "<" + id + ">";
  }

  /**
   * Runs the sequences and builds the dictionary. Its metadata records the hook, d_sae, the counts,
   * the label threshold, the concepts' words and the best feature per concept; model name, SAE path
   * and creator are the caller's to add ({@link DictionaryMetadata#withOrigin}).
   *
   * @param progress told after each sequence, on the calling thread
   */
  public FeatureDictionary build(List<LabelledSequence> sequences, Consumer<Progress> progress) {
    int dSae = sae.config().dSae();
    int maxTokens = options.maxTokens() > 0 ? options.maxTokens() : model.config().maxPositions();
    FeatureColumns columns = new FeatureColumns(dSae);
    ConceptLabels labels = new ConceptLabels();
    int[][] tokenNumbers = new int[sequences.size()][];
    IntList sequenceOf = new IntList();
    IntList positionOf = new IntList();
    List<LabelledSequence> kept = new ArrayList<>(sequences.size());
    long started = System.nanoTime();
    long tokensRun = 0;

    for (int s = 0; s < sequences.size(); s++) {
      LabelledSequence sequence = truncate(sequences.get(s), maxTokens);
      kept.add(sequence);
      int[][] positive = conceptRows(sequence.positives(), sequence.length(), labels);
      int[][] hard = conceptRows(sequence.hardNegatives(), sequence.length(), labels);
      int[] numbers = new int[sequence.length()];
      Arrays.fill(numbers, -1);
      tokenNumbers[s] = numbers;
      int sequenceIndex = s;
      FeatureMonitor monitor = new FeatureMonitor(sae, skipTokens, (position, token, features) -> {
        if (skipTokens.contains(token)) {
          return;
        }
        int t = columns.add(features);
        labels.add(positive[position], hard[position]);
        numbers[position] = t;
        sequenceOf.add(sequenceIndex);
        positionOf.add(position);
      });
      try (InferenceSession session = model.newSession()) {
        session.forward(sequence.tokens(), Hooks.builder().add(sae.config().hookPoint(), monitor).build());
      }
      tokensRun += sequence.length();
      double seconds = (System.nanoTime() - started) / 1e9;
      progress.accept(new Progress(s + 1, sequences.size(), columns.tokenCount(), seconds > 0 ? tokensRun / seconds : 0));
    }

    Labelling labelling = labeller.label(columns, labels);
    LogitEffects.Effects effects = LogitEffects.compute(model, sae, options.logitTokens(), tokenText);
    TopExamples examples = new TopExamples(new TopExamples.Sources(kept, sequenceOf.toArray(), positionOf.toArray(),
        tokenNumbers), options.topExamples(), options.windowBefore(), options.windowAfter());

    int n = columns.tokenCount();
    List<FeatureEntry> entries = new ArrayList<>(dSae);
    for (int f = 0; f < dSae; f++) {
      FeatureColumns.Column column = columns.column(f);
      FeatureLabel label = labelling.feature(f);
      entries.add(new FeatureEntry(f, label.label(), label.concept(), label.confidence(), label.conceptScores(), null,
          n == 0 ? Double.NaN : column.size() / (double) n, n == 0 ? Double.NaN : column.max(),
          label.meanActivationOnPositives(), label.meanActivationOnHardNegatives(), examples.of(column),
          effects.promoted().get(f), effects.suppressed().get(f),
          ActivationHistogram.of(column.values(), column.size(), options.histogramBins())));
    }

    Map<String, String> words = new LinkedHashMap<>();
    labels.concepts().forEach(c -> words.put(c, labeller.words(c)));
    DictionaryMetadata metadata = new DictionaryMetadata(null, null, sae.config().hookName(), dSae, null,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), sequences.size(), n, labeller.threshold(), words,
        labelling.bestFeatures());
    return new FeatureDictionary(metadata, entries);
  }

  private static LabelledSequence truncate(LabelledSequence s, int maxTokens) {
    if (s.length() <= maxTokens) {
      return s;
    }
    Map<String, boolean[]> positives = new LinkedHashMap<>();
    s.positives().forEach((c, f) -> positives.put(c, Arrays.copyOf(f, maxTokens)));
    Map<String, boolean[]> hard = new LinkedHashMap<>();
    s.hardNegatives().forEach((c, f) -> hard.put(c, Arrays.copyOf(f, maxTokens)));
    return new LabelledSequence(s.id(), Arrays.copyOf(s.tokens(), maxTokens), Arrays.copyOf(s.tokenTexts(), maxTokens),
        positives, hard);
  }

  /** Per position, the numbers of the concepts flagged there. */
  private static int[][] conceptRows(Map<String, boolean[]> flags, int length, ConceptLabels labels) {
    List<List<Integer>> rows = new ArrayList<>(length);
    for (int p = 0; p < length; p++) {
      rows.add(new ArrayList<>(0));
    }
    // Sorted by name so concept numbers do not depend on map order.
    flags.keySet().stream().sorted().forEach(concept -> {
      int c = labels.concept(concept);
      boolean[] f = flags.get(concept);
      for (int p = 0; p < length; p++) {
        if (f[p]) {
          rows.get(p).add(c);
        }
      }
    });
    int[][] out = new int[length][];
    for (int p = 0; p < length; p++) {
      out[p] = rows.get(p).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
