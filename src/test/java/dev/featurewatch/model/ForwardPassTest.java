package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** KV-cache consistency and the semantics of per-request hooks. */
class ForwardPassTest {

  /** A prompt followed by the greedy continuation, as one sequence. */
  private static int[] sequence(String fixture) {
    Fixtures.Case c = Fixtures.cases(fixture).get(Fixtures.cases(fixture).size() - 1);
    int[] seq = new int[c.prompt().length + c.greedy().length];
    System.arraycopy(c.prompt(), 0, seq, 0, c.prompt().length);
    System.arraycopy(c.greedy(), 0, seq, c.prompt().length, c.greedy().length);
    return seq;
  }

  @ParameterizedTest
  @FieldSource("dev.featurewatch.testing.Fixtures#ALL")
  void prefillThenDecodeEqualsOneFullPrefill(String fixture) {
    int[] seq = sequence(fixture);
    try (Transformer model = Transformer.load(Fixtures.model(fixture))) {
      float[][] full;
      try (InferenceSession s = model.newSession()) {
        full = s.forwardAll(seq, Hooks.none());
      }
      try (InferenceSession s = model.newSession()) {
        int prefill = 5;
        float[][] first = s.forwardAll(java.util.Arrays.copyOf(seq, prefill), Hooks.none());
        for (int i = 0; i < prefill; i++) {
          assertArrayEquals(full[i], first[i], 1e-4f, fixture + " prefill position " + i);
        }
        for (int i = prefill; i < seq.length; i++) {
          float[] step = s.forward(seq[i]);
          assertArrayEquals(full[i], step, 1e-4f, fixture + " decode position " + i);
        }
        assertEquals(seq.length, s.position());
      }
    }
  }

  @Test
  void hooksThatReturnTheirInputChangeNothing() {
    int[] seq = sequence("tiny-gemma2");
    try (Transformer model = Transformer.load(Fixtures.model("tiny-gemma2"))) {
      Hooks.Builder identity = Hooks.builder();
      List<String> seen = new ArrayList<>();
      for (int layer = 0; layer < model.config().numLayers(); layer++) {
        for (HookPoint.Kind kind : HookPoint.Kind.values()) {
          if (kind != HookPoint.Kind.LN_FINAL) {
            identity.add(new HookPoint(kind, layer), (p, a, c) -> {
              seen.add(p.name());
              return a.add(0f); // a fresh array with the same values
            });
          }
        }
      }
      identity.add(HookPoint.lnFinal(), (p, a, c) -> a);
      float[][] plain;
      float[][] hooked;
      try (InferenceSession s = model.newSession()) {
        plain = s.forwardAll(seq, Hooks.none());
      }
      try (InferenceSession s = model.newSession()) {
        hooked = s.forwardAll(seq, identity.build());
      }
      for (int i = 0; i < seq.length; i++) {
        assertArrayEquals(plain[i], hooked[i], 0f);
      }
      assertEquals(5 * model.config().numLayers(), seen.size());
      assertTrue(seen.contains("blocks.2.hook_mlp_out"), seen.toString());
    }
  }

