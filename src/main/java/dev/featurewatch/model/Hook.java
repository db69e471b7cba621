package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;

/**
 * Reads, and may replace, the activation at a {@link HookPoint} during one forward pass.
 *
 * <p>Hooks travel with a request ({@link Hooks}), never live on the shared model, so concurrent
 * requests never see each other's hooks. A hook runs on the inference thread inside the forward
 * pass's memory scope: arrays it creates are freed when the pass ends, so anything it wants to
 * keep it copies out (for example to a {@code float[]}).
 */
@FunctionalInterface
public interface Hook {

  /**
   * Called with the activation of the tokens of this pass.
   *
   * @param point where in the model
   * @param activation shape [tokens, d_model]; row i is the token at position {@code context.startPosition() + i}
   * @param context the tokens of this pass and where they stand in the sequence
   * @return {@code activation} itself to only observe, or a replacement of the same shape
   */
  NDArray apply(HookPoint point, NDArray activation, HookContext context);
}
