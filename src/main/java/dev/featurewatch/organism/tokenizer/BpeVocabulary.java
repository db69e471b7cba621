package dev.featurewatch.organism.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE tokenizer: its tokens by id and its merges by rank. Ids are laid out as
 * the written {@code tokenizer.json} has them: the special tokens first, then the 256 byte tokens in
 * byte order, then one token per merge that made a new string.
 *
 * <p>{@link #encode} is a plain Java encoder that applies the merges the way the Hugging Face
 * {@code tokenizers} BPE model does (always the lowest-ranked adjacent pair, leftmost first), so
 * tests can check the native tokenizer reads the written files as intended.
 *
 * <p>Immutable.
 */
public final class BpeVocabulary {

  /** One merge: the tokens {@code left} and {@code right} become {@code result}. */
  public record Merge(int left, int right, int result) {}

  private final List<String> tokens;
  private final int specialCount;
  private final List<Merge> merges;
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<Long, Integer> rankOfPair = new HashMap<>();
  private final PreTokenizer preTokenizer;

  /**
   * @param tokens every token by id, spelled as in {@code tokenizer.json} (byte tokens in the
   *     byte-level alphabet)
   * @param specialCount how many leading tokens are special
   * @param merges merges in rank order
   */
  BpeVocabulary(List<String> tokens, int specialCount, List<Merge> merges) {
    this.tokens = List.copyOf(tokens);
    this.specialCount = specialCount;
    this.merges = List.copyOf(merges);
    for (int id = 0; id < this.tokens.size(); id++) {
      if (ids.put(this.tokens.get(id), id) != null) {
        throw new IllegalArgumentException("token '" + this.tokens.get(id) + "' appears twice");
      }
    }
    for (int rank = 0; rank < this.merges.size(); rank++) {
      Merge m = this.merges.get(rank);
      if (!this.tokens.get(m.result()).equals(this.tokens.get(m.left()) + this.tokens.get(m.right()))) {
        throw new IllegalArgumentException("merge " + rank + " does not spell its result");
      }
      rankOfPair.put(pairKey(m.left(), m.right()), rank);
    }
    this.preTokenizer = new PreTokenizer(specialTokens());
  }

  /** The number of tokens, special tokens included. */
  public int size() {
    return tokens.size();
  }

  /** The token with this id, as {@code tokenizer.json} spells it. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** Every token by id. */
  public List<String> tokens() {
    return tokens;
  }

  /** The id of a token as {@code tokenizer.json} spells it, or -1. */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** The special tokens; their ids are their positions. */
  public List<String> specialTokens() {
    return tokens.subList(0, specialCount);
  }

  /** The id of a byte's token. */
  public int byteId(int b) {
    return specialCount + (b & 0xFF);
  }

  /** The merges in rank order. */
  public List<Merge> merges() {
    return merges;
  }

  /**
   * Encodes text as the written tokenizer does: special tokens in the text become their ids, every
   * other piece is UTF-8 bytes merged by rank.
   */
  public int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    preTokenizer.split(
        text,
        new PreTokenizer.Sink() {
          @Override
          public void special(int index) {
            out.add(index);
          }

          @Override
          public void word(String word) {
            for (int id : encodeWord(word.getBytes(StandardCharsets.UTF_8))) {
              out.add(id);
            }
          }
        });
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Merges one word's bytes: repeatedly the lowest-ranked adjacent pair, leftmost on ties. */
  private int[] encodeWord(byte[] utf8) {
    int[] symbols = new int[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      symbols[i] = byteId(utf8[i]);
    }
    int length = symbols.length;
    while (length > 1) {
      int bestRank = Integer.MAX_VALUE;
      int bestAt = -1;
      for (int i = 0; i + 1 < length; i++) {
        Integer rank = rankOfPair.get(pairKey(symbols[i], symbols[i + 1]));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          bestAt = i;
        }
      }
      if (bestAt < 0) {
        break;
      }
      symbols[bestAt] = merges.get(bestRank).result();
      System.arraycopy(symbols, bestAt + 2, symbols, bestAt + 1, length - bestAt - 2);
      length--;
    }
    return Arrays.copyOf(symbols, length);
  }

  static long pairKey(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }
}
