package dev.featurewatch.rules;

/**
 * The last N values of one rule, kept so that sum, count above a bound and maximum cost O(1)
 * (amortised) per value: a ring of the window's entries with a running sum and count, and a
 * monotonic deque for the maximum. Only the tokens on which the rule had a value are stored; the
 * tokens between them are zeros and need no entry, which is what lets the evaluator skip rules whose
 * features are inactive. Entries are keyed by the token's index in the rule's scope.
 */
final class SlidingWindow {
  private final int size;
  private final double above;
  private final long[] index;
  private final float[] value;
  private int head;
  private int count;
  private final long[] maxIndex;
  private final float[] maxValue;
  private int maxHead;
  private int maxCount;
  private double sum;
  private int countAbove;
  private int addsSinceExactSum;

  /**
   * @param size N
   * @param above values strictly above this are counted (NaN: never)
   */
  SlidingWindow(int size, double above) {
    this.size = size;
    this.above = above;
    this.index = new long[size];
    this.value = new float[size];
    this.maxIndex = new long[size];
    this.maxValue = new float[size];
  }

  int size() {
    return size;
  }

  /** Drops the entries with an index below {@code first}. */
  void expireBefore(long first) {
    while (count > 0 && index[head] < first) {
      float v = value[head];
      sum -= v;
      if (v > above) {
        countAbove--;
      }
      head = (head + 1) % size;
      count--;
    }
    if (count == 0) {
      sum = 0; // no drift survives an empty window
    }
    while (maxCount > 0 && maxIndex[maxHead] < first) {
      maxHead = (maxHead + 1) % size;
      maxCount--;
    }
  }

  /** Adds the value of token {@code at}; the caller expired everything before {@code at - size + 1}. */
  void add(long at, float v) {
    int tail = (head + count) % size;
    index[tail] = at;
    value[tail] = v;
    count++;
    sum += v;
    if (v > above) {
      countAbove++;
    }
    if (++addsSinceExactSum >= size) { // re-add from scratch every N values: O(1) amortised, no drift
      addsSinceExactSum = 0;
      double exact = 0;
      for (int i = 0; i < count; i++) {
        exact += value[(head + i) % size];
      }
      sum = exact;
    }
    while (maxCount > 0 && maxValue[(maxHead + maxCount - 1) % size] <= v) {
      maxCount--;
    }
    int maxTail = (maxHead + maxCount) % size;
    maxIndex[maxTail] = at;
    maxValue[maxTail] = v;
    maxCount++;
  }

  double sum() {
    return sum;
  }

  int countAbove() {
    return countAbove;
  }

  /** The largest value, 0 when the window holds only skipped (zero) tokens. */
  float max() {
    return maxCount == 0 ? 0f : Math.max(0f, maxValue[maxHead]);
  }

  double aggregate(Aggregate aggregate) {
    return switch (aggregate) {
      case MAX -> max();
      case MEAN -> sum / size;
      case COUNT -> countAbove;
    };
  }
}
