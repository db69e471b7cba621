package dev.featurewatch.model;

/**
 * Token ids of a text with the character range each came from (see {@link
 * TextTokenizer#encodeWithOffsets}).
 *
 * @param ids token ids
 * @param starts per token, the UTF-16 index in the text where it starts (inclusive)
 * @param ends per token, where it ends (exclusive); equal to the start for a token with no text,
 *     such as a prepended BOS
 */
public record EncodedText(int[] ids, int[] starts, int[] ends) {

  public EncodedText {
    if (starts.length != ids.length || ends.length != ids.length) {
      throw new IllegalArgumentException(ids.length + " ids but " + starts.length + " starts and " + ends.length + " ends");
    }
  }

  /** Number of tokens. */
  public int length() {
    return ids.length;
  }

  /** Whether token {@code i}'s range overlaps the range [start, end) of the text. */
  public boolean overlaps(int i, int start, int end) {
    return starts[i] < ends[i] && starts[i] < end && start < ends[i];
  }
}
