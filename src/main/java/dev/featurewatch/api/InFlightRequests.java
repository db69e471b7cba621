package dev.featurewatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Counts requests whose response has not ended, so a graceful shutdown can wait for the last
 * bytes of an answer (its final chunk and {@code [DONE]} are written after the generation itself
 * has finished, once its audit record is acknowledged) before closing connections.
 */
public final class InFlightRequests implements Handler<RoutingContext> {
  private int open;

  @Override
  public void handle(RoutingContext ctx) {
    synchronized (this) {
      open++;
    }
    ctx.addEndHandler(v -> {
      synchronized (this) {
        open--;
        notifyAll();
      }
    });
    ctx.next();
  }

  /** Requests not yet answered in full. */
  public synchronized int open() {
    return open;
  }

  /** Waits until every response has ended or {@code timeout} passed; returns whether all ended. */
  public synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
