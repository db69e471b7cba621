package dev.featurewatch.organism.lm;

/**
 * Where a language-model run stands, reported after every step.
 *
 * @param step steps done
 * @param totalSteps steps planned
 * @param loss training loss of the last step (nats per token)
 * @param heldOutLoss the latest held-out loss, NaN before the first evaluation
 * @param learningRate the rate used by the last step
 * @param gradientNorm the global gradient norm before clipping
 * @param tokensPerSecond tokens trained on per second since the run (re)started
 */
public record LmTrainingStatus(
    int step, int totalSteps, double loss, double heldOutLoss, double learningRate, double gradientNorm, double tokensPerSecond) {}
