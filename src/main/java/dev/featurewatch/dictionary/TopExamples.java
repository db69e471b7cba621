package dev.featurewatch.dictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses and renders a feature's max-activating examples: the k sequences where it fires most
 * strongly, each as a window of tokens around its strongest position there. At most one example
 * per sequence, so that one long sequence repeating a phrase cannot fill every slot.
 */
final class TopExamples {
  /** Where the scored tokens came from: per token number, its sequence and position. */
  record Sources(List<LabelledSequence> sequences, int[] sequenceOf, int[] positionOf, int[][] tokenNumbers) {}

  private final Sources sources;
  private final int k;
  private final int before;
  private final int after;

  /**
   * @param k most examples per feature
   * @param before tokens shown before the strongest one
   * @param after tokens shown after it
   */
  TopExamples(Sources sources, int k, int before, int after) {
    if (k < 0 || before < 0 || after < 0) {
      throw new IllegalArgumentException("example count and window must be >= 0");
    }
    this.sources = sources;
    this.k = k;
    this.before = before;
    this.after = after;
  }

  /** The examples of one feature, strongest first (equal values: earlier token first). */
  List<ActivationExample> of(FeatureColumns.Column column) {
    if (k == 0 || column.size() == 0) {
      return List.of();
    }
    int[] tokens = column.tokens();
    float[] values = column.values();
    // Min-heap of column slots: the weakest kept candidate on top (lower value, then later token).
    PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> values[a] != values[b]
        ? Float.compare(values[a], values[b]) : Integer.compare(tokens[b], tokens[a]));
    int i = 0;
    while (i < tokens.length) {
      // Tokens of one sequence are consecutive numbers, so a sequence is a run of the column.
      int sequence = sources.sequenceOf()[tokens[i]];
      int best = i;
      int j = i + 1;
      for (; j < tokens.length && sources.sequenceOf()[tokens[j]] == sequence; j++) {
        if (values[j] > values[best]) {
          best = j;
        }
      }
      heap.add(best);
      if (heap.size() > k) {
        heap.poll();
      }
      i = j;
    }
    Integer[] chosen = heap.toArray(new Integer[0]);
    Arrays.sort(chosen, heap.comparator().reversed());
    List<ActivationExample> out = new ArrayList<>(chosen.length);
    for (int slot : chosen) {
      out.add(render(column, tokens[slot]));
    }
    return out;
  }

  private ActivationExample render(FeatureColumns.Column column, int token) {
    int s = sources.sequenceOf()[token];
    int position = sources.positionOf()[token];
    LabelledSequence sequence = sources.sequences().get(s);
    int[] numbers = sources.tokenNumbers()[s];
    int from = Math.max(0, position - before);
    int to = Math.min(numbers.length, position + after + 1);
    float[] values = new float[to - from];
    for (int p = from; p < to; p++) {
      values[p - from] = numbers[p] < 0 ? 0f : column.valueAt(numbers[p]);
    }
    return new ActivationExample(sequence.id(), position, Arrays.asList(sequence.tokenTexts()).subList(from, to), values,
        position - from);
  }
}
