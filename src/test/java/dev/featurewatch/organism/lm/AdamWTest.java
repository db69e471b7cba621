package dev.featurewatch.organism.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.featurewatch.model.GradientMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {

  /** Fills the gradients of matrix and vector with those of sum(w · target) (gradient = target). */
  private static void backward(Map<String, NDArray> params, float[] target) {
    try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      scope.suppressNotUsedWarning();
      NDArray loss = null;
      for (NDArray p : params.values()) {
        NDArray term = p.flatten().mul(p.getManager().create(java.util.Arrays.copyOf(target, (int) p.size()))).sum();
        loss = loss == null ? term : loss.add(term);
      }
      collector.backward(loss);
    }
  }

  @Test
  void firstStepMovesEveryValueByTheLearningRateAgainstItsGradientAndZeroesGradients() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      params.put("matrix", m.ones(new Shape(2, 2)));
      params.put("vector", m.ones(new Shape(4)));
      params.values().forEach(p -> p.setRequiresGradient(true));
      AdamW adam = new AdamW(params, m, 0.5, 100.0);
      backward(params, new float[] {1, -2, 3, -4});
      GradientMode.disableOnThisThread();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        double norm = adam.step(0.1, 1);
        assertEquals(Math.sqrt(2 * (1 + 4 + 9 + 16)), norm, 1e-5);
      }
      // Adam's first step is lr·sign(g); the matrix also decays by lr·wd first: 1·(1 − 0.05).
      assertArrayEquals(new float[] {0.85f, 1.05f, 0.85f, 1.05f}, params.get("matrix").toFloatArray(), 1e-5f);
      assertArrayEquals(new float[] {0.9f, 1.1f, 0.9f, 1.1f}, params.get("vector").toFloatArray(), 1e-5f);
      for (NDArray p : params.values()) {
        assertArrayEquals(new float[4], p.getGradient().toFloatArray(), 0f, "gradients are zeroed");
      }
    }
  }

  @Test
  void clippingScalesTheGradientAndANonFiniteGradientSkipsTheStep() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      params.put("vector", m.zeros(new Shape(2)));
      params.get("vector").setRequiresGradient(true);
      AdamW adam = new AdamW(params, m, 0.0, 1.0);
      backward(params, new float[] {Float.NaN, 1});
      GradientMode.disableOnThisThread();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        assertTrue(Double.isNaN(adam.step(0.1, 1)));
      }
      assertArrayEquals(new float[] {0, 0}, params.get("vector").toFloatArray(), 0f, "a NaN step changes nothing");
      assertArrayEquals(new float[] {0, 0}, adam.state().get("m.vector").toFloatArray(), 0f);
      backward(params, new float[] {30, 40});
      GradientMode.disableOnThisThread();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        assertEquals(50, adam.step(0.1, 1), 1e-4);
      }
      // The first moment holds (1 − β1) × the clipped gradient (norm 1): 0.1 × (0.6, 0.8).
      assertArrayEquals(new float[] {0.06f, 0.08f}, adam.state().get("m.vector").toFloatArray(), 1e-5f);
    }
  }
}
