package dev.featurewatch.sae;

/**
 * Hyper-parameters of one SAE training run.
 *
 * @param method TOPK or BATCH_TOPK (both with AuxK revival of dead features), or STANDARD (ReLU with an L1 penalty)
 * @param dSae number of features
 * @param k active features per token (TOPK; the mean for BATCH_TOPK)
 * @param l1Coefficient sparsity penalty (STANDARD)
 * @param batchSize activations per step
 * @param epochs passes over the corpus
 * @param learningRate Adam step size; 0 picks 2e-4·sqrt(16384 / d_sae) (OpenAI's scaling, capped at 2e-3)
 * @param warmupSteps linear warm-up of the learning rate
 * @param decayFraction the last fraction of steps decays the learning rate linearly to 0
 * @param deadAfterSteps a feature that has not fired for this many steps counts as dead
 * @param auxKCoefficient weight of the AuxK loss (OpenAI: 1/32)
 * @param bufferRows shuffle buffer size in activations
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param seed for initialisation and batch sampling
 */
public record TrainingConfig(
    TrainingMethod method,
    int dSae,
    int k,
    double l1Coefficient,
    int batchSize,
    int epochs,
    double learningRate,
    int warmupSteps,
    double decayFraction,
    int deadAfterSteps,
    double auxKCoefficient,
    int bufferRows,
    int checkpointEvery,
    long seed) {

  public TrainingConfig {
    if (method == null) {
      throw new IllegalArgumentException("training method is required (topk, batchtopk or standard)");
    }
    if (dSae <= 0 || batchSize <= 0 || epochs <= 0 || bufferRows < batchSize) {
      throw new IllegalArgumentException("d_sae, batch size and epochs must be positive and the buffer at least one batch");
    }
    if (method.ranked() && (k <= 0 || k > dSae)) {
      throw new IllegalArgumentException("k must be in 1..d_sae, got " + k);
    }
    if (learningRate < 0 || decayFraction < 0 || decayFraction > 1 || l1Coefficient < 0) {
      throw new IllegalArgumentException("learning rate and l1 must be >= 0 and decay fraction in [0, 1]");
    }
  }

  /** Defaults for a TopK SAE. */
  public static TrainingConfig topK(int dSae, int k) {
    return new TrainingConfig(TrainingMethod.TOPK, dSae, k, 0, 1024, 1, 0, 100, 0.2, 250, 1.0 / 32, 16384, 500, 42);
  }

  /** The learning rate to use. */
  public double effectiveLearningRate() {
    return learningRate > 0 ? learningRate : Math.min(2e-3, 2e-4 * Math.sqrt(16384.0 / dSae));
  }

  public TrainingConfig withMethod(TrainingMethod m) {
    return new TrainingConfig(m, dSae, k, l1Coefficient, batchSize, epochs, learningRate, warmupSteps, decayFraction, deadAfterSteps, auxKCoefficient, bufferRows, checkpointEvery, seed);
  }

  public TrainingConfig withLearningRate(double lr) {
    return new TrainingConfig(method, dSae, k, l1Coefficient, batchSize, epochs, lr, warmupSteps, decayFraction, deadAfterSteps, auxKCoefficient, bufferRows, checkpointEvery, seed);
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(method, dSae, k, l1Coefficient, batchSize, e, learningRate, warmupSteps, decayFraction, deadAfterSteps, auxKCoefficient, bufferRows, checkpointEvery, seed);
  }

  public TrainingConfig withBatchSize(int b) {
    return new TrainingConfig(method, dSae, k, l1Coefficient, b, epochs, learningRate, warmupSteps, decayFraction, deadAfterSteps, auxKCoefficient, Math.max(bufferRows, b), checkpointEvery, seed);
  }

  public TrainingConfig withCheckpointEvery(int steps) {
    return new TrainingConfig(method, dSae, k, l1Coefficient, batchSize, epochs, learningRate, warmupSteps, decayFraction, deadAfterSteps, auxKCoefficient, bufferRows, steps, seed);
  }
}
