package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/**
 * RMSNorm (Llama, Gemma) or LayerNorm (GPT-2) over the last axis. Gemma's (1 + w) scaling is
 * folded into {@code weight} on load, so one formula serves both RMS families.
 *
 * @param weight [d]
 * @param bias [d] for LayerNorm, null for RMSNorm
 * @param eps added to the variance
 */
record Norm(NDArray weight, NDArray bias, float eps) {

  NDArray apply(NDArray x) {
    if (bias != null) {
      return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, eps).singletonOrThrow();
    }
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.div(meanSquare.add(eps).sqrt()).mul(weight);
  }
}
