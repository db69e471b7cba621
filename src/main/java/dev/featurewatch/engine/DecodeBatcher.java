package dev.featurewatch.engine;

import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Batches the decode steps of concurrent generations into one forward pass. Each generation's
 * thread hands its next token in and waits; one decode thread runs the waiting steps together
 * ({@link InferenceSession#decodeTogether}), so aggregate throughput grows with the number of
 * streams while a lone stream pays almost nothing. Each request keeps its own hooks.
 *
 * <p>Between two steps each generation does its own work (sampling, rules, sending the token),
 * so right after a pass only the quickest have their next step in. Taking just those would split
 * the streams into many small passes, each paying a whole pass's fixed cost. So the decode thread
 * waits for every generation still decoding ({@link #leave} says one has ended), at most as long
 * as the last pass took, so a slow stream delays the others by no more than one pass. (Waiting
 * for only half of them, so that two cohorts alternate, measured slower: see the README's
 * benchmarks.) A lone generation decodes on its own thread, with no hand-off.
 */
public final class DecodeBatcher implements AutoCloseable {
  private record Step(InferenceSession session, int token, Hooks hooks, CompletableFuture<float[]> logits) {}

  private final int maxBatch;
  private final List<Step> waiting = new ArrayList<>();
  private final Set<InferenceSession> decoding = new HashSet<>();
  private long lastPassNanos;
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

  /**
   * One decode step of {@code session}: blocks until its batch has run; returns the next-token
   * logits. Call {@link #leave} when the session's generation ends.
   */
  public float[] decode(InferenceSession session, int token, Hooks hooks) {
    Step step = new Step(session, token, hooks, new CompletableFuture<>());
    boolean alone;
    synchronized (waiting) {
      if (closed) {
        throw new IllegalStateException("the decode batcher is closed");
      }
      decoding.add(session);
      alone = decoding.size() == 1;
      if (!alone) {
        waiting.add(step);
        waiting.notifyAll();
      }
    }
    if (alone) {
      // The only generation decoding: nothing to batch with, so no hand-off to the decode thread.
      return session.forward(new int[] {token}, hooks);
    }
    try {
      return step.logits().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Says {@code session} will send no more steps, so no pass waits for it. Call when its generation ends. */
  public void leave(InferenceSession session) {
    synchronized (waiting) {
      if (decoding.remove(session)) {
        waiting.notifyAll();
      }
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
        gatherTheRest();
        List<Step> head = waiting.subList(0, Math.min(maxBatch, waiting.size()));
        batch = new ArrayList<>(head);
        head.clear();
      }
      long start = System.nanoTime();
      run(batch);
      lastPassNanos = System.nanoTime() - start;
    }
  }

  /** Waits (the monitor's lock released meanwhile) for every decoding generation's step; see the class comment. */
  private void gatherTheRest() {
    long deadline = System.nanoTime() + lastPassNanos;
    int enough = Math.min(maxBatch, decoding.size());
    while (!closed && waiting.size() < enough) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        waiting.wait(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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
    } catch (Error e) {
      // Not worth a retry, but every waiting generation must hear of it (else it waits for ever)
      // and the decode thread must live on for the next steps.
      batch.forEach(s -> s.logits().completeExceptionally(e));
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
