package dev.featurewatch.organism.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SyntheticCheckpoint;
import dev.featurewatch.model.Transformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer learns (attention included), and a resumed run is the same run. */
class LmTrainerTest {
  static final SyntheticCheckpoint.Shape SHAPE = new SyntheticCheckpoint.Shape(32, 64, 2, 4, 2, 24, 256);

  /** A stream a model can learn: "1 a b c … " runs where each token is the previous plus 1 (mod 20). */
  static int[] countingStream(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = new int[length];
    int next = 0;
    for (int i = 0; i < length; i++) {
      if (random.nextInt(16) == 0) {
        tokens[i] = 1;
        next = 4 + random.nextInt(20);
      } else {
        tokens[i] = next;
        next = 4 + (next - 4 + 1) % 20;
      }
    }
    return tokens;
  }

  static LmTrainingConfig config(int steps) {
    return new LmTrainingConfig(33, 2, steps, 1e-2, 0.1, 5, 0.01, 1.0, 7, 10, 4, 15, 1);
  }

  /**
   * BOS, six random tokens, a separator, the same six again: the second half can only be
   * predicted by attending back to the first, so this fails unless attention itself learns.
   */
  static int[] copyStream(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = new int[length];
    int i = 0;
    while (i < length) {
      int[] half = new int[6];
      for (int j = 0; j < half.length; j++) {
        half[j] = 4 + random.nextInt(20);
      }
      int[] document = new int[14];
      document[0] = 1;
      System.arraycopy(half, 0, document, 1, 6);
      document[7] = 3;
      System.arraycopy(half, 0, document, 8, 6);
      for (int j = 0; j < document.length && i < length; j++) {
        tokens[i++] = document[j];
      }
    }
    return tokens;
  }

  @Test
  void attentionLearnsToCopyOnTwoThreadsAndTheSavedModelDoesIt(@TempDir Path dir) {
    SyntheticCheckpoint.writeLlama(dir.resolve("model"), new SyntheticCheckpoint.Shape(64, 128, 2, 4, 4, 24, 256), 3,
        SafetensorsDType.F32);
    List<LmTrainingStatus> statuses = new ArrayList<>();
    LmRunSummary summary;
    try (TrainableParameters parameters = TrainableParameters.load(dir.resolve("model"))) {
      LmTrainingConfig config = new LmTrainingConfig(113, 4, 500, 3e-3, 0.1, 20, 0.1, 1.0, 1, 50, 4, 1000, 2);
      LmTrainer trainer = new LmTrainer(parameters, new TokenWindows(copyStream(20000, 1), 113, 1),
          new TokenWindows(copyStream(5000, 2), 113, 1), config, dir.resolve("ckpt"), statuses::add);
      summary = trainer.train();
      parameters.save(dir.resolve("model/model.safetensors"));
    }
    assertEquals(500, statuses.size());
    assertTrue(summary.initialHeldOutLoss() > 2.8, "random init is near ln(24): " + summary.initialHeldOutLoss());
    // Six of every fourteen tokens are random (ln 20 ≈ 3.0 each): a perfect copier sits near 1.3.
    assertTrue(summary.heldOutLoss() < 1.7, "learnt to copy: held-out loss " + summary.heldOutLoss());
    // The saved model is an ordinary model directory that continues a copy it has never seen.
    try (Transformer model = Transformer.load(dir.resolve("model")); InferenceSession session = model.newSession()) {
      float[] logits = session.forward(1, 5, 9, 13, 7, 20, 11, 3, 5, 9, 13);
      assertEquals(7, argmax(logits));
    }
  }

  @Test
  void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    SyntheticCheckpoint.writeLlama(dir.resolve("model"), SHAPE, 3, SafetensorsDType.F32);
    float[] uninterrupted = run(dir, "a", 30, 30);
    float[] interrupted = run(dir, "b", 30, 15); // stops after the checkpoint at step 15
    float[] resumed = run(dir, "b", 30, 30);
    assertTrue(Files.exists(dir.resolve("b")));
    assertTrue(interrupted.length > 0);
    assertArrayEquals(uninterrupted, resumed, 1e-5f);
  }

  @Test
  void aTwoWorkerRunIsBitwiseReproducible(@TempDir Path dir) {
    SyntheticCheckpoint.writeLlama(dir.resolve("model"), SHAPE, 3, SafetensorsDType.F32);
    LmTrainingConfig twoWorkers = new LmTrainingConfig(33, 6, 12, 1e-2, 0.1, 2, 0.01, 1.0, 7, 10, 4, 100, 2);
    float[] first = run(dir, "a", twoWorkers, Integer.MAX_VALUE);
    float[] second = run(dir, "b", twoWorkers, Integer.MAX_VALUE);
    float[] initial;
    try (TrainableParameters parameters = TrainableParameters.load(dir.resolve("model"))) {
      initial = parameters.byName().get("model.layers.0.mlp.up_proj.weight").toFloatArray();
    }
    assertFalse(java.util.Arrays.equals(initial, first), "training changed the weights");
    assertArrayEquals(first, second, "the same two-worker run twice gives identical weights");
  }

  /** Trains toward {@code steps} but stops once {@code stopAfter} steps are done, as a kill would. */
  private static float[] run(Path dir, String checkpoint, int steps, int stopAfter) {
    return run(dir, checkpoint, config(steps), stopAfter);
  }

  private static float[] run(Path dir, String checkpoint, LmTrainingConfig config, int stopAfter) {
    int steps = config.steps();
    try (TrainableParameters parameters = TrainableParameters.load(dir.resolve("model"))) {
      LmTrainer trainer = new LmTrainer(parameters, new TokenWindows(countingStream(4000, 1), 33, 7),
          new TokenWindows(countingStream(1000, 2), 33, 7), config, dir.resolve(checkpoint), s -> {
            if (s.step() == stopAfter && stopAfter < steps) {
              throw new Interrupted();
            }
          });
      try {
        trainer.train();
      } catch (Interrupted expected) {
        // the checkpoint at step 15 is on disk
      }
      return parameters.byName().get("model.layers.0.mlp.up_proj.weight").toFloatArray();
    }
  }

  private static final class Interrupted extends RuntimeException {}

  private static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
