package dev.featurewatch.organism;

import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SyntheticCheckpoint;
import java.nio.file.Path;

/**
 * The organism's architecture: a Llama small enough to train on two CPU cores in under an hour,
 * with tied embeddings, so that most of its parameters do the work that the monitor reads.
 */
public final class OrganismShape {
  /** Width of the residual stream, the SAE's d_in. */
  public static final int HIDDEN = 128;
  public static final int LAYERS = 4;
  public static final int HEADS = 4;
  public static final int MLP_WIDTH = 384;
  public static final int CONTEXT = 1024;

  private OrganismShape() {}

  /** The block whose output is the "middle layer" residual stream the SAE and probes read. */
  public static final String MONITORED_HOOK = "blocks." + (LAYERS / 2 - 1) + ".hook_resid_post";

  /** The Llama shape for a vocabulary of this size. */
  public static SyntheticCheckpoint.Shape shape(int vocabSize) {
    return new SyntheticCheckpoint.Shape(HIDDEN, MLP_WIDTH, LAYERS, HEADS, HEADS, vocabSize, CONTEXT);
  }

  /**
   * Writes the untrained model (config.json and normal(0, 0.02) weights) into a model directory:
   * training starts from there.
   */
  public static void writeInitialModel(Path modelDirectory, int vocabSize, long seed) {
    SyntheticCheckpoint.writeLlama(modelDirectory, shape(vocabSize), seed, SafetensorsDType.F32);
  }
}
