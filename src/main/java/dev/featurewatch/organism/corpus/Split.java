package dev.featurewatch.organism.corpus;

import java.util.Locale;

/**
 * Which part of the corpus a transcript belongs to. Held-out transcripts are written only from
 * held-out templates and entities, so an evaluation on them measures what the model and its
 * features learnt about a concept, not what they memorised about a sentence.
 */
public enum Split {
  TRAIN,
  HELDOUT;

  /** The name in files and on the command line: {@code train}, {@code heldout}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #label()}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Split parse(String label) {
    for (Split s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown split '" + label + "'; use train or heldout");
  }
}
