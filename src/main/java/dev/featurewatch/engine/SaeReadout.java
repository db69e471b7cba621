package dev.featurewatch.engine;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.Hook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.SparseFeatures;
import java.util.Set;

/**
 * Reads the SAE features of the rows of one forward pass and passes the activation on unchanged.
 * A failure of the SAE is caught and remembered instead of failing the pass: what the guardrail does
 * then is each rule's decision ({@code on_monitor_failure}), not an accident of where it threw.
 * Special tokens get no features. One per request; holds only the latest pass.
 */
final class SaeReadout implements Hook {
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
        if (skipTokens.contains(context.tokenIds()[i])) {
          read[i] = SparseFeatures.EMPTY;
        }
      }
      rows = read;
    } catch (RuntimeException e) {
      rows = new SparseFeatures[0];
      failure = e;
    }
    return activation;
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
