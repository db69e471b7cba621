package dev.featurewatch.dictionary;

import java.util.Map;

/**
 * One token sequence of a labelled evaluation set: what the dictionary builder runs through the
 * model, with the concept labels of each token.
 *
 * <p>Arrays are not copied; do not change them after handing them over.
 *
 * @param id names the sequence in max-activating examples (a corpus line's {@code id}, or
 *     {@code file:line})
 * @param tokens token ids, BOS included when the model expects it
 * @param tokenTexts each token as text, for examples; concatenated they give the sequence's text
 * @param positives concept → per token, whether it lies in a positive span of the concept
 * @param hardNegatives concept → per token, whether it lies in a hard-negative (distractor) span
 */
public record LabelledSequence(String id, int[] tokens, String[] tokenTexts, Map<String, boolean[]> positives,
    Map<String, boolean[]> hardNegatives) {

  public LabelledSequence {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("sequence " + id + " has no tokens");
    }
    if (tokenTexts.length != tokens.length) {
      throw new IllegalArgumentException("sequence " + id + " has " + tokens.length + " tokens but " + tokenTexts.length
          + " token texts");
    }
    positives = Map.copyOf(positives);
    hardNegatives = Map.copyOf(hardNegatives);
    for (Map<String, boolean[]> flags : java.util.List.of(positives, hardNegatives)) {
      flags.forEach((concept, f) -> {
        if (f.length != tokens.length) {
          throw new IllegalArgumentException("sequence " + id + ": concept " + concept + " flags " + f.length
              + " tokens of " + tokens.length);
        }
      });
    }
  }

  /** A sequence without concept labels (it still counts towards density and examples). */
  public static LabelledSequence unlabelled(String id, int[] tokens, String[] tokenTexts) {
    return new LabelledSequence(id, tokens, tokenTexts, Map.of(), Map.of());
  }

  /** Number of tokens. */
  public int length() {
    return tokens.length;
  }
}
