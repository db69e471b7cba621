package dev.featurewatch.organism.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), updating parameters in place from
 * the gradients autograd left on them, after clipping their global norm. Matrices decay; norm
 * weights and biases (vectors) do not.
 */
public final class AdamW {
  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.95f;
  static final float EPSILON = 1e-8f;
  private static final NDIndex ALL = new NDIndex("...");

  private final Map<String, NDArray> parameters;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private final double weightDecay;
  private final double clipNorm;

  /**
   * @param parameters updated in place; moments are created beside them in {@code manager}
   */
  public AdamW(Map<String, NDArray> parameters, NDManager manager, double weightDecay, double clipNorm) {
    this.parameters = parameters;
    this.weightDecay = weightDecay;
    this.clipNorm = clipNorm;
    parameters.forEach((name, p) -> {
      firstMoments.put(name, manager.zeros(p.getShape()));
      secondMoments.put(name, manager.zeros(p.getShape()));
    });
  }

  /**
   * One step from the gradients on the parameters, which are then zeroed. Call with gradients
   * off and inside an {@code NDScope} (temporaries are freed with it).
   *
   * @param step counted from 1 (bias correction)
   * @return the global gradient norm before clipping; if it is not finite the step is skipped
   */
  public double step(double learningRate, long step) {
    Map<String, NDArray> gradients = new LinkedHashMap<>();
    double squares = 0;
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray g = e.getValue().getGradient();
      gradients.put(e.getKey(), g);
      squares += g.square().sum().toType(DataType.FLOAT64, false).getDouble();
    }
    double norm = Math.sqrt(squares);
    if (Double.isFinite(norm)) {
      float scale = (float) Math.min(1.0, clipNorm / (norm + 1e-6));
      float correction1 = (float) (1 - Math.pow(BETA1, step));
      float correction2 = (float) (1 - Math.pow(BETA2, step));
      for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
        NDArray value = e.getValue();
        NDArray g = gradients.get(e.getKey()).mul(scale);
        NDArray m = firstMoments.get(e.getKey());
        NDArray v = secondMoments.get(e.getKey());
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.square().mul(1 - BETA2));
        if (weightDecay > 0 && value.getShape().dimension() >= 2) {
          value.muli((float) (1 - learningRate * weightDecay));
        }
        NDArray update = m.div(correction1).div(v.div(correction2).sqrt().add(EPSILON));
        value.subi(update.mul((float) learningRate));
      }
    }
    // Written in place: autograd accumulates the next step's gradients into these very tensors.
    gradients.values().forEach(g -> g.set(ALL, 0f));
    return norm;
  }

  /** The moments by "m." / "v." + parameter name, for checkpoints. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    firstMoments.forEach((name, m) -> state.put("m." + name, m));
    secondMoments.forEach((name, v) -> state.put("v." + name, v));
    return state;
  }
}
