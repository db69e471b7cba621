package dev.featurewatch.dictionary;

/**
 * The single feature that detects a concept best, and how well: the organism's report states that
 * every concept has one with AUROC of at least 0.95.
 *
 * @param concept the concept's machine id
 * @param feature the feature's index
 * @param auroc its token-level AUROC for the concept
 */
public record BestFeature(String concept, int feature, double auroc) {}
