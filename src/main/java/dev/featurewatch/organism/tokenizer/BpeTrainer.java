package dev.featurewatch.organism.tokenizer;

import dev.featurewatch.organism.OrganismChatFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a byte-level BPE tokenizer: counts the corpus's pre-tokenized words, then repeatedly
 * merges the most frequent adjacent pair of tokens into a new token until the vocabulary has the
 * requested size (or no pair is left to merge, on a corpus too small for it).
 *
 * <p>This is the algorithm of Hugging Face's {@code BpeTrainer}: after each merge only the words
 * containing the merged pair are updated, and pair counts change by deltas (see {@link
 * PairCounts}), so a merge costs in proportion to where the pair occurs, not to the corpus. Ties
 * between equally frequent pairs go to the pair of smaller ids, so the same corpus always gives the
 * same tokenizer.
 *
 * <p>Immutable; {@link #train} may be called more than once.
 */
public final class BpeTrainer {

  /** The organism's vocabulary size unless told otherwise. */
  public static final int DEFAULT_VOCAB_SIZE = 4096;

  /** Hears how training advances; both methods may be called often, so keep them cheap. */
  public interface Listener {
    /** {@code texts} texts have been pre-tokenized into {@code words} words. */
    default void counted(long texts, long words) {}

    /** The vocabulary has {@code size} of {@code targetSize} tokens. */
    default void merged(int size, int targetSize) {}
  }

  private static final Listener SILENT = new Listener() {};
  private static final int COUNT_REPORT_EVERY = 1024;

  private final List<String> specialTokens;
  private final int vocabSize;
  private final Listener listener;

  /**
   * @param specialTokens special tokens, which take ids 0.. in this order and are never merged
   * @param vocabSize the vocabulary size to reach, special and byte tokens included
   * @param listener told about progress
   * @throws IllegalArgumentException if {@code vocabSize} leaves no room for the special tokens and
   *     the 256 byte tokens, or a special token is empty, repeated or spelled like a byte token
   */
  public BpeTrainer(List<String> specialTokens, int vocabSize, Listener listener) {
    int minimum = specialTokens.size() + 256;
    if (vocabSize < minimum) {
      throw new IllegalArgumentException(
          "vocabulary size "
              + vocabSize
              + " is too small: the "
              + specialTokens.size()
              + " special tokens and 256 byte tokens alone need "
              + minimum);
    }
    if (new HashSet<>(specialTokens).size() != specialTokens.size()) {
      throw new IllegalArgumentException("special tokens repeat: " + specialTokens);
    }
    for (String token : specialTokens) {
      if (token.isEmpty()) {
        throw new IllegalArgumentException("a special token cannot be empty");
      }
      // A one-character token in the byte alphabet would collide with that byte's token.
      if (token.length() == 1 && ByteLevelAlphabet.byteOf(token.charAt(0)) >= 0) {
        throw new IllegalArgumentException(
            "special token '" + token + "' is spelled like a byte token");
      }
    }
    this.specialTokens = List.copyOf(specialTokens);
    this.vocabSize = vocabSize;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** A trainer with the organism's special tokens ({@link OrganismChatFormat#SPECIAL_TOKENS}). */
  public static BpeTrainer forOrganism(int vocabSize, Listener listener) {
    return new BpeTrainer(OrganismChatFormat.SPECIAL_TOKENS, vocabSize, listener);
  }

  /** A trainer with the organism's special tokens that reports nothing. */
  public static BpeTrainer forOrganism(int vocabSize) {
    return forOrganism(vocabSize, SILENT);
  }

  /**
   * Trains on texts. Special tokens written in a text (such as {@code <|user|>} in a rendered
   * chat) are cut out before counting, as the tokenizer will cut them out when encoding.
   *
   * @param texts the corpus, read once
   * @throws IllegalArgumentException if the corpus has no text outside special tokens
   */
  public BpeVocabulary train(Iterable<String> texts) {
    WordCounts counts = new WordCounts(new PreTokenizer(specialTokens));
    for (String text : texts) {
      counts.add(text);
      if (counts.texts() % COUNT_REPORT_EVERY == 0) {
        listener.counted(counts.texts(), counts.words());
      }
    }
    listener.counted(counts.texts(), counts.words());
    return train(counts);
  }

  /**
   * Trains on words already counted with this trainer's special tokens.
   *
   * @throws IllegalArgumentException if no word was counted
   */
  public BpeVocabulary train(WordCounts counts) {
    if (counts.words() == 0) {
      throw new IllegalArgumentException(
          "the corpus is empty: "
              + counts.texts()
              + " texts with no text outside special tokens; there is nothing to train on");
    }
    List<String> tokens = new ArrayList<>(vocabSize);
    Map<String, Integer> ids = new HashMap<>(vocabSize * 2);
    for (String special : specialTokens) {
      ids.put(special, tokens.size());
      tokens.add(special);
    }
    int byteBase = tokens.size();
    for (int b = 0; b < 256; b++) {
      String symbol = String.valueOf(ByteLevelAlphabet.charOf(b));
      ids.put(symbol, tokens.size());
      tokens.add(symbol);
    }

    // Every distinct word as a sequence of token ids, starting from its bytes.
    List<WordCounts.CountedWord> words = counts.sorted();
    int[][] symbols = new int[words.size()][];
    int[] lengths = new int[words.size()];
    long[] frequencies = new long[words.size()];
    PairCounts pairs = new PairCounts();
    for (int w = 0; w < symbols.length; w++) {
      byte[] utf8 = words.get(w).utf8();
      int[] s = new int[utf8.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = byteBase + (utf8[i] & 0xFF);
      }
      symbols[w] = s;
      lengths[w] = s.length;
      frequencies[w] = words.get(w).count();
      for (int i = 0; i + 1 < s.length; i++) {
        pairs.add(s[i], s[i + 1], frequencies[w], w);
      }
    }
    pairs.publish();

    List<BpeVocabulary.Merge> merges = new ArrayList<>();
    PairCounts.Pair best;
    while (tokens.size() < vocabSize && (best = pairs.best()) != null) {
      int left = best.left;
      int right = best.right;
      // A string made before by another pair of tokens keeps its id, as in Hugging Face's
      // trainer; that merge then adds no token. (A merge spelling a special token maps to it.)
      String merged = tokens.get(left) + tokens.get(right);
      Integer id = ids.get(merged);
      if (id == null) {
        id = tokens.size();
        ids.put(merged, id);
        tokens.add(merged);
      }
      merges.add(new BpeVocabulary.Merge(left, right, id));
      for (int w : best.words()) {
        lengths[w] = merge(symbols[w], lengths[w], frequencies[w], w, left, right, id, pairs);
      }
      pairs.publish();
      listener.merged(tokens.size(), vocabSize);
    }
    return new BpeVocabulary(tokens, specialTokens.size(), merges);
  }

  /**
   * Merges every occurrence of (left, right) in one word, left to right, and moves the counts of
   * the neighbouring pairs from the old tokens to the new one.
   *
   * @return the word's new length
   */
  private static int merge(
      int[] s, int length, long frequency, int word, int left, int right, int id,
      PairCounts pairs) {
    int i = 0;
    while (i + 1 < length) {
      if (s[i] == left && s[i + 1] == right) {
        if (i > 0) {
          pairs.subtract(s[i - 1], left, frequency);
          pairs.add(s[i - 1], id, frequency, word);
        }
        if (i + 2 < length) {
          pairs.subtract(right, s[i + 2], frequency);
          pairs.add(id, s[i + 2], frequency, word);
        }
        pairs.subtract(left, right, frequency);
        s[i] = id;
        System.arraycopy(s, i + 2, s, i + 1, length - i - 2);
        length--;
      }
      i++;
    }
    return length;
  }
}
