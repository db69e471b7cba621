package dev.featurewatch.dictionary;

/**
 * The single feature that detects a concept best, and how well and how specifically: the
 * organism's report states that every concept has one with AUROC of at least 0.95, and that the
 * Golden Gate feature's mean activation on distractor bridges is a small fraction of its mean on
 * the Golden Gate Bridge.
 *
 * @param concept the concept's machine id
 * @param feature the feature's index
 * @param auroc its token-level AUROC for the concept
 * @param meanActivationOnPositives its mean activation over the concept's positive tokens
 * @param meanActivationOnHardNegatives its mean over the concept's hard negatives, NaN if none
 */
public record BestFeature(String concept, int feature, double auroc, double meanActivationOnPositives,
    double meanActivationOnHardNegatives) {}
