package dev.featurewatch.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes on the real stories260k model (no tokenizer, so token ids): the concept is "the sequence
 * ends in token 300".
 */
class ProbeEndToEndTest {
  static final int BOS = 1;
  static final int MARKER = 300;
  static final HookPoint HOOK = HookPoint.parse("blocks.2.hook_resid_post");
  static final ProbeTrainer.Options OPTIONS =
      new ProbeTrainer.Options(HOOK, Pooling.LAST, 0.01, 0.2, new LogisticProbe.Options(1e-3, 500, true), 0);

  static Transformer model;

  @BeforeAll
  static void load() {
    model = Transformer.load(Fixtures.model("stories260k"));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /**
   * BOS and 8 to 24 random tokens (never the marker); every second sequence is a positive whose
   * last token is replaced by the marker, so both classes have the same lengths.
   */
  static List<LabelledExample> sequences(Random random, int n) {
    List<LabelledExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int length = 8 + random.nextInt(17);
      int[] tokens = new int[length + 1];
      tokens[0] = BOS;
      for (int j = 1; j <= length; j++) {
        int t;
        do {
          t = 3 + random.nextInt(509);
        } while (t == MARKER);
        tokens[j] = t;
      }
      int label = i % 2;
      if (label == 1) {
        tokens[length] = MARKER;
      }
      out.add(new LabelledExample("generated:" + (i + 1), tokens, label, null));
    }
    return out;
  }

  @Test
  void detectsTheMarkerAndScoresIdenticallyAfterSaveAndLoad(@TempDir Path dir) throws Exception {
    List<LabelledExample> data = sequences(new Random(1), 400);
    ProbeTrainer.Result result = ProbeTrainer.train(model, "stories260k", BOS, data, null, OPTIONS, line -> { });
    ProbeReport report = result.report();
    // Measured: held-out AUROC 0.9925, TPR at 1% FPR 0.95 (80 held-out sequences, 40 positive).
    // The bounds leave room for libtorch arithmetic differing between machines.
    assertTrue(report.auroc() > 0.97, "held-out AUROC " + report.auroc());
    assertTrue(report.tprAtTargetFpr() > 0.8, "held-out TPR at 1% FPR " + report.tprAtTargetFpr());
    assertEquals(80, report.holdoutExamples());
    assertEquals(40, report.holdoutPositives());
    assertEquals(320, report.trainExamples());
    assertEquals("holdout_negatives", report.calibrationSet());
    assertEquals(40, report.calibrationExamples());
    assertEquals(0.0, report.holdoutFprAtThreshold(), 0); // 40 negatives: 1% of them rounds to none
    assertEquals(report.tprAtTargetFpr(), report.holdoutTprAtThreshold(), 0);
    assertTrue(report.converged());

    Probe probe = result.probe();
    probe.save(dir);
    Probe loaded = Probe.load(dir, model.config(), "stories260k");
    assertEquals(HOOK, loaded.hookPoint());
    assertEquals(Pooling.LAST, loaded.pool());
    assertEquals(probe.bias(), loaded.bias(), 0);
    assertEquals(probe.threshold(), loaded.threshold(), 0);
    assertArrayEquals(probe.direction(), loaded.direction());
    assertEquals(report.auroc(), loaded.metrics().get("auroc").doubleValue(), 0);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("probe.json").toFile());
    assertEquals(1, json.get("format_version").asInt());
    assertEquals("blocks.2.hook_resid_post", json.get("hook_name").asText());
    assertEquals(64, json.get("d_in").asInt());
    assertEquals("last", json.get("pool").asText());
    assertEquals("stories260k", json.get("model_name").asText());
    assertEquals(0.01, json.get("target_fpr").asDouble(), 0);

