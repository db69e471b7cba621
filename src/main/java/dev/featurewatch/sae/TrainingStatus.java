package dev.featurewatch.sae;

/**
 * Where a training run stands, reported after every step.
 *
 * @param step steps done
 * @param totalSteps steps planned
 * @param mse reconstruction loss of the last batch (sum over d_in, mean over the batch, in training scale)
 * @param auxLoss AuxK loss of the last batch
 * @param l0 mean active features per token in the last batch
 * @param explainedVariance 1 − Σ‖x − x̂‖² / Σ‖x − mean‖² of the last batch
 * @param deadFraction features that have not fired for the dead window
 * @param tokensPerSecond activations trained on per second, since the run (re)started
 */
public record TrainingStatus(
    long step, long totalSteps, double mse, double auxLoss, double l0, double explainedVariance, double deadFraction, double tokensPerSecond) {}
