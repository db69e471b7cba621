package dev.featurewatch.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.SaeArchitecture;
import dev.featurewatch.sae.SaeConfig;
import dev.featurewatch.sae.SaeInitializer;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.SparseFeatures;
import dev.featurewatch.testing.CheckpointCopy;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder end to end on stories260k, with an SAE at {@code blocks.0.hook_resid_pre} (where the
 * activation is the token embedding itself) that has one planted feature: it fires exactly on one
 * token id, which the synthetic spans label as a concept.
 */
class DictionaryBuilderTest {
  static final int D_IN = 64;
  static final int D_SAE = 32;
  static final int PLANTED = 5;
  static final String HOOK = "blocks.0.hook_resid_pre";

  static Transformer model;
  static SparseAutoencoder sae;
  static float[][] embedding; // [vocab][d]
  static float[] normWeight;
  static int target; // the token the planted feature detects
  static int distractor; // a token labelled as its hard negative
  static List<LabelledSequence> sequences;
  static FeatureDictionary dictionary;

  @BeforeAll
  static void build() {
    Path dir = Fixtures.model("stories260k");
    model = Transformer.load(dir);
    CheckpointCopy weights = CheckpointCopy.of(dir);
    float[] e = weights.tensors.get("model.embed_tokens.weight").values();
    int vocab = model.config().vocabSize();
    embedding = new float[vocab][];
    for (int v = 0; v < vocab; v++) {
      embedding[v] = java.util.Arrays.copyOfRange(e, v * D_IN, (v + 1) * D_IN);
    }
    normWeight = weights.tensors.get("model.norm.weight").values();
    float threshold = chooseTarget();
    sae = plantedSae(threshold);
    sequences = sequences();
    AutoLabeller labeller = new AutoLabeller(0.8, 3, Map.of("planted", "planted token"));
    DictionaryBuilder builder = new DictionaryBuilder(model, sae, Set.of(1, 2), DictionaryBuilder.tokenTexts(null), labeller,
        new DictionaryBuilder.Options(4, 3, 2, 10, 8, 0));
    List<DictionaryBuilder.Progress> progress = new ArrayList<>();
    long started = System.nanoTime();
    dictionary = builder.build(sequences, progress::add);
    double seconds = (System.nanoTime() - started) / 1e9;
    long tokens = sequences.stream().mapToLong(LabelledSequence::length).sum();
    System.out.printf("dictionary build: %d sequences, %d tokens, d_sae %d in %.2f s: %.0f tokens/s (forward only: %.0f tokens/s)%n",
        sequences.size(), tokens, D_SAE, seconds, tokens / seconds, progress.get(progress.size() - 1).tokensPerSecond());
    assertEquals(sequences.size(), progress.size());
    assertEquals(sequences.size(), progress.get(progress.size() - 1).sequencesDone());
  }

  @AfterAll
  static void close() {
    sae.close();
    model.close();
  }

  /** A token whose embedding direction separates it from every other token's; returns the cut. */
  private static float chooseTarget() {
    for (int t = 3; t < embedding.length; t++) {
      double norm = norm(embedding[t]);
      double others = Double.NEGATIVE_INFINITY;
      for (int u = 0; u < embedding.length; u++) {
        if (u != t) {
          others = Math.max(others, dot(embedding[u], embedding[t]) / norm);
        }
      }
      if (norm - others > 0.1 * norm) {
        target = t;
        distractor = t + 1;
        return (float) ((norm + others) / 2);
      }
    }
    throw new AssertionError("no token separable by its own direction");
  }

  /** Random unit decoder rows, small random encoder, and feature PLANTED = 100·(ê_T·x − cut). */
  private static SparseAutoencoder plantedSae(float cut) {
    SaeConfig config = new SaeConfig(SaeArchitecture.TOPK, D_IN, D_SAE, 4, HOOK, false, null, "stories260k");
    float[] decoder;
    try (SparseAutoencoder random = SaeInitializer.random(config, null, 3, 0f)) {
      decoder = random.decoderWeight().toFloatArray();
    }
    SplittableRandom rng = new SplittableRandom(5);
    float[] encoder = new float[D_IN * D_SAE];
    for (int i = 0; i < encoder.length; i++) {
      encoder[i] = (float) (rng.nextDouble() - 0.5) * 0.2f;
    }
    float[] bias = new float[D_SAE];
    double norm = norm(embedding[target]);
    for (int j = 0; j < D_IN; j++) {
      encoder[j * D_SAE + PLANTED] = (float) (100 * embedding[target][j] / norm);
    }
    bias[PLANTED] = -100 * cut;
    NDManager m = NDManager.newBaseManager("PyTorch");
    return new SparseAutoencoder(config, m, m.create(encoder, new Shape(D_IN, D_SAE)), m.create(bias),
        m.create(decoder, new Shape(D_SAE, D_IN)), m.zeros(new Shape(D_IN)), null);
  }

