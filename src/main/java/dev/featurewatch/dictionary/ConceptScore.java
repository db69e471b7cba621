package dev.featurewatch.dictionary;

/**
 * How well one feature detects one concept: the token-level AUROC of its activation as a score
 * for "this token is a positive of the concept" (see {@link SparseAuroc}).
 *
 * @param concept the concept's machine id, e.g. {@code golden_gate}
 * @param auroc in [0, 1]; 0.5 is chance, which is also what a feature that never fires gets
 */
public record ConceptScore(String concept, double auroc) {
  public ConceptScore {
    if (concept == null || concept.isEmpty()) {
      throw new IllegalArgumentException("a concept score needs a concept");
    }
  }
}
