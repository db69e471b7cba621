package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Hook} that copies every row it sees to the Java heap, for training and evaluating
 * SAEs and probes on a model's activations. It only observes: the activation passes on
 * unchanged. One recorder belongs to one request (it is not thread-safe).
 */
public final class ActivationRecorder implements Hook {

  /**
   * One recorded row.
   *
   * @param position sequence position of the token
   * @param tokenId the token
   * @param activation the activation vector [d_model]
   */
  public record Row(int position, int tokenId, float[] activation) {}

  private final List<Row> rows = new ArrayList<>();

  @Override
  public NDArray apply(HookPoint point, NDArray activation, HookContext context) {
    int width = (int) activation.getShape().get(1);
    float[] flat = activation.toFloatArray();
    for (int i = 0; i < context.length(); i++) {
      float[] row = new float[width];
      System.arraycopy(flat, i * width, row, 0, width);
      rows.add(new Row(context.startPosition() + i, context.tokenIds()[i], row));
    }
    return activation;
  }

  /** Rows recorded so far, in the order the model produced them. */
  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** Forgets recorded rows. */
  public void clear() {
    rows.clear();
  }

  /**
   * Runs {@code tokens} through a fresh session and returns the activation of every position at
   * {@code point}, shape [tokens][d_model].
   */
  public static float[][] record(Transformer model, HookPoint point, int[] tokens) {
    ActivationRecorder recorder = new ActivationRecorder();
    try (InferenceSession session = model.newSession()) {
      session.forward(tokens, Hooks.builder().add(point, recorder).build());
    }
    float[][] out = new float[recorder.rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = recorder.rows.get(i).activation();
    }
    return out;
  }
}