  /** BOS + 40 random tokens, with the target and the distractor planted a few times each. */
  private static List<LabelledSequence> sequences() {
    SplittableRandom rng = new SplittableRandom(9);
    List<LabelledSequence> out = new ArrayList<>();
    for (int s = 0; s < 16; s++) {
      int n = 41;
      int[] tokens = new int[n];
      String[] texts = new String[n];
      boolean[] positive = new boolean[n];
      boolean[] hard = new boolean[n];
      boolean[] even = new boolean[n];
      tokens[0] = 1;
      for (int p = 1; p < n; p++) {
        int r = rng.nextInt(20);
        tokens[p] = r == 0 ? target : r == 1 ? distractor : 3 + rng.nextInt(500);
        if (tokens[p] == distractor && s == 3) {
          tokens[p] = target; // one sequence full of the target: examples are one per sequence
        }
      }
      for (int p = 0; p < n; p++) {
        texts[p] = "<" + tokens[p] + ">";
        positive[p] = tokens[p] == target;
        hard[p] = tokens[p] == distractor;
        even[p] = p % 2 == 0;
      }
      out.add(new LabelledSequence("seq-" + s, tokens, texts, Map.of("planted", positive, "even_position", even),
          Map.of("planted", hard)));
    }
    return out;
  }

  @Test
  void plantedFeatureIsLabelledAndSpecific() {
    FeatureEntry planted = dictionary.entry(PLANTED).orElseThrow();
    assertEquals("planted token", planted.label());
    assertEquals("planted", planted.concept());
    assertEquals(1.0, planted.confidence(), 1e-12);
    assertEquals(0.0, planted.meanActivationOnHardNegatives(), 0);
    assertTrue(planted.meanActivationOnPositives() > 0);
    assertEquals("<" + target + ">", planted.topExamples().get(0).tokens().get(planted.topExamples().get(0).maxTokenIndex()));

    DictionaryMetadata meta = dictionary.metadata();
    assertEquals(HOOK, meta.hookName());
    assertEquals(D_SAE, meta.dSae());
    assertEquals(16, meta.sequences());
    assertEquals(16 * 40, meta.tokensScored(), "BOS is not scored");
    assertEquals(Map.of("planted", "planted token", "even_position", "even position"), meta.conceptLabels());
    BestFeature best = meta.bestFeatures().stream().filter(b -> b.concept().equals("planted")).findFirst().orElseThrow();
    assertEquals(PLANTED, best.feature());
    assertEquals(1.0, best.auroc(), 1e-12);
  }

