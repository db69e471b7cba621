package dev.featurewatch.organism.lm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training windows cut from one long stream of packed transcripts. Which windows a step reads
 * depends only on (seed, step, index), so a run resumed from a checkpoint reads exactly what the
 * uninterrupted run would have.
 */
public final class TokenWindows {
  private final int[] tokens;
  private final int length;
  private final long seed;

  /**
   * @param tokens the packed token stream (each transcript starts with BOS)
   * @param length tokens per window: the model reads length − 1 and predicts the next of each
   */
  public TokenWindows(int[] tokens, int length, long seed) {
    if (tokens.length <= length) {
      throw new IllegalArgumentException("the token stream (" + tokens.length + ") must be longer than one window (" + length + ")");
    }
    this.tokens = tokens;
    this.length = length;
    this.seed = seed;
  }

  /** Window {@code index} of step {@code step}: a random offset into the stream. */
  public int[] window(int step, int index) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step * 1_000_003L + index);
    int start = random.nextInt(tokens.length - length + 1);
    return Arrays.copyOfRange(tokens, start, start + length);
  }

  /**
   * The k-th of n evenly spaced windows: a fixed evaluation set that covers the whole stream.
   */
  public int[] evenlySpaced(int k, int n) {
    long span = tokens.length - length;
    int start = (int) (span * k / Math.max(1, n - 1));
    return Arrays.copyOfRange(tokens, start, start + length);
  }

  /** Tokens in the stream. */
  public int size() {
    return tokens.length;
  }
}
