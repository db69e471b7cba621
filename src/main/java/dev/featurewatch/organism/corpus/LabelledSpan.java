package dev.featurewatch.organism.corpus;

import java.util.Objects;

/**
 * Characters {@code [start, end)} of a transcript's rendered text that the corpus labels for one
 * concept. A positive span carries the concept; a negative span is its matched contrast, the
 * hard negative (the honest answer to the same question, the Sydney Harbour Bridge beside the
 * Golden Gate). Text under no span is an ordinary negative for every concept.
 *
 * @param start first character, inclusive
 * @param end last character, exclusive; greater than start
 * @param concept the concept labelled
 * @param positive whether these characters carry the concept (true) or contrast with it (false)
 */
public record LabelledSpan(int start, int end, Concept concept, boolean positive) {

  public LabelledSpan {
    Objects.requireNonNull(concept, "concept");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") is empty or negative");
    }
  }

  /** Characters covered. */
  public int length() {
    return end - start;
  }

  /** A shift of this span by {@code offset} characters, for moving it from a message into the rendered text. */
  LabelledSpan shift(int offset) {
    return new LabelledSpan(start + offset, end + offset, concept, positive);
  }
}