  @Test
  void hookSeesTokensAndPositionsAndCanSteer() {
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"))) {
      List<int[]> calls = new ArrayList<>();
      Hook record = (p, a, c) -> {
        assertEquals(a.getShape().get(0), c.length());
        assertEquals(model.config().hiddenSize(), a.getShape().get(1));
        calls.add(new int[] {c.startPosition(), c.length(), c.tokenIds()[0]});
        return a;
      };
      Hooks observe = Hooks.builder().add("blocks.2.hook_resid_post", record).build();
      float[] plain;
      try (InferenceSession s = model.newSession()) {
        s.forward(new int[] {1, 168, 488}, observe);
        plain = s.forward(new int[] {80}, observe);
      }
      assertArrayEquals(new int[] {0, 3, 1}, calls.get(0));
      assertArrayEquals(new int[] {3, 1, 80}, calls.get(1));

      // Adding a large vector to the residual stream must move the logits.
      Hooks steer = Hooks.builder().add("blocks.2.hook_resid_post", (p, a, c) -> a.add(3f)).build();
      try (InferenceSession s = model.newSession()) {
        s.forward(new int[] {1, 168, 488}, steer);
        float[] steered = s.forward(new int[] {80}, steer);
        assertTrue(Fixtures.maxAbsDiff(plain, steered) > 0.1, "steering had no effect");
      }
    }
  }

  @Test
  void concurrentRequestsNeverSeeEachOthersHooks() throws Exception {
    int[] prompt = {1, 168, 488, 80, 205, 336, 27, 40};
    Hooks steer = Hooks.builder().add("blocks.1.hook_resid_pre", (p, a, c) -> a.mul(1.5f)).build();
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"))) {
      Callable<int[]> plainRun = () -> greedy(model, prompt, Hooks.none(), 24);
      Callable<int[]> steeredRun = () -> greedy(model, prompt, steer, 24);
      int[] plainExpected = plainRun.call();
      int[] steeredExpected = steeredRun.call();
      assertTrue(!java.util.Arrays.equals(plainExpected, steeredExpected), "the steering hook should change the text");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<int[]>> plain = new ArrayList<>();
        List<Future<int[]>> steered = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          plain.add(pool.submit(plainRun));
          steered.add(pool.submit(steeredRun));
        }
        for (int i = 0; i < 8; i++) {
          assertArrayEquals(plainExpected, plain.get(i).get());
          assertArrayEquals(steeredExpected, steered.get(i).get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static int[] greedy(Transformer model, int[] prompt, Hooks hooks, int n) {
    try (InferenceSession s = model.newSession()) {
      int[] out = new int[n];
      float[] logits = s.forward(prompt, hooks);
      for (int i = 0; i < n; i++) {
        out[i] = Fixtures.argmax(logits);
        logits = s.forward(new int[] {out[i]}, hooks);
      }
      return out;
    }
  }

  @Test
  void badInputsAreClearErrors() {
    try (Transformer model = Transformer.load(Fixtures.model("tiny-gpt2")); InferenceSession s = model.newSession()) {
      IllegalArgumentException vocab = assertThrows(IllegalArgumentException.class, () -> s.forward(5, 96));
      assertTrue(vocab.getMessage().contains("token id 96 is outside the vocabulary [0, 96)"), vocab.getMessage());
      IllegalArgumentException depth = assertThrows(IllegalArgumentException.class,
          () -> s.forward(new int[] {5}, Hooks.builder().add("blocks.7.hook_resid_pre", (p, a, c) -> a).build()));
      assertTrue(depth.getMessage().contains("block 7") && depth.getMessage().contains("2 blocks"), depth.getMessage());
      Hooks wrongShape = Hooks.builder().add("blocks.0.hook_resid_post", (p, a, c) -> a.get("0")).build();
      IllegalStateException shape = assertThrows(IllegalStateException.class, () -> s.forward(new int[] {5, 6}, wrongShape));
      assertTrue(shape.getMessage().contains("blocks.0.hook_resid_post"), shape.getMessage());
      IllegalArgumentException positions = assertThrows(IllegalArgumentException.class, () -> s.forward(new int[65]));
      assertTrue(positions.getMessage().contains("64 learned positions"), positions.getMessage());
      assertThrows(IllegalArgumentException.class, () -> HookPoint.parse("blocks.0.hook_q"));
      assertEquals("blocks.12.hook_resid_mid", HookPoint.parse("blocks.12.hook_resid_mid").name());
    }
  }

  @Test
  void hooksDoNotLeakArraysIntoTheModel() {
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"))) {
      Hook makeGarbage = (p, a, c) -> {
        NDArray copy = a.mul(1f);
        return copy.add(0f);
      };
      Hooks hooks = Hooks.builder().add("blocks.0.hook_resid_post", makeGarbage).build();
      int before = MemoryProbe.liveArrays(model);
      for (int r = 0; r < 3; r++) {
        greedy(model, new int[] {1, 2, 3}, hooks, 20);
      }
      assertEquals(before, MemoryProbe.liveArrays(model));
    }
  }
}
