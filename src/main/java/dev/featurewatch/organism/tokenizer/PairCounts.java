package dev.featurewatch.organism.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The BPE trainer's bookkeeping: how often each adjacent pair of tokens occurs in the corpus, which
 * words it occurs in, and a max-heap that finds the most frequent pair without rescanning.
 *
 * <p>Counts change by small deltas after each merge. The heap is lazy: a pair whose count grew gets
 * a fresh entry ({@link #publish}); one whose count shrank keeps its old, too high entry, which is
 * corrected when it reaches the top. So the first entry that agrees with its pair's count is the
 * true maximum. Ties go to the smaller (left, right) id pair, which makes training deterministic.
 *
 * <p>A pair's word list may name words it no longer occurs in (a later merge consumed it); readers
 * must check. Not thread-safe.
 */
final class PairCounts {

  /** One adjacent pair of token ids. */
  static final class Pair {
    final int left;
    final int right;
    private long count;
    private int[] words = new int[2];
    private int wordCount;
    private boolean grown;

    private Pair(int left, int right) {
      this.left = left;
      this.right = right;
    }

    /** The words (indices) the pair has occurred in; a copy, safe to iterate while merging. */
    int[] words() {
      return Arrays.copyOf(words, wordCount);
    }

    long count() {
      return count;
    }
  }

  private record Candidate(long count, int left, int right) {}

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingLong(Candidate::count)
          .reversed()
          .thenComparingInt(Candidate::left)
          .thenComparingInt(Candidate::right);

  private final Map<Long, Pair> pairs = new HashMap<>();
  private final PriorityQueue<Candidate> queue = new PriorityQueue<>(BEST_FIRST);
  private final List<Pair> grown = new ArrayList<>();

  /** Records {@code count} more occurrences of a pair, in word {@code word}. */
  void add(int left, int right, long count, int word) {
    Pair pair = pairs.computeIfAbsent(BpeVocabulary.pairKey(left, right), k -> new Pair(left, right));
    pair.count += count;
    // Words are added one at a time, so a repeat of this word is always the last entry.
    if (pair.wordCount == 0 || pair.words[pair.wordCount - 1] != word) {
      if (pair.wordCount == pair.words.length) {
        pair.words = Arrays.copyOf(pair.words, pair.wordCount * 2);
      }
      pair.words[pair.wordCount++] = word;
    }
    if (!pair.grown) {
      pair.grown = true;
      grown.add(pair);
    }
  }

  /** Records that {@code count} occurrences of a pair are gone; a pair that reaches 0 is dropped. */
  void subtract(int left, int right, long count) {
    long key = BpeVocabulary.pairKey(left, right);
    Pair pair = pairs.get(key);
    if (pair == null || pair.count < count) {
      throw new IllegalStateException("pair (" + left + ", " + right + ") count would go negative");
    }
    pair.count -= count;
    if (pair.count == 0) {
      pairs.remove(key);
    }
  }

  /** Gives every pair whose count grew since the last call an up-to-date heap entry. */
  void publish() {
    for (Pair pair : grown) {
      pair.grown = false;
      if (pair.count > 0) {
        queue.add(new Candidate(pair.count, pair.left, pair.right));
      }
    }
    grown.clear();
  }

  /** The most frequent pair (ties: smallest ids), or null when no pair occurs any more. */
  Pair best() {
    Candidate top;
    while ((top = queue.poll()) != null) {
      Pair pair = pairs.get(BpeVocabulary.pairKey(top.left(), top.right()));
      if (pair == null) {
        continue; // merged or consumed since
      }
      if (pair.count == top.count()) {
        return pair;
      }
      queue.add(new Candidate(pair.count, pair.left, pair.right)); // stale: requeue as it is now
    }
    return null;
  }

  /** Distinct pairs that occur now. */
  int size() {
    return pairs.size();
  }
}