    // The same scores, bit for bit, before and after the round trip, on fresh sequences.
    for (LabelledExample e : sequences(new Random(2), 20)) {
      float[][] rows = ActivationRecorder.record(model, HOOK, e.tokens());
      float[] last = rows[rows.length - 1];
      assertEquals(probe.score(last), loaded.score(last), 0);
    }
  }

  @Test
  void theHookScoresEveryRowAndLeavesTheActivationAlone() {
    List<LabelledExample> data = sequences(new Random(1), 200);
    Probe probe = ProbeTrainer.train(model, "stories260k", BOS, data, null, OPTIONS, line -> { }).probe();
    int[] positive = sequences(new Random(3), 2).get(1).tokens();
    ProbeHook hook = probe.newHook(BOS);
    float[] plain;
    float[] hooked;
    try (InferenceSession s = model.newSession()) {
      plain = s.forward(positive, Hooks.none());
    }
    try (InferenceSession s = model.newSession()) {
      hooked = s.forward(positive, Hooks.builder().add(HOOK, hook).build());
    }
    assertArrayEquals(plain, hooked, 0f);
    float[][] rows = ActivationRecorder.record(model, HOOK, positive);
    assertEquals(positive.length, hook.rows().size());
    for (int i = 0; i < rows.length; i++) {
      assertEquals(probe.score(rows[i]), hook.rows().get(i).score(), 1e-12);
      assertEquals(i, hook.rows().get(i).position());
    }
    assertEquals(probe.score(rows[rows.length - 1]), hook.sequenceScore(), 1e-12);
    assertTrue(hook.isFlagged(), "a sequence ending in the marker scores " + hook.sequenceScore());
  }

  @Test
  void meanPooledHookScoreEqualsScoringTheMeanActivation() {
    Random random = new Random(4);
    float[] w = new float[64];
    for (int j = 0; j < w.length; j++) {
      w[j] = (float) random.nextGaussian() * 0.3f;
    }
    Probe probe = new Probe(HOOK, w, -0.2, 0.5, 0.01, Pooling.MEAN, "stories260k", Map.of());
    int[] tokens = sequences(random, 1).get(0).tokens();
    ProbeHook hook = probe.newHook(BOS);
    try (InferenceSession s = model.newSession()) {
      s.forward(java.util.Arrays.copyOf(tokens, 5), Hooks.builder().add(HOOK, hook).build()); // prefill
      Hooks hooks = Hooks.builder().add(HOOK, hook).build();
      for (int i = 5; i < tokens.length; i++) {
        s.forward(new int[] {tokens[i]}, hooks); // then one token at a time, as in decoding
      }
    }
    ActivationSet pooled = new ActivationExtractor(model, HOOK, BOS)
        .extract(List.of(new LabelledExample("x:1", tokens, 0, null)), Pooling.MEAN, done -> { });
    assertEquals(probe.score(pooled.rows()[0]), hook.sequenceScore(), 1e-5);
  }

  @Test
  void shuffledLabelsGiveChanceLevelAuroc() {
    // A control: the same sequences with labels unrelated to the marker.
    Random random = new Random(5);
    List<LabelledExample> shuffled = new ArrayList<>();
    for (LabelledExample e : sequences(new Random(1), 400)) {
      shuffled.add(new LabelledExample(e.source(), e.tokens(), random.nextInt(2), null));
    }
    ProbeReport report = ProbeTrainer.train(model, "stories260k", BOS, shuffled, null, OPTIONS, line -> { }).report();
    assertTrue(report.auroc() < 0.7, "held-out AUROC with random labels " + report.auroc());
  }

  @Test
  void tokenLevelLabelsSkipBosAndCalibrateOnABenignSet() {
    // Token-level: label 1 exactly at the marker, wherever it is.
    Random random = new Random(6);
    List<LabelledExample> data = new ArrayList<>();
    for (LabelledExample e : sequences(random, 200)) {
      int[] tokens = e.tokens().clone();
      if (e.label() == 1) { // move the marker to a random position after BOS
        tokens[tokens.length - 1] = tokens[1];
        tokens[1 + random.nextInt(tokens.length - 1)] = MARKER;
      }
      int[] labels = new int[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        labels[i] = tokens[i] == MARKER ? 1 : 0;
      }
      data.add(new LabelledExample(e.source(), tokens, -1, labels));
    }
    List<LabelledExample> benign = sequences(new Random(7), 100).stream().filter(e -> e.label() == 0).toList();
    ProbeTrainer.Options options = new ProbeTrainer.Options(HOOK, null, 0.01, 0.2, OPTIONS.fit(), 0);
    ProbeReport report = ProbeTrainer.train(model, "stories260k", BOS, data, benign, options, line -> { }).report();
    assertEquals(Pooling.TOKEN, report.pool());
    assertEquals("benign", report.calibrationSet());
    int benignTokens = benign.stream().mapToInt(e -> e.tokens().length - 1).sum(); // every token but BOS
    assertEquals(benignTokens, report.calibrationExamples());
    assertTrue(report.calibrationFpr() <= 0.01);
    assertEquals(20, report.holdoutPositives()); // 20% of 100 positive sequences, one marker each
    assertTrue(report.auroc() > 0.97, "token-level held-out AUROC " + report.auroc());
  }

  @Test
  void loadingChecksTheWidthAgainstTheModel(@TempDir Path dir) throws Exception {
    new Probe(HOOK, new float[32], 0, 0.5, 0.01, Pooling.LAST, "other", Map.of()).save(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Probe.load(dir, model.config(), "stories260k"));
    assertEquals(dir + ": probe reads d_in 32 at blocks.2.hook_resid_post but model stories260k has hidden_size 64",
        e.getMessage());

    new Probe(HookPoint.residPost(7), new float[64], 0, 0.5, 0.01, Pooling.LAST, "other", Map.of()).save(dir);
    e = assertThrows(IllegalArgumentException.class, () -> Probe.load(dir, model.config(), "stories260k"));
    assertTrue(e.getMessage().contains("has 5 blocks"), e.getMessage());

    // probe.json and the tensor disagree.
    Path json = dir.resolve("probe.json");
    Files.writeString(json, Files.readString(json).replace("\"d_in\" : 64", "\"d_in\" : 65"));
    e = assertThrows(IllegalArgumentException.class, () -> Probe.load(dir));
    assertTrue(e.getMessage().contains("has shape [64] but probe.json says d_in 65"), e.getMessage());

    Files.writeString(json, Files.readString(json).replace("\"pool\" : \"last\"", "\"pool\" : \"max\""));
    e = assertThrows(IllegalArgumentException.class, () -> Probe.load(dir));
    assertTrue(e.getMessage().startsWith(json + ": field 'pool': unknown pooling 'max'"), e.getMessage());
  }

  @Test
  void tokensOutsideTheVocabularyNameTheirLine() {
    List<LabelledExample> data = List.of(new LabelledExample("train.jsonl:3", new int[] {1, 600}, 1, null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ActivationExtractor(model, HOOK, BOS).extract(data, Pooling.LAST, done -> { }));
    assertEquals("train.jsonl:3: field 'tokens[1]': token id 600 is outside the model's vocabulary [0, 512)", e.getMessage());
    List<LabelledExample> onlyBos = List.of(new LabelledExample("train.jsonl:4", new int[] {1}, 1, null));
    e = assertThrows(IllegalArgumentException.class,
        () -> new ActivationExtractor(model, HOOK, BOS).extract(onlyBos, Pooling.LAST, done -> { }));
    assertEquals("train.jsonl:4: field 'tokens' has no token after BOS", e.getMessage());
  }
}
