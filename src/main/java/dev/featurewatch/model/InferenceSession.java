package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One sequence being processed: its KV cache and the memory that holds it. A session is used
 * by one thread at a time (a request's prefill and decode steps run one after another); many
 * sessions run concurrently on the same {@link Transformer}.
 */
public final class InferenceSession implements AutoCloseable {
  private final Transformer model;
  private final NDManager manager;
  private final KvCache cache;

  InferenceSession(Transformer model, NDManager manager, KvCache cache) {
    this.model = model;
    this.manager = manager;
    this.cache = cache;
  }

  /**
   * Feeds tokens after those already consumed (a whole prompt, or one decode step) and returns
   * the logits after the last of them.
   */
  public float[] forward(int[] tokens, Hooks hooks) {
    return model.forward(manager, cache, tokens, hooks, false)[0];
  }

  /** Feeds tokens without hooks; see {@link #forward(int[], Hooks)}. */
  public float[] forward(int... tokens) {
    return forward(tokens, Hooks.none());
  }

  /** Like {@link #forward(int[], Hooks)} but returns the logits after every one of the tokens. */
  public float[][] forwardAll(int[] tokens, Hooks hooks) {
    return model.forward(manager, cache, tokens, hooks, true);
  }

  /**
   * One decode step of several sessions of the same model in one batched pass: session i takes
   * {@code tokens[i]} with {@code hooks[i]}; returns each session's next-token logits. Each session
   * must not be in use by another thread meanwhile (its owner waits for the result).
   */
  public static float[][] decodeTogether(InferenceSession[] sessions, int[] tokens, Hooks[] hooks) {
    if (sessions.length == 0 || sessions.length != tokens.length || tokens.length != hooks.length) {
      throw new IllegalArgumentException("need one token and one Hooks per session, and at least one session");
    }
    Transformer model = sessions[0].model;
    KvCache[] caches = new KvCache[sessions.length];
    for (int i = 0; i < sessions.length; i++) {
      if (sessions[i].model != model) {
        throw new IllegalArgumentException("sessions of different models cannot share a pass");
      }
      caches[i] = sessions[i].cache;
    }
    return model.decodeStep(sessions[0].manager, caches, tokens, hooks);
  }

  /** Number of tokens consumed so far (the position of the next token). */
  public int position() {
    return cache.length();
  }

  /**
   * Feeds tokens like {@link #forwardAll} but returns the logits [tokens, vocab] as an array in
   * the calling thread's current {@code NDScope} and leaves the thread's grad mode as it is:
   * inside a gradient collector, gradients flow back to whatever parameters the hooks use. For
   * training code; the caller closes the session after its backward pass.
   */
  public NDArray logitsArray(int[] tokens, Hooks hooks) {
    return model.logits(manager, cache, tokens, hooks, true);
  }

  /** The model this session runs on. */
  public Transformer model() {
    return model;
  }

  @Override
  public void close() {
    cache.close();
    manager.close();
  }
}
