package dev.featurewatch.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Feature interventions through the runtime's hook, on stories260k with a tied random TopK SAE. */
class SteeringHookTest {
  static final int[] PROMPT = {1, 168, 488, 80, 205, 336, 27, 40, 423, 277};
  static final HookPoint HOOK = HookPoint.residPost(2);
  static Transformer model;
  static SparseAutoencoder sae;

  @BeforeAll
  static void load() {
    model = Transformer.load(Fixtures.model("stories260k"));
    SaeConfig config = new SaeConfig(SaeArchitecture.TOPK, 64, 256, 8, HOOK.name(), true, null, "stories260k");
    sae = SaeInitializer.random(config, null, 7, 0f);
  }

  @AfterAll
  static void close() {
    sae.close();
    model.close();
  }

  private static Hooks steer(FeatureIntervention... interventions) {
    return Hooks.builder().add(HOOK, new SteeringHook(sae, List.of(interventions))).build();
  }

  /** The strongest feature at the last prompt position. */
  private static int strongestFeature() {
    float[][] acts = ActivationRecorder.record(model, HOOK, PROMPT);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      return sae.encodeSparse(m.create(acts[acts.length - 1]).reshape(1, 64))[0].ids()[0];
    }
  }

  @Test
  void noOpInterventionChangesNothing() {
    float[][] plain;
    float[][] steered;
    try (InferenceSession s = model.newSession()) {
      plain = s.forwardAll(PROMPT, Hooks.none());
    }
    try (InferenceSession s = model.newSession()) {
      steered = s.forwardAll(PROMPT, steer(new FeatureIntervention(strongestFeature(), FeatureIntervention.Kind.MUL, 1f, 0)));
    }
    for (int i = 0; i < PROMPT.length; i++) {
      assertArrayEquals(plain[i], steered[i], 1e-5f);
    }
  }

  @Test
  void clampingToZeroSilencesTheFeatureFromItsPositionOnAndChangesTheLogits() {
    int feature = strongestFeature();
    int from = 4;
    ActivationRecorder after = new ActivationRecorder();
    Hooks hooks = Hooks.builder()
        .add(HOOK, new SteeringHook(sae, List.of(new FeatureIntervention(feature, FeatureIntervention.Kind.ABLATE, 0f, from))))
        .add(HOOK, after) // runs after the steering hook at the same point
        .build();
    float[][] plainLogits;
    float[][] steeredLogits;
    try (InferenceSession s = model.newSession()) {
      plainLogits = s.forwardAll(PROMPT, Hooks.none());
    }
    try (InferenceSession s = model.newSession()) {
      steeredLogits = s.forwardAll(PROMPT, hooks);
    }
    float[][] original = ActivationRecorder.record(model, HOOK, PROMPT);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      SparseFeatures[] before = sae.encodeSparse(m.create(original));
      for (int p = 0; p < PROMPT.length; p++) {
        float[] steeredRow = after.rows().get(p).activation();
        float reencoded = sae.encodeSparse(m.create(steeredRow).reshape(1, 64))[0].valueOf(feature);
        if (p < from) {
          assertArrayEquals(original[p], steeredRow, 0f, "position " + p + " precedes the intervention");
        } else {
          assertTrue(reencoded < 1e-3f + 1e-3f * before[p].valueOf(feature),
              "position " + p + ": feature re-encodes to " + reencoded + " (was " + before[p].valueOf(feature) + ")");
        }
      }
      assertTrue(before[PROMPT.length - 1].valueOf(feature) > 0, "the chosen feature is active where it is clamped");
    }
    assertTrue(Fixtures.maxAbsDiff(plainLogits[PROMPT.length - 1], steeredLogits[PROMPT.length - 1]) > 1e-3, "logits should change");
    assertArrayEquals(plainLogits[0], steeredLogits[0], 1e-5f);
  }

  @Test
  void kvCacheOnAndOffGiveTheSameTokens() {
    Hooks hooks = steer(FeatureIntervention.pin(strongestFeature(), 6f, 3), new FeatureIntervention(11, FeatureIntervention.Kind.NUDGE, 4f, 5));
    int n = 16;
    int[] cached = new int[n];
    try (InferenceSession s = model.newSession()) {
      float[] logits = s.forward(PROMPT, hooks);
      for (int i = 0; i < n; i++) {
        cached[i] = Fixtures.argmax(logits);
        logits = s.forward(new int[] {cached[i]}, hooks);
      }
    }
    int[] uncached = new int[n];
    int[] sequence = PROMPT.clone();
    for (int i = 0; i < n; i++) {
      try (InferenceSession s = model.newSession()) {
        float[][] all = s.forwardAll(sequence, hooks); // the whole sequence again: no cache
        uncached[i] = Fixtures.argmax(all[all.length - 1]);
      }
      sequence = Arrays.copyOf(sequence, sequence.length + 1);
      sequence[sequence.length - 1] = uncached[i];
    }
    assertArrayEquals(cached, uncached);
    int[] unsteered = new int[n];
    try (InferenceSession s = model.newSession()) {
      float[] logits = s.forward(PROMPT, Hooks.none());
      for (int i = 0; i < n; i++) {
        unsteered[i] = Fixtures.argmax(logits);
        logits = s.forward(unsteered[i]);
      }
    }
    assertTrue(!Arrays.equals(cached, unsteered), "pinning a feature at 6 should change the continuation");
  }

  @Test
  void invalidInterventionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new SteeringHook(sae, List.of(FeatureIntervention.pin(256, 1f, 0))));
    assertThrows(IllegalArgumentException.class, () -> new SteeringHook(sae,
        List.of(FeatureIntervention.pin(3, 1f, 0), new FeatureIntervention(3, FeatureIntervention.Kind.MUL, 2f, 0))));
    assertThrows(IllegalArgumentException.class, () -> FeatureIntervention.pin(3, Float.NaN, 0));
    assertEquals(FeatureIntervention.Kind.PIN, FeatureIntervention.pin(1, 1f, 0).kind());
  }
}
