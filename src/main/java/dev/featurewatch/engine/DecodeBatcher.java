package dev.featurewatch.engine;

import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Batches the decode steps of concurrent generations into one forward pass. Each generation's
 * thread hands its next token in and waits; one decode thread takes every step waiting at that
 * moment and runs them together ({@link InferenceSession#decodeTogether}): under load the steps
 * that queue while a pass runs form the next batch, so aggregate throughput grows with the number
 * of streams while a lone stream pays almost nothing. Each request keeps its own hooks.
 */
public final class DecodeBatcher implements AutoCloseable {
  private record Step(InferenceSession session, int token, Hooks hooks, CompletableFuture<float[]> logits) {}

  private final int maxBatch;
  private final List<Step> waiting = new ArrayList<>();
  private final Thread thread;
  private boolean closed;

  /** @param maxBatch the most steps in one pass */
  public DecodeBatcher(int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::loop, "featurewatch-decode");
    thread.setDaemon(true);
    thread.start();
  }

  /** One decode step of {@code session}: blocks until its batch has run; returns the next-token logits. */
  public float[] decode(InferenceSession session, int token, Hooks hooks) {
    Step step = new Step(session, token, hooks, new CompletableFuture<>());
    synchronized (waiting) {
      if (closed) {
        throw new IllegalStateException("the decode batcher is closed");
      }
      waiting.add(step);
      waiting.notifyAll();
    }
    try {
      return step.logits().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void loop() {
    GradientMode.disableOnThisThread();
    while (true) {
      List<Step> batch;
      synchronized (waiting) {
        while (waiting.isEmpty() && !closed) {
          try {
            waiting.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (waiting.isEmpty()) {
          return;
        }
        List<Step> head = waiting.subList(0, Math.min(maxBatch, waiting.size()));
        batch = new ArrayList<>(head);
        head.clear();
      }
      run(batch);
    }
  }

  private static void run(List<Step> batch) {
    InferenceSession[] sessions = new InferenceSession[batch.size()];
    int[] tokens = new int[batch.size()];
    Hooks[] hooks = new Hooks[batch.size()];
    for (int i = 0; i < sessions.length; i++) {
      sessions[i] = batch.get(i).session();
      tokens[i] = batch.get(i).token();
      hooks[i] = batch.get(i).hooks();
    }
    try {
      float[][] logits = InferenceSession.decodeTogether(sessions, tokens, hooks);
      for (int i = 0; i < logits.length; i++) {
        batch.get(i).logits().complete(logits[i]);
      }
    } catch (RuntimeException e) {
      // One bad step (a hook that throws) must not fail the others: run the batch again one by one.
      if (batch.size() == 1) {
        batch.get(0).logits().completeExceptionally(e);
        return;
      }
      for (Step s : batch) {
        run(List.of(s));
      }
    }
  }

  @Override
  public void close() {
    synchronized (waiting) {
      closed = true;
      waiting.notifyAll();
    }
  }
}
