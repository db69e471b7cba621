package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.featurewatch.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationRecorderTest {

  @Test
  void recordsEveryRowWithItsPositionAndTokenAcrossPrefillAndDecode() {
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"))) {
      ActivationRecorder recorder = new ActivationRecorder();
      Hooks hooks = Hooks.builder().add("blocks.2.hook_resid_post", recorder).build();
      try (InferenceSession s = model.newSession()) {
        s.forward(new int[] {1, 168, 488}, hooks);
        s.forward(new int[] {80}, hooks);
      }
      List<ActivationRecorder.Row> rows = recorder.rows();
      assertEquals(4, rows.size());
      assertEquals(3, rows.get(3).position());
      assertEquals(80, rows.get(3).tokenId());
      assertEquals(64, rows.get(0).activation().length);

      // The same positions recorded in one pass: the KV cache gives the same activations.
      float[][] once = ActivationRecorder.record(model, HookPoint.residPost(2), new int[] {1, 168, 488, 80});
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(once[i], rows.get(i).activation(), 1e-5f);
      }
    }
  }
}
