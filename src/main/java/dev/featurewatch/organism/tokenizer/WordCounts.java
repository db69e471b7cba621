package dev.featurewatch.organism.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each pre-tokenized word occurs in a corpus: all BPE training needs from the text.
 * Special tokens are dropped here, so they never take part in a merge.
 *
 * <p>Not thread-safe; one instance counts one corpus.
 */
public final class WordCounts {

  /** A mutable counter, so that counting a word seen before allocates nothing. */
  private static final class Count {
    long value;
  }

  private final PreTokenizer preTokenizer;
  private final Map<String, Count> counts = new HashMap<>();
  private long texts;
  private long words;

  private final PreTokenizer.Sink sink =
      new PreTokenizer.Sink() {
        @Override
        public void special(int index) {}

        @Override
        public void word(String word) {
          counts.computeIfAbsent(word, w -> new Count()).value++;
          words++;
        }
      };

  /** @param preTokenizer the pre-tokenizer the trained tokenizer will use */
  public WordCounts(PreTokenizer preTokenizer) {
    this.preTokenizer = preTokenizer;
  }

  /** Counts the words of one text. */
  public void add(String text) {
    preTokenizer.split(text, sink);
    texts++;
  }

  /** Texts added so far. */
  public long texts() {
    return texts;
  }

  /** Words counted so far, repeats included. */
  public long words() {
    return words;
  }

  /** Distinct words counted so far. */
  public int distinctWords() {
    return counts.size();
  }

  /**
   * The distinct words as UTF-8 bytes with their counts, sorted by word so that training does not
   * depend on hash order.
   */
  List<CountedWord> sorted() {
    List<String> keys = new ArrayList<>(counts.keySet());
    keys.sort(null);
    List<CountedWord> sorted = new ArrayList<>(keys.size());
    for (String key : keys) {
      sorted.add(new CountedWord(key.getBytes(StandardCharsets.UTF_8), counts.get(key).value));
    }
    return sorted;
  }

  /** One distinct word and how often it occurred. */
  record CountedWord(byte[] utf8, long count) {}
}
