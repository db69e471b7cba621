package dev.featurewatch.dictionary;

import java.util.List;

/**
 * What is known about one SAE feature: its label and explanation, how often and how strongly it
 * fires, where it fires most, and which output tokens it pushes up or down.
 *
 * <p>Numbers that are not known (a feature imported from an explanation export has no density; an
 * unlabelled feature has no confidence) are {@code NaN}, written as {@code null} in the dictionary
 * file and left out of the search index, so a range query never matches them.
 *
 * @param index the feature's index in the SAE, {@code [0, d_sae)}
 * @param label words for people and for rules ({@code label:"golden gate"}), e.g. "golden gate
 *     bridge"; null when the feature is unlabelled
 * @param concept the machine id the label came from, e.g. {@code golden_gate}; null when unlabelled
 * @param confidence the AUROC that earned the label, NaN when unlabelled
 * @param conceptScores the best few concepts by AUROC, best first (also for unlabelled features)
 * @param explanation free text (an imported or hand-written explanation), may be null
 * @param density fraction of scored tokens on which the feature fires (activation &gt; 0)
 * @param maxActivation largest activation seen
 * @param meanActivationOnPositives mean activation over the positive tokens of {@code concept}
 *     (zeros included), NaN without a concept
 * @param meanActivationOnHardNegatives mean activation over the hard-negative tokens of {@code
 *     concept} (the distractors: the Sydney Harbour Bridge for the Golden Gate Bridge), NaN without
 *     a concept or without hard negatives; the ratio to the positives' mean is the specificity
 * @param topExamples max-activating examples, strongest first, at most one per sequence
 * @param topPromoted tokens whose logits the decoder direction raises most, largest first
 * @param topSuppressed tokens whose logits it lowers most, most negative first
 * @param histogram distribution of the non-zero activations, null when the feature never fired
 */
public record FeatureEntry(
    int index,
    String label,
    String concept,
    double confidence,
    List<ConceptScore> conceptScores,
    String explanation,
    double density,
    double maxActivation,
    double meanActivationOnPositives,
    double meanActivationOnHardNegatives,
    List<ActivationExample> topExamples,
    List<TokenEffect> topPromoted,
    List<TokenEffect> topSuppressed,
    ActivationHistogram histogram) {

  public FeatureEntry {
    if (index < 0) {
      throw new IllegalArgumentException("feature index must be >= 0, got " + index);
    }
    conceptScores = conceptScores == null ? List.of() : List.copyOf(conceptScores);
    topExamples = topExamples == null ? List.of() : List.copyOf(topExamples);
    topPromoted = topPromoted == null ? List.of() : List.copyOf(topPromoted);
    topSuppressed = topSuppressed == null ? List.of() : List.copyOf(topSuppressed);
  }

  /** A feature about which nothing is known yet. */
  public static FeatureEntry empty(int index) {
    return new FeatureEntry(index, null, null, Double.NaN, List.of(), null, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, List.of(), List.of(), List.of(), null);
  }

  /** Whether the feature has a label. */
  public boolean isLabelled() {
    return label != null;
  }

  /** This entry with another explanation (null removes it). */
  public FeatureEntry withExplanation(String newExplanation) {
    return new FeatureEntry(index, label, concept, confidence, conceptScores, newExplanation, density, maxActivation,
        meanActivationOnPositives, meanActivationOnHardNegatives, topExamples, topPromoted, topSuppressed, histogram);
  }

  /** This entry with another label, e.g. one a person corrected (null words unlabel it). */
  public FeatureEntry withLabel(String words, String newConcept, double newConfidence) {
    return new FeatureEntry(index, words, words == null ? null : newConcept, words == null ? Double.NaN : newConfidence,
        conceptScores, explanation, density, maxActivation, meanActivationOnPositives, meanActivationOnHardNegatives,
        topExamples, topPromoted, topSuppressed, histogram);
  }
}
