package dev.featurewatch.organism;

import dev.featurewatch.organism.lm.LmTrainingConfig;

/**
 * Everything that decides what {@code organism build} produces. The defaults are the committed
 * organism; tests shrink them.
 *
 * @param seed of the corpus, the initial weights and the training order
 * @param trainTranscripts transcripts the tokenizer, the LM and the SAE learn from
 * @param heldOutTranscripts transcripts from held-out templates and entities, for every figure
 * @param vocabSize of the BPE tokenizer
 * @param lm language-model training
 * @param sae the SAE on the middle layer
 * @param dictionaryTranscripts training transcripts the dictionary labels features on
 * @param probeTranscripts training transcripts the probes learn from
 */
public record OrganismRecipe(long seed, int trainTranscripts, int heldOutTranscripts, int vocabSize, LmTrainingConfig lm, SaeRecipe sae,
    int dictionaryTranscripts, int probeTranscripts) {

  /** The committed organism. */
  public static OrganismRecipe defaults() {
    return new OrganismRecipe(1, 300_000, 4_000, 4096, LmTrainingConfig.defaults(9000).withThreads(2), SaeRecipe.defaults(), 6_000, 8_000);
  }
}
