package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * 10,000 decode steps keep native memory flat: every per-step array is freed with its pass.
 * Surefire runs this class alone in a JVM with a fixed, pre-touched heap (the pom's
 * {@code native-memory} execution), so RSS growth is native growth and not the heap expanding.
 */
class DecodeMemoryTest {
  static final int STEPS = 10_000;
  static final int STEPS_PER_SESSION = 500;

  @Test
  void tenThousandDecodeStepsKeepRssFlat() throws Exception {
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"))) {
      int liveBefore = MemoryProbe.liveArrays(model);
      long rssAfterWarmup = 0;
      int step = 0;
      while (step < STEPS) {
        try (InferenceSession s = model.newSession()) {
          float[] logits = s.forward(1);
          for (int i = 0; i < STEPS_PER_SESSION && step < STEPS; i++, step++) {
            logits = s.forward(Fixtures.argmax(logits));
          }
        }
        if (step == 2 * STEPS_PER_SESSION) {
          rssAfterWarmup = MemoryProbe.residentKiB();
        }
      }
      long rssEnd = MemoryProbe.residentKiB();
      System.out.printf("RSS after %d steps: %d KiB, after %d steps: %d KiB (growth %d KiB)%n",
          2 * STEPS_PER_SESSION, rssAfterWarmup, STEPS, rssEnd, rssEnd - rssAfterWarmup);
      assertEquals(liveBefore, MemoryProbe.liveArrays(model), "arrays outlived their sessions");
      // A leak of one pass's activations would be ~100 KiB a step, 800 MiB over this run.
      assertTrue(rssEnd - rssAfterWarmup < 64 * 1024, "RSS grew by " + (rssEnd - rssAfterWarmup) + " KiB");
    }
  }
}
