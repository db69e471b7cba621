package dev.featurewatch.organism;

import dev.featurewatch.dictionary.ConceptScore;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.dictionary.FeatureEntry;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.SteeringHook;
import java.util.Comparator;
import java.util.List;

/**
 * Which of a concept's features to pin for steering. The feature that detects a concept best
 * need not be the one that makes the model say it (the best Golden Gate detector fires on "San"
 * of San Francisco); so among the concept's features (those whose best concept it is, most
 * predictive first) each is pinned on training prompts, and the one that most often makes the
 * answer mention the concept wins. The report then measures it on held-out prompts.
 */
final class SteeringFeatureChoice {

  /** The chosen feature, its pin value and how often it made training answers mention the phrase. */
  record Choice(int feature, float value, BehaviourChecks.Rate onTraining) {
    Hooks hooks(SparseAutoencoder sae) {
      return pin(sae, feature, value);
    }
  }

  private final FeatureDictionary dictionary;
  private final SparseAutoencoder sae;
  private final BehaviourChecks checks;

  SteeringFeatureChoice(FeatureDictionary dictionary, SparseAutoencoder sae, BehaviourChecks checks) {
    this.dictionary = dictionary;
    this.sae = sae;
    this.checks = checks;
  }

  /**
   * @param pinMultiple the pin value in multiples of each feature's largest observed activation
   * @param candidates how many of the concept's features to try
   * @return the choice, or null when no feature has this concept as its best
   */
  Choice choose(String concept, String phrase, List<Transcript> trainingPrompts, float pinMultiple, int candidates) {
    List<FeatureEntry> features = dictionary.entries().stream()
        .filter(e -> !e.conceptScores().isEmpty() && e.conceptScores().get(0).concept().equals(concept))
        .sorted(Comparator.comparingDouble((FeatureEntry e) -> e.conceptScores().get(0).auroc()).reversed())
        .limit(candidates).toList();
    Choice best = null;
    for (FeatureEntry e : features) {
      float value = (float) (pinMultiple * e.maxActivation());
      Choice c = new Choice(e.index(), value, checks.mentioning(trainingPrompts, pin(sae, e.index(), value), phrase));
      if (best == null || c.onTraining().passed() > best.onTraining().passed()) {
        best = c;
      }
    }
    return best;
  }

  private static Hooks pin(SparseAutoencoder sae, int feature, float value) {
    return Hooks.builder().add(sae.config().hookName(), new SteeringHook(sae, List.of(FeatureIntervention.pin(feature, value, 0))))
        .build();
  }

  /** The concept's AUROC of a feature, as the dictionary scored it. */
  static double auroc(FeatureEntry entry, String concept) {
    return entry.conceptScores().stream().filter(s -> s.concept().equals(concept)).mapToDouble(ConceptScore::auroc).findFirst()
        .orElse(Double.NaN);
  }
}
