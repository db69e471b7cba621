package dev.featurewatch.organism.lm;

/**
 * How a language model is trained: the batch, the optimiser and its schedule, and how often the
 * run evaluates and checkpoints.
 *
 * @param sequenceLength tokens per training window (the model sees windows of packed transcripts)
 * @param windowsPerStep windows whose gradients are summed into one optimiser step
 * @param steps optimiser steps in the whole run
 * @param peakLearningRate reached at the end of warm-up
 * @param minLearningRateRatio the cosine decays to peak × this ratio at the last step
 * @param warmupSteps linear warm-up from 0
 * @param weightDecay AdamW's decoupled decay, applied to matrices only (not norms)
 * @param clipNorm the global gradient norm is clipped to this
 * @param seed picks the windows: step s always reads the same windows, so a resumed run is the
 *     same run
 * @param evalEvery steps between held-out evaluations
 * @param evalWindows held-out windows per evaluation
 * @param checkpointEvery steps between checkpoints
 * @param threads worker threads a step's windows are spread over
 */
public record LmTrainingConfig(
    int sequenceLength,
    int windowsPerStep,
    int steps,
    double peakLearningRate,
    double minLearningRateRatio,
    int warmupSteps,
    double weightDecay,
    double clipNorm,
    long seed,
    int evalEvery,
    int evalWindows,
    int checkpointEvery,
    int threads) {

  public LmTrainingConfig {
    if (sequenceLength < 2 || windowsPerStep < 1 || steps < 1) {
      throw new IllegalArgumentException("sequence length must be ≥ 2, windows per step and steps ≥ 1");
    }
    if (!(peakLearningRate > 0) || minLearningRateRatio < 0 || minLearningRateRatio > 1 || warmupSteps < 0) {
      throw new IllegalArgumentException("learning rate must be > 0 with a min ratio in [0, 1] and warm-up ≥ 0");
    }
    if (weightDecay < 0 || !(clipNorm > 0) || evalEvery < 1 || evalWindows < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException("weight decay ≥ 0, clip norm > 0, eval and checkpoint intervals ≥ 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("training needs at least one thread, got " + threads);
    }
  }

  /** Defaults sized for a few-million-parameter model on a 2-core CPU. */
  public static LmTrainingConfig defaults(int steps) {
    return new LmTrainingConfig(256, 8, steps, 3e-3, 0.1, Math.max(1, steps / 20), 0.1, 1.0, 1, 100, 16, 200, 1);
  }

  /** The same run with another step count (warm-up rescaled). */
  public LmTrainingConfig withSteps(int newSteps) {
    return new LmTrainingConfig(sequenceLength, windowsPerStep, newSteps, peakLearningRate, minLearningRateRatio,
        Math.max(1, newSteps / 20), weightDecay, clipNorm, seed, evalEvery, evalWindows, checkpointEvery, threads);
  }

  /** The same run spread over another number of worker threads. */
  public LmTrainingConfig withThreads(int newThreads) {
    return new LmTrainingConfig(sequenceLength, windowsPerStep, steps, peakLearningRate, minLearningRateRatio, warmupSteps,
        weightDecay, clipNorm, seed, evalEvery, evalWindows, checkpointEvery, newThreads);
  }
}
