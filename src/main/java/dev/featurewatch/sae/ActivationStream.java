package dev.featurewatch.sae;

import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Transformer;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * Activations at one hook, produced by running a model over a corpus document by document,
 * cycling through it without end, with special-token positions left out. Training stops by step
 * count, so a resumed run (which restarts at the saved cursor and loses the rows that were
 * buffered but unused) still trains for exactly the planned number of steps.
 */
final class ActivationStream {
  private final Transformer model;
  private final HookPoint hook;
  private final Corpus corpus;
  private final Set<Integer> skipTokens;
  private final ArrayDeque<float[]> pending = new ArrayDeque<>();
  /** Rows of every document, kept when the whole corpus fits in {@link #CACHE_LIMIT_FLOATS}. */
  private final float[][][] cache;
  private int epoch;
  private int document;
  private long tokensRead;

  ActivationStream(Transformer model, HookPoint hook, Corpus corpus, Set<Integer> skipTokens, int startEpoch, int startDocument) {
    this.model = model;
    this.hook = hook;
    this.corpus = corpus;
    this.skipTokens = skipTokens;
    this.epoch = startEpoch;
    this.document = startDocument;
    long floats = corpus.tokenCount() * model.config().hiddenSize();
    this.cache = floats <= CACHE_LIMIT_FLOATS ? new float[corpus.documents().size()][][] : null;
  }

  /** A corpus whose activations take at most this many floats (1 GiB) is run through the model once. */
  static final long CACHE_LIMIT_FLOATS = 1L << 28;

  /** The next activation row. */
  float[] next() {
    while (pending.isEmpty()) {
      int[] tokens = corpus.documents().get(document);
      float[][] rows = cache != null && cache[document] != null ? cache[document] : ActivationRecorder.record(model, hook, tokens);
      if (cache != null) {
        cache[document] = rows;
      }
      for (int i = 0; i < rows.length; i++) {
        if (!skipTokens.contains(tokens[i])) {
          pending.add(rows[i]);
        }
      }
      tokensRead += tokens.length;
      if (++document == corpus.documents().size()) {
        document = 0;
        epoch++;
      }
    }
    return pending.poll();
  }

  /** Epoch of the next document to read. */
  int epoch() {
    return epoch;
  }

  /** Index of the next document to read. */
  int document() {
    return document;
  }

  /** Corpus tokens read so far, over all epochs (special tokens included). */
  long tokensRead() {
    return tokensRead;
  }
}
