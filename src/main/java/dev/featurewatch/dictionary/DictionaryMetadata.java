package dev.featurewatch.dictionary;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dictionary describes and how it was made: the first line of a dictionary file (see
 * {@link DictionaryFiles}). Every field may be unknown (null, 0 or NaN): a dictionary written by
 * hand or imported from an explanation export knows little about its origin.
 *
 * @param modelName the model the SAE reads, e.g. the model directory's name
 * @param saePath where the SAE came from (a folder, or {@code neuronpedia:MODEL/SOURCE})
 * @param hookName the TransformerLens hook the SAE reads
 * @param dSae number of features, 0 if unknown; entries' indices must be below it
 * @param createdBy the tool and command that wrote the dictionary
 * @param createdAt when, as an ISO-8601 instant
 * @param sequences sequences the statistics were computed on
 * @param tokensScored tokens they contained, special tokens excluded
 * @param labelThreshold the AUROC a concept needed to become a label, NaN if not labelled
 *     automatically
 * @param conceptLabels concept id → the words used as its label
 * @param bestFeatures per concept, the feature with the highest AUROC
 */
public record DictionaryMetadata(
    String modelName,
    String saePath,
    String hookName,
    int dSae,
    String createdBy,
    String createdAt,
    long sequences,
    long tokensScored,
    double labelThreshold,
    Map<String, String> conceptLabels,
    List<BestFeature> bestFeatures) {

  public DictionaryMetadata {
    if (dSae < 0) {
      throw new IllegalArgumentException("d_sae must be >= 0, got " + dSae);
    }
    conceptLabels = conceptLabels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(conceptLabels));
    bestFeatures = bestFeatures == null ? List.of() : List.copyOf(bestFeatures);
  }

  /** Nothing known. */
  public static DictionaryMetadata empty() {
    return new DictionaryMetadata(null, null, null, 0, null, null, 0, 0, Double.NaN, Map.of(), List.of());
  }

  /** This metadata with where the dictionary's model and SAE came from and who made it. */
  public DictionaryMetadata withOrigin(String newModelName, String newSaePath, String newCreatedBy) {
    return new DictionaryMetadata(newModelName, newSaePath, hookName, dSae, newCreatedBy, createdAt, sequences, tokensScored,
        labelThreshold, conceptLabels, bestFeatures);
  }

  /** This metadata with another d_sae. */
  public DictionaryMetadata withDSae(int newDSae) {
    return new DictionaryMetadata(modelName, saePath, hookName, newDSae, createdBy, createdAt, sequences, tokensScored,
        labelThreshold, conceptLabels, bestFeatures);
  }
}
