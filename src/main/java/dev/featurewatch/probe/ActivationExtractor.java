package dev.featurewatch.probe;

import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs labelled sequences through a model and turns the activations at one hook into probe
 * examples, pooled as the probe will read them at runtime.
 *
 * <p>A leading BOS row is never an example and never pooled: its residual stream is orders of
 * magnitude larger than other positions and the same for every sequence, so it carries no signal
 * and would dominate a mean. A sequence must keep at least one token after it.
 */
public final class ActivationExtractor {
  private final Transformer model;
  private final HookPoint point;
  private final int bosTokenId;

  /**
   * @param model the model
   * @param point where to read
   * @param bosTokenId the BOS id to skip at position 0, or -1 when the model has none
   */
  public ActivationExtractor(Transformer model, HookPoint point, int bosTokenId) {
    this.model = model;
    this.point = point;
    this.bosTokenId = bosTokenId;
  }

  /** First position read from {@code tokens}: 1 when position 0 is BOS, else 0. */
  public static int firstPosition(int[] tokens, int bosTokenId) {
    return bosTokenId >= 0 && tokens.length > 0 && tokens[0] == bosTokenId ? 1 : 0;
  }

  /**
   * Extracts labelled examples: one row per sequence for {@link Pooling#LAST} and {@link
   * Pooling#MEAN} (which need sequence-level labels), one per token after BOS for {@link
   * Pooling#TOKEN} (which needs token-level labels).
   *
   * @param progress told the number of sequences done after each one
   * @throws IllegalArgumentException naming the example's file and line if its tokens do not fit
   *     the model or its kind of label does not fit {@code pool}
   */
  public ActivationSet extract(List<LabelledExample> examples, Pooling pool, IntConsumer progress) {
    return extract(examples, pool, progress, true);
  }

  /**
   * Extracts a benign set: like {@link #extract}, but every row is labelled 0 and, for {@link
   * Pooling#TOKEN}, every token after BOS is a row whatever the example's labels.
   */
  public ActivationSet extractBenign(List<LabelledExample> examples, Pooling pool, IntConsumer progress) {
    return extract(examples, pool, progress, false);
  }

  private ActivationSet extract(List<LabelledExample> examples, Pooling pool, IntConsumer progress, boolean useLabels) {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int done = 0;
    for (LabelledExample e : examples) {
      if (useLabels && e.isTokenLevel() != (pool == Pooling.TOKEN)) {
        throw new IllegalArgumentException(e.source() + ": " + (e.isTokenLevel()
            ? "token-level 'token_labels' cannot be pooled " + pool.jsonName() + "; token-level probes read every token"
            : "a sequence-level 'label' needs pooling last or mean"));
      }
      int[] tokens = e.tokens();
      checkTokens(e);
      int from = firstPosition(tokens, bosTokenId);
      if (from >= tokens.length) {
        throw new IllegalArgumentException(e.source() + ": field 'tokens' has no token after BOS");
      }
      float[][] acts;
      try {
        acts = ActivationRecorder.record(model, point, tokens);
      } catch (IllegalArgumentException ex) { // e.g. too long for learned positions: say which example
        throw new IllegalArgumentException(e.source() + ": " + ex.getMessage(), ex);
      }
      switch (pool) {
        case LAST -> {
          rows.add(acts[tokens.length - 1]);
          labels.add(useLabels ? e.label() : 0);
        }
        case MEAN -> {
          rows.add(mean(acts, from));
          labels.add(useLabels ? e.label() : 0);
        }
        case TOKEN -> {
          for (int i = from; i < tokens.length; i++) {
            rows.add(acts[i]);
            labels.add(useLabels ? e.tokenLabels()[i] : 0);
          }
        }
        default -> throw new IllegalStateException(pool.name());
      }
      progress.accept(++done);
    }
    int[] y = new int[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new ActivationSet(rows.toArray(new float[0][]), y);
  }

  /** The model would reject these too, but without saying which line of which file they came from. */
  private void checkTokens(LabelledExample e) {
    int vocab = model.config().vocabSize();
    int[] tokens = e.tokens();
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] >= vocab) {
        throw new IllegalArgumentException(e.source() + ": field 'tokens[" + i + "]': token id " + tokens[i]
            + " is outside the model's vocabulary [0, " + vocab + ")");
      }
    }
  }

  private static float[] mean(float[][] rows, int from) {
    int width = rows[from].length;
    double[] sum = new double[width];
    for (int r = from; r < rows.length; r++) {
      for (int j = 0; j < width; j++) {
        sum[j] += rows[r][j];
      }
    }
    float[] out = new float[width];
    int n = rows.length - from;
    for (int j = 0; j < width; j++) {
      out[j] = (float) (sum[j] / n);
    }
    return out;
  }
}
