package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A hook whose work is the same for many requests (reading one SAE, scoring one probe), so a
 * batched decode pass runs it once over all their rows instead of once per row. Each request
 * still has its own instance, and its own results.
 */
public interface BatchableHook extends Hook {

  /** Hooks with equal keys do the same work and may run together. */
  Object batchKey();

  /**
   * Runs {@code hooks.get(i)} on row i of {@code rows}, every hook having this hook's key.
   *
   * @param contexts row i's context (one token each)
   * @return the rows after the hooks; {@code rows} itself when they only read
   */
  NDArray applyTogether(List<BatchableHook> hooks, HookPoint point, NDArray rows, HookContext[] contexts);
}
