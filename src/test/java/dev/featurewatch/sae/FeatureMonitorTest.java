package dev.featurewatch.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureMonitorTest {

  @Test
  void reportsEveryPositionsFeaturesSkipsBosAndChangesNothing() {
    HookPoint hook = HookPoint.residPost(2);
    int[] prompt = {1, 168, 488, 80, 205};
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"));
        SparseAutoencoder sae = SaeInitializer.random(new SaeConfig(SaeArchitecture.TOPK, 64, 256, 8, hook.name(), true, null, ""), null, 3, 0f);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      List<int[]> positions = new ArrayList<>();
      List<SparseFeatures> features = new ArrayList<>();
      Hooks hooks = Hooks.builder().add(hook, new FeatureMonitor(sae, Set.of(1), (pos, token, f) -> {
        positions.add(new int[] {pos, token});
        features.add(f);
      })).build();
      float[] monitored;
      float[] plain;
      try (InferenceSession s = model.newSession()) {
        s.forward(prompt, hooks);
        monitored = s.forward(new int[] {336}, hooks);
      }
      try (InferenceSession s = model.newSession()) {
        s.forward(prompt);
        plain = s.forward(336);
      }
      assertArrayEquals(plain, monitored, 0f);
      assertEquals(6, positions.size());
      assertArrayEquals(new int[] {5, 336}, positions.get(5));
      assertEquals(0, features.get(0).size(), "BOS is skipped");
      float[][] acts = ActivationRecorder.record(model, hook, new int[] {1, 168, 488, 80, 205, 336});
      for (int p = 1; p < 6; p++) {
        assertEquals(8, features.get(p).size());
        SparseFeatures expected = sae.encodeSparse(m.create(acts[p]).reshape(1, 64))[0];
        assertArrayEquals(expected.ids(), features.get(p).ids());
        assertArrayEquals(expected.values(), features.get(p).values(), 1e-4f);
      }
      assertTrue(features.get(5).values()[0] > 0);
    }
  }
}
