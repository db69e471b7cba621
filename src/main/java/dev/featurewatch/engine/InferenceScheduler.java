package dev.featurewatch.engine;

import dev.featurewatch.model.GradientMode;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs generations on the server's own inference threads, never an event loop, behind a bounded
 * admission queue: when every thread is busy and the queue is full a request is refused at once
 * ({@link QueueFullException}, answered 429) rather than left waiting without bound. Every thread
 * turns gradients off before its first task (DJL's grad mode is per thread).
 *
 * <p>Shutdown is graceful: nothing new is admitted, and what is running or queued finishes within
 * the grace period.
 */
public final class InferenceScheduler implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final int queueCapacity;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong meanTaskMillis = new AtomicLong(1000);

  /**
   * @param threads inference threads (generations running at once)
   * @param queueCapacity generations that may wait for a thread
   */
  public InferenceScheduler(int threads, int queueCapacity) {
    if (threads < 1 || queueCapacity < 0) {
      throw new IllegalArgumentException("need at least one inference thread and a queue of 0 or more, got " + threads
          + " and " + queueCapacity);
    }
    this.queueCapacity = queueCapacity;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        queueCapacity == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity),
        r -> {
          Thread t = new Thread(() -> {
            GradientMode.disableOnThisThread();
            r.run();
          }, "featurewatch-inference-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.prestartAllCoreThreads();
  }

  /**
   * Queues {@code work}; the future completes on the inference thread with its result or exception.
   *
   * @throws QueueFullException when the queue is full or the scheduler is shutting down
   */
  public <T> CompletableFuture<T> submit(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        running.incrementAndGet();
        long start = System.nanoTime();
        try {
          result.complete(work.call());
        } catch (Throwable e) {
          result.completeExceptionally(e);
        } finally {
          running.decrementAndGet();
          long millis = (System.nanoTime() - start) / 1_000_000;
          meanTaskMillis.updateAndGet(m -> (m * 7 + millis) / 8); // a moving mean: recent load matters
        }
      });
    } catch (RejectedExecutionException e) {
      throw new QueueFullException(queueCapacity, retryAfterSeconds());
    }
    return result;
  }

  /** Seconds until a place is likely free: the queue drained at the recent pace, at least 1. */
  private int retryAfterSeconds() {
    long perThread = (long) Math.ceil((queueCapacity + 1) / (double) executor.getCorePoolSize());
    return (int) Math.max(1, Math.min(60, perThread * meanTaskMillis.get() / 1000));
  }

  /** Generations waiting for a thread. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Generations running now. */
  public int running() {
    return running.get();
  }

  /**
   * Stops admitting and waits for queued and running work to finish.
   *
   * @return whether everything finished within {@code grace}
   */
  public boolean shutdown(Duration grace) {
    executor.shutdown();
    try {
      return executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (!shutdown(Duration.ofSeconds(30))) {
      executor.shutdownNow();
    }
  }
}
