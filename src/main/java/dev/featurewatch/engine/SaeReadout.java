package dev.featurewatch.engine;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.BatchableHook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.SparseFeatures;
import java.util.List;
import java.util.Set;

/**
 * Reads the SAE features of the rows of one forward pass and passes the activation on unchanged.
 * A failure of the SAE is caught and remembered instead of failing the pass: what the guardrail does
 * then is each rule's decision ({@code on_monitor_failure}), not an accident of where it threw.
 * Special tokens get no features. One per request; holds only the latest pass.
 */
final class SaeReadout implements BatchableHook {
  private final SparseAutoencoder sae;
  private final Set<Integer> skipTokens;
  private SparseFeatures[] rows = new SparseFeatures[0];
  private RuntimeException failure;

  SaeReadout(SparseAutoencoder sae, Set<Integer> skipTokens) {
    this.sae = sae;
    this.skipTokens = skipTokens;
  }

  @Override
  public NDArray apply(HookPoint point, NDArray activation, HookContext context) {
    failure = null;
    try {
      SparseFeatures[] read = sae.encodeSparse(activation);
      for (int i = 0; i < read.length; i++) {
        read[i] = skip(context.tokenIds()[i], read[i]);
      }
      rows = read;
    } catch (RuntimeException e) {
      rows = new SparseFeatures[0];
      failure = e;
    }
    return activation;
  }

  @Override
  public Object batchKey() {
    return sae;
  }

  /** One encode for every request's row (one token each in a batched decode step). */
  @Override
  public NDArray applyTogether(List<BatchableHook> hooks, HookPoint point, NDArray rows, HookContext[] contexts) {
    SparseFeatures[] read;
    try {
      read = sae.encodeSparse(rows);
    } catch (RuntimeException e) {
      for (BatchableHook h : hooks) {
        SaeReadout r = (SaeReadout) h;
        r.rows = new SparseFeatures[0];
        r.failure = e;
      }
      return rows;
    }
    for (int i = 0; i < hooks.size(); i++) {
      SaeReadout r = (SaeReadout) hooks.get(i);
      r.failure = null;
      r.rows = new SparseFeatures[] {r.skip(contexts[i].tokenIds()[0], read[i])};
    }
    return rows;
  }

  private SparseFeatures skip(int token, SparseFeatures read) {
    return skipTokens.contains(token) ? SparseFeatures.EMPTY : read;
  }

  /** Features of row {@code i} of the latest pass, or null if the SAE failed on it. */
  SparseFeatures row(int i) {
    return failure == null && i < rows.length ? rows[i] : null;
  }

  /** Why the latest pass could not be read, or null. */
  RuntimeException failure() {
    return failure;
  }
}
