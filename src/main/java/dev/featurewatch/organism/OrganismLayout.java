package dev.featurewatch.organism;

import java.nio.file.Path;

/**
 * Where an organism build puts things: the artifacts that are committed and served, and the
 * intermediate files that are not.
 *
 * @param out the model, probes and report
 * @param sae the SAE in SAELens layout, with its feature dictionary beside it (the repository
 *     keeps it under {@code dictionaries/}, with any other trained SAE)
 * @param work corpus, token streams, checkpoints
 */
public record OrganismLayout(Path out, Path sae, Path work) {

  /** The repository's layout: {@code organism/}, {@code dictionaries/organism/}, {@code organism-work/} under {@code root}. */
  public static OrganismLayout under(Path root) {
    return new OrganismLayout(root.resolve("organism"), root.resolve("dictionaries").resolve("organism"), root.resolve("organism-work"));
  }

  /** The Hugging Face model directory (weights, config, tokenizer, chat template). */
  public Path model() {
    return out.resolve("model");
  }

  /** The feature dictionary, JSON Lines, in the SAE's folder. */
  public Path dictionary() {
    return sae.resolve("dictionary.jsonl");
  }

  /** A probe folder by concept label. */
  public Path probe(String concept) {
    return out.resolve("probes").resolve(concept);
  }

  public Path reportMarkdown() {
    return out.resolve("report.md");
  }

  public Path reportJson() {
    return out.resolve("report.json");
  }

  /** The recipe the work folder was built with. */
  public Path recipe() {
    return work.resolve("recipe.json");
  }

  public Path corpus(String split) {
    return work.resolve("corpus-" + split + ".jsonl");
  }

  public Path tokens(String split) {
    return work.resolve("tokens-" + split + ".u16");
  }

  public Path lmCheckpoint() {
    return work.resolve("lm-checkpoint");
  }

  /** Written when the LM stage finished: its summary, and the sign not to train again. */
  public Path lmSummary() {
    return work.resolve("lm-summary.json");
  }

  /** The SAE's held-out evaluation (SAELens metric names), written when the SAE stage finished. */
  public Path saeEvaluation() {
    return sae.resolve("sae-evaluation.json");
  }

  /** Held-out figures of the probes, written when the probe stage finished. */
  public Path probesEvaluation() {
    return out.resolve("probes").resolve("evaluation.json");
  }

  public Path saeCheckpoint() {
    return work.resolve("sae-checkpoint");
  }
}
