package dev.featurewatch.dictionary;

import java.util.List;

/**
 * The result of {@link AutoLabeller#label}: a label decision per feature and, per concept, the
 * feature that detects it best.
 *
 * @param features by feature index
 * @param bestFeatures one per concept that has both positive and negative tokens, by concept name
 */
public record Labelling(List<FeatureLabel> features, List<BestFeature> bestFeatures) {
  public Labelling {
    features = List.copyOf(features);
    bestFeatures = List.copyOf(bestFeatures);
  }

  /** The decision for one feature. */
  public FeatureLabel feature(int index) {
    return features.get(index);
  }
}
