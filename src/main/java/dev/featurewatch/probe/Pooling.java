package dev.featurewatch.probe;

import java.util.Locale;

/**
 * Which activation rows of a sequence a probe reads. Every kind skips a leading BOS row: the
 * first position's residual stream is huge and carries nothing about the text (it acts as an
 * attention sink), so it would swamp a mean and is a meaningless example on its own.
 */
public enum Pooling {
  /** One example per sequence: the last token's row, which has attended to the whole sequence. */
  LAST,
  /** One example per sequence: the mean of its rows. */
  MEAN,
  /** One example per token: for token-level labels ({@code token_labels}). */
  TOKEN;

  /** The name used on the command line and in {@code probe.json}: {@code last}, {@code mean}, {@code token}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #jsonName()}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Pooling parse(String name) {
    for (Pooling p : values()) {
      if (p.jsonName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown pooling '" + name + "'; use last, mean or token");
  }

  /** Whether a sequence gives one example (rather than one per token). */
  public boolean isSequenceLevel() {
    return this != TOKEN;
  }
}
