package dev.featurewatch.rules;

/**
 * The sequence positions of the last tokens of one scope, by their index in that scope, so a hit can
 * name where its window starts without every rule storing positions.
 */
final class PositionHistory {
  private final int[] positions;
  private long next;

  PositionHistory(int capacity) {
    this.positions = new int[Math.max(1, capacity)];
  }

  /** Records the next token of the scope; returns its index in the scope. */
  long append(int position) {
    positions[(int) (next % positions.length)] = position;
    return next++;
  }

  /** Tokens of this scope seen so far. */
  long count() {
    return next;
  }

  /** Position of the scope's token {@code scopeIndex} (one of the last {@code capacity}). */
  int positionOf(long scopeIndex) {
    return positions[(int) (scopeIndex % positions.length)];
  }
}
