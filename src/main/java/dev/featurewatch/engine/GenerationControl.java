package dev.featurewatch.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How the outside world stops a running generation: a client that goes away cancels it, and the
 * request's deadline ends it. Read by the inference thread before every token; set from any thread.
 */
public final class GenerationControl {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final long deadlineNanos;

  /** @param timeoutNanos time allowed from now, or {@code Long.MAX_VALUE} for none */
  public GenerationControl(long timeoutNanos) {
    long now = System.nanoTime();
    this.deadlineNanos = timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
  }

  /** No deadline. */
  public static GenerationControl unlimited() {
    return new GenerationControl(Long.MAX_VALUE);
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  public boolean isPastDeadline() {
    return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0;
  }
}
