package dev.featurewatch.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.engine.SequenceSampler;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.SpecialTokens;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run: a TopK SAE (d_sae 512, k 16) trained on stories260k's
 * blocks.2.hook_resid_post over sequences sampled from the model itself.
 */
class SaeTrainingTest {
  static final HookPoint HOOK = HookPoint.residPost(2);
  static Transformer model;
  static Corpus train;
  static Corpus heldOut;
  static Set<Integer> special;

  @TempDir static Path temp;

  @BeforeAll
  static void sampleCorpus() {
    model = Transformer.load(Fixtures.model("stories260k"));
    special = SpecialTokens.of(model.config(), null);
    List<int[]> sequences = SequenceSampler.sample(model, 200, 127, 1.0, 1000, done -> { });
    Corpus all = Corpus.of(sequences);
    Corpus[] parts = all.split(0.8);
    train = parts[0];
    heldOut = parts[1];
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void topKSaeReachesTheAcceptanceFigures() throws Exception {
    Path out = temp.resolve("sae");
    List<TrainingStatus> statuses = new ArrayList<>();
    TrainingConfig config = TrainingConfig.topK(512, 16).withEpochs(Integer.getInteger("epochs", 16)).withBatchSize(Integer.getInteger("batch", 128));
    new SaeTrainer(model, HOOK, train, special, config, out, statuses::add, "stories260k").train(false);
    for (int i = 0; i < statuses.size(); i += Math.max(1, statuses.size() / 12)) {
      System.out.println("train " + statuses.get(i));
    }
    assertTrue(Files.exists(out.resolve("cfg.json")) && Files.exists(out.resolve("sae_weights.safetensors"))
        && Files.exists(out.resolve("sparsity.safetensors")), "SAELens layout written");
    assertEquals(statuses.get(statuses.size() - 1).totalSteps(), statuses.get(statuses.size() - 1).step());

    try (SparseAutoencoder sae = SparseAutoencoder.loadFor(out, model.config(), null)) {
      SaeEvaluation eval = new SaeEvaluator(model, sae, special).evaluate(heldOut);
      System.out.println("stories260k TopK SAE d_sae 512 k 16, held-out: " + eval.toJson());
      assertTrue(eval.l0() <= 16.0 + 1e-9, "L0 " + eval.l0());
      assertTrue(eval.explainedVariance() >= 0.9, "explained variance " + eval.explainedVariance());
      assertTrue(eval.ceLossScore() >= 0.9, "CE loss recovered " + eval.ceLossScore());
      assertTrue(eval.ceLossWithSae() < eval.ceLossWithAblation());
    }
  }

  @Test
  void interruptedRunResumesFromItsCheckpoint() {
    Path out = temp.resolve("resumed");
    TrainingConfig config = TrainingConfig.topK(128, 8).withEpochs(2).withBatchSize(256).withCheckpointEvery(10);
    SaeTrainer trainer = new SaeTrainer(model, HOOK, train, special, config, out, status -> {
      if (status.step() == 25) {
        throw new IllegalStateException("simulated crash");
      }
    }, "stories260k");
    assertThrows(IllegalStateException.class, () -> trainer.train(true));
    assertTrue(SaeTrainer.hasCheckpoint(out));

    List<Long> steps = new ArrayList<>();
    new SaeTrainer(model, HOOK, train, special, config, out, status -> steps.add(status.step()), "stories260k").train(true);
    assertEquals(21, steps.get(0), "resumes after the step-20 checkpoint");
    assertEquals(trainer.plannedSteps(), steps.get(steps.size() - 1));
    try (SparseAutoencoder sae = SparseAutoencoder.load(out)) {
      assertEquals(128, sae.config().dSae());
    }
  }
}