  @Test
  void statisticsMatchADirectEncoding() {
    // Encode every sequence again outside the builder and count per feature.
    long scored = 0;
    long[] nonZero = new long[D_SAE];
    float[] max = new float[D_SAE];
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      for (LabelledSequence s : sequences) {
        float[][] acts = ActivationRecorder.record(model, sae.config().hookPoint(), s.tokens());
        for (int p = 0; p < s.length(); p++) {
          if (s.tokens()[p] == 1) {
            continue;
          }
          scored++;
          SparseFeatures f = sae.encodeSparse(m.create(acts[p]).reshape(1, D_IN))[0];
          for (int j = 0; j < f.size(); j++) {
            nonZero[f.ids()[j]]++;
            max[f.ids()[j]] = Math.max(max[f.ids()[j]], f.values()[j]);
          }
        }
      }
    }
    assertEquals(D_SAE, dictionary.size());
    for (FeatureEntry e : dictionary.entries()) {
      int f = e.index();
      assertEquals(nonZero[f] / (double) scored, e.density(), 1e-12, "density of " + f);
      // One row at a time here, a whole sequence in the builder: float sums may differ in the last bits.
      assertEquals(max[f], e.maxActivation(), 1e-5 * max[f], "max of " + f);
      if (nonZero[f] == 0) {
        assertTrue(e.topExamples().isEmpty());
        assertEquals(null, e.histogram());
        continue;
      }
      assertEquals(nonZero[f], e.histogram().total());
      assertEquals(e.maxActivation(), e.histogram().edges()[e.histogram().edges().length - 1], 0);
      List<ActivationExample> examples = e.topExamples();
      assertTrue(examples.size() <= 4);
      assertEquals((float) e.maxActivation(), examples.get(0).maxValue(), 0f, "top example of " + f);
      for (int i = 1; i < examples.size(); i++) {
        assertTrue(examples.get(i - 1).maxValue() >= examples.get(i).maxValue(), "sorted, feature " + f);
      }
      Set<String> ids = new HashSet<>();
      for (ActivationExample x : examples) {
        assertTrue(ids.add(x.sequenceId()), "one example per sequence");
        float[] values = x.values();
        for (float v : values) {
          assertTrue(v <= x.maxValue(), "the centre is the window's strongest within its sequence");
        }
        LabelledSequence source = sequences.get(Integer.parseInt(x.sequenceId().substring(4)));
        int from = x.position() - x.maxTokenIndex();
        assertTrue(x.maxTokenIndex() <= 3 && x.tokens().size() - x.maxTokenIndex() - 1 <= 2, "window 3 + 1 + 2");
        for (int i = 0; i < x.tokens().size(); i++) {
          assertEquals(source.tokenTexts()[from + i], x.tokens().get(i));
        }
      }
    }
  }

  @Test
  void promotedTokensAreTheDecoderDirectionThroughTheFoldedUnembedding() {
    float[] decoder = sae.decoderWeight().toFloatArray();
    for (int f : new int[] {0, PLANTED, D_SAE - 1}) {
      double[] logits = new double[embedding.length];
      for (int v = 0; v < embedding.length; v++) {
        for (int j = 0; j < D_IN; j++) {
          logits[v] += (double) decoder[f * D_IN + j] * normWeight[j] * embedding[v][j];
        }
      }
      int[] order = IntStream.range(0, logits.length).boxed().sorted(Comparator.comparingDouble(v -> -logits[v]))
          .mapToInt(Integer::intValue).toArray();
      FeatureEntry e = dictionary.entry(f).orElseThrow();
      assertEquals(10, e.topPromoted().size());
      assertEquals(10, e.topSuppressed().size());
      for (int i = 0; i < 10; i++) {
        assertEquals("<" + order[i] + ">", e.topPromoted().get(i).token(), "promoted " + i + " of " + f);
        assertEquals(logits[order[i]], e.topPromoted().get(i).value(), 1e-4);
        int low = order[order.length - 1 - i];
        assertEquals("<" + low + ">", e.topSuppressed().get(i).token(), "suppressed " + i + " of " + f);
        assertEquals(logits[low], e.topSuppressed().get(i).value(), 1e-4);
      }
    }
  }

  @Test
  void builtDictionaryRoundTripsAndIsSearchable(@TempDir Path dir) {
    Path file = dir.resolve("dict.jsonl");
    DictionaryFiles.write(file, dictionary.withMetadata(dictionary.metadata().withOrigin("stories260k", "planted", "test")));
    FeatureDictionary read = DictionaryFiles.read(file);
    assertEquals(dictionary.entries(), read.entries());
    assertEquals("stories260k", read.metadata().modelName());
    try (DictionaryIndex index = DictionaryIndex.inMemory(read)) {
      assertArrayEquals(new int[] {PLANTED}, index.featureIds("label:\"planted token\" AND confidence:[0.99 TO 1]"));
      // Features that fire on the target among others are labelled too, with lower confidence.
      int[] labelled = index.featureIds("label:\"planted token\"");
      assertTrue(labelled.length > 1 && IntStream.of(labelled).anyMatch(i -> i == PLANTED));
      assertArrayEquals(labelled, index.featureIds("concept:planted"));
      assertTrue(IntStream.of(index.featureIds("tokens:" + target)).anyMatch(i -> i == PLANTED));
    }
  }

  @Test
  void longSequencesAreCut() {
    DictionaryBuilder builder = new DictionaryBuilder(model, sae, Set.of(1), DictionaryBuilder.tokenTexts(null),
        new AutoLabeller(), new DictionaryBuilder.Options(2, 1, 1, 3, 4, 10));
    FeatureDictionary cut = builder.build(sequences.subList(0, 2), p -> {});
    assertEquals(2 * 9, cut.metadata().tokensScored());
    assertEquals(3, cut.entry(0).orElseThrow().topPromoted().size());
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }
}
