package dev.featurewatch.dictionary;

import dev.featurewatch.sae.SparseFeatures;
import java.util.Arrays;

/**
 * The non-zero activations of every feature over a sequence of scored tokens, stored per feature
 * (column-wise) because every statistic the dictionary needs is per feature. Tokens are numbered
 * 0, 1, 2, … in the order they are added, so each column is in token order.
 *
 * <p>Memory is proportional to the non-zero count: 8 bytes per activation, up to twice that while
 * the columns grow by doubling, so a TopK SAE with k = 32 over 200,000 tokens takes 51 to 100 MB
 * whatever d_sae is (75 MB measured). Not thread-safe while filling.
 */
public final class FeatureColumns {
  private final int[][] tokens;
  private final float[][] values;
  private final int[] sizes;
  private int tokenCount;

  /** Empty columns for an SAE of {@code dSae} features. */
  public FeatureColumns(int dSae) {
    if (dSae <= 0) {
      throw new IllegalArgumentException("d_sae must be positive, got " + dSae);
    }
    tokens = new int[dSae][];
    values = new float[dSae][];
    sizes = new int[dSae];
  }

  /**
   * Adds the next scored token's active features. Only positive activations count as firing.
   *
   * @return the token's number
   */
  public int add(SparseFeatures features) {
    return add(features.ids(), features.values());
  }

  /** Adds the next scored token: feature {@code ids[j]} has activation {@code activations[j]}. */
  public int add(int[] ids, float[] activations) {
    if (ids.length != activations.length) {
      throw new IllegalArgumentException(ids.length + " feature ids but " + activations.length + " values");
    }
    int token = tokenCount++;
    for (int j = 0; j < ids.length; j++) {
      float v = activations[j];
      if (v > 0) {
        append(ids[j], token, v);
      }
    }
    return token;
  }

  private void append(int feature, int token, float v) {
    if (feature < 0 || feature >= sizes.length) {
      throw new IllegalArgumentException("feature " + feature + " is outside d_sae " + sizes.length);
    }
    int n = sizes[feature];
    if (tokens[feature] == null) {
      tokens[feature] = new int[8];
      values[feature] = new float[8];
    } else if (n == tokens[feature].length) {
      tokens[feature] = Arrays.copyOf(tokens[feature], n * 2);
      values[feature] = Arrays.copyOf(values[feature], n * 2);
    }
    if (n > 0 && tokens[feature][n - 1] == token) {
      throw new IllegalArgumentException("feature " + feature + " appears twice in one token");
    }
    tokens[feature][n] = token;
    values[feature][n] = v;
    sizes[feature] = n + 1;
  }

  /** Number of features. */
  public int dSae() {
    return sizes.length;
  }

  /** Number of tokens added. */
  public int tokenCount() {
    return tokenCount;
  }

  /** Number of tokens on which {@code feature} fires. */
  public int nonZeroCount(int feature) {
    return sizes[feature];
  }

  /** Where {@code feature} fires: token numbers ascending, with its activation on each. */
  public Column column(int feature) {
    int n = sizes[feature];
    return n == 0 ? Column.EMPTY : new Column(Arrays.copyOf(tokens[feature], n), Arrays.copyOf(values[feature], n));
  }

  /**
   * One feature's non-zero activations.
   *
   * @param tokens token numbers, ascending
   * @param values the activation on each, all &gt; 0
   */
  public record Column(int[] tokens, float[] values) {
    static final Column EMPTY = new Column(new int[0], new float[0]);

    /** Number of non-zero activations. */
    public int size() {
      return tokens.length;
    }

    /** The activation on token {@code token}, 0 where the feature does not fire. */
    public float valueAt(int token) {
      int i = Arrays.binarySearch(tokens, token);
      return i >= 0 ? values[i] : 0f;
    }

    /** The largest activation, 0 for an empty column. */
    public float max() {
      float max = 0;
      for (float v : values) {
        max = Math.max(max, v);
      }
      return max;
    }
  }
}
