package dev.featurewatch.organism.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Mean cross-entropy of next-token predictions: the language-modelling loss, in nats. */
public final class NextTokenLoss {
  private NextTokenLoss() {}

  /**
   * @param logits [n, vocab] after tokens 0..n−1 of a window
   * @param window the n + 1 tokens: position i is scored on predicting window[i + 1]
   */
  public static NDArray of(NDArray logits, int[] window) {
    long[] targets = new long[window.length - 1];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = window[i + 1];
    }
    NDArray index = logits.getManager().create(targets).reshape(targets.length, 1);
    return logits.logSoftmax(1).gather(index, 1).mean().neg();
  }

  /** The tokens the model reads: all but the last of the window. */
  public static int[] inputs(int[] window) {
    return java.util.Arrays.copyOf(window, window.length - 1);
  }

  /** A scalar loss as a double (outside autograd). */
  public static double value(NDArray loss) {
    return loss.toType(DataType.FLOAT64, false).getDouble();
  }
}
