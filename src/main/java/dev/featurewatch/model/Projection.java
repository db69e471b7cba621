package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * A dense projection y = x·Wᵀ + b in the engine's single fused call.
 *
 * @param weight [out, in] (Conv1D checkpoints are transposed on load as a view, not a copy)
 * @param bias [out] or null
 */
record Projection(NDArray weight, NDArray bias) {

  NDArray apply(NDArray x) {
    return Linear.linear(x, weight, bias).singletonOrThrow();
  }

  long outFeatures() {
    return weight.getShape().get(0);
  }
}
