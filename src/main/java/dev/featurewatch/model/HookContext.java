package dev.featurewatch.model;

/**
 * What a {@link Hook} knows about the rows of the activation it sees.
 *
 * @param startPosition sequence position of the first row (0 in a prefill, the cache length in a decode step)
 * @param tokenIds the token of each row
 */
public record HookContext(int startPosition, int[] tokenIds) {

  /** Number of rows. */
  public int length() {
    return tokenIds.length;
  }
}
