package dev.featurewatch.engine;

/** The admission queue is full: the server answers 429 with {@code Retry-After}. */
public final class QueueFullException extends RuntimeException {
  private final int retryAfterSeconds;

  public QueueFullException(int capacity, int retryAfterSeconds) {
    super("the server is at capacity (" + capacity + " requests waiting); retry after " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
