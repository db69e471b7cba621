package dev.featurewatch.dictionary;

import java.util.List;

/**
 * What automatic labelling concluded about one feature.
 *
 * @param label the concept's words, null when no concept reached the threshold
 * @param concept the best concept's id when it reached the threshold, else null
 * @param confidence that concept's AUROC, NaN when unlabelled
 * @param conceptScores the best few concepts by AUROC, best first, whether or not labelled
 * @param meanActivationOnPositives mean activation over the label concept's positive tokens, NaN
 *     when unlabelled
 * @param meanActivationOnHardNegatives mean over its hard negatives, NaN when unlabelled or none
 */
public record FeatureLabel(String label, String concept, double confidence, List<ConceptScore> conceptScores,
    double meanActivationOnPositives, double meanActivationOnHardNegatives) {

  public FeatureLabel {
    conceptScores = List.copyOf(conceptScores);
  }
}
