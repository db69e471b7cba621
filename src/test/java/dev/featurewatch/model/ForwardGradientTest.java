package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.featurewatch.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Gradients flow through the runtime's forward pass (masks, KV-cache writes, soft-capping and
 * all), so training can reuse it: a parameter added at a hook gets the gradient that finite
 * differences measure.
 */
class ForwardGradientTest {
  static final int[] PROMPT = {1, 17, 89, 57, 67, 68, 80, 6};

  private static double loss(Transformer model, NDArray shift) {
    try (InferenceSession s = model.newSession()) {
      Hooks hooks = Hooks.builder().add("blocks.0.hook_resid_post", (p, a, c) -> a.add(shift)).build();
      NDArray logits = s.logitsArray(PROMPT, hooks);
      return logits.logSoftmax(1).get("2:4, 5").sum().neg().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
  }

  @Test
  void hookParameterGradientMatchesFiniteDifferences() {
    for (String fixture : new String[] {"tiny-gemma2", "tiny-gpt2"}) {
      try (Transformer model = Transformer.load(Fixtures.model(fixture)); NDManager m = NDManager.newBaseManager("PyTorch")) {
        int d = model.config().hiddenSize();
        NDArray shift = m.zeros(new ai.djl.ndarray.types.Shape(d));
        shift.setRequiresGradient(true);
        float[] analytic;
        try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
          scope.suppressNotUsedWarning();
          try (InferenceSession s = model.newSession()) {
            Hooks hooks = Hooks.builder().add("blocks.0.hook_resid_post", (p, a, c) -> a.add(shift)).build();
            NDArray logits = s.logitsArray(PROMPT, hooks);
            collector.backward(logits.logSoftmax(1).get("2:4, 5").sum().neg());
          }
        }
        analytic = shift.getGradient().toFloatArray();
        GradientMode.disableOnThisThread();
        double h = 1e-2;
        double maxAbs = 0;
        for (int i = 0; i < d; i += Math.max(1, d / 8)) {
          float[] e = new float[d];
          e[i] = (float) h;
          double up = loss(model, m.create(e));
          e[i] = (float) -h;
          double down = loss(model, m.create(e));
          double numeric = (up - down) / (2 * h);
          assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), fixture + " dimension " + i);
          maxAbs = Math.max(maxAbs, Math.abs(analytic[i]));
        }
        assertTrue(maxAbs > 1e-3, fixture + ": the gradient should not vanish");
        for (float g : analytic) {
          assertTrue(Float.isFinite(g), fixture + ": finite gradient");
        }
      }
    }
  }
}
