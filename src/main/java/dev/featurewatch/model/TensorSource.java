package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Tensors by their Hugging Face names, as {@link TransformerWeights} reads them: a {@link
 * Checkpoint} on disk, or the arrays a training run updates in place ({@link
 * Transformer#overTensors}).
 */
public interface TensorSource {

  /** Whether a tensor of this name exists. */
  boolean contains(String name);

  /**
   * The tensor, as FLOAT32, after checking its shape.
   *
   * @param manager where a newly made array lives (a source may hand out arrays it already owns)
   * @param expectedShape the shape the architecture needs
   * @throws ModelLoadException naming the tensor if it is missing or has another shape
   */
  NDArray load(NDManager manager, String name, long... expectedShape);
}
