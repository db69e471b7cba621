package dev.featurewatch.organism.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Back-propagates a scalar loss on the calling thread, adding to the gradients on the leaves.
 * DJL's {@code GradientCollector} allows one collector per JVM, which would serialise training
 * threads; libtorch itself accumulates into a leaf's gradient under a lock, so several threads
 * may back-propagate into the same parameters at once.
 */
final class Backward {
  private Backward() {}

  /** d(loss)/d(leaves) added to each leaf's gradient; the graph is freed. */
  static void of(NDArray loss) {
    JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
  }
}
