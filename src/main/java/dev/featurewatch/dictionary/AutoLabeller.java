package dev.featurewatch.dictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Labels features from a corpus whose tokens are labelled with concepts: each feature gets the
 * concept its activation detects best, measured by token-level AUROC against every other scored
 * token, when that AUROC reaches a threshold.
 *
 * <p>AUROC rather than, say, precision at the feature's firing threshold, because it needs no
 * threshold and is comparable across features of very different scales. It rewards coverage: a
 * feature that fires on half of a concept's tokens and nowhere else scores about 0.75, one that
 * fires on all of them and nowhere else 1.0. Hard negatives (distractors) count as ordinary
 * negatives here; how strongly the feature fires on them is reported separately, as the mean
 * activation, so that its specificity can be read off.
 */
public final class AutoLabeller {
  /** AUROC a concept needs to become a feature's label by default. */
  public static final double DEFAULT_THRESHOLD = 0.8;
  /** Concepts kept per feature in {@link FeatureLabel#conceptScores()} by default. */
  public static final int DEFAULT_TOP_CONCEPTS = 3;

  private final double threshold;
  private final int topConcepts;
  private final Map<String, String> words;

  /** The defaults, with labels spelled from concept ids. */
  public AutoLabeller() {
    this(DEFAULT_THRESHOLD, DEFAULT_TOP_CONCEPTS, Map.of());
  }

  /**
   * @param threshold AUROC the best concept needs to become the label, in [0.5, 1]
   * @param topConcepts how many concepts to keep per feature
   * @param words concept id → label words (e.g. golden_gate → "golden gate bridge"); a concept
   *     not in the map is spelled as its id with underscores as spaces
   */
  public AutoLabeller(double threshold, int topConcepts, Map<String, String> words) {
    if (!(threshold >= 0.5 && threshold <= 1)) {
      throw new IllegalArgumentException("the label threshold is an AUROC in [0.5, 1], got " + threshold);
    }
    if (topConcepts < 1) {
      throw new IllegalArgumentException("keep at least one concept per feature, got " + topConcepts);
    }
    this.threshold = threshold;
    this.topConcepts = topConcepts;
    this.words = Map.copyOf(words);
  }

  public double threshold() {
    return threshold;
  }

  /** The words a concept is labelled with. */
  public String words(String concept) {
    String w = words.get(concept);
    return w != null ? w : concept.replace('_', ' ');
  }

  /** The concept → words map as given. */
  public Map<String, String> wordsMap() {
    return words;
  }

  /**
   * Labels every feature.
   *
   * @param columns the features' activations over the scored tokens
   * @param labels the same tokens' concepts
   * @throws IllegalArgumentException if the two do not cover the same tokens
   */
  public Labelling label(FeatureColumns columns, ConceptLabels labels) {
    if (columns.tokenCount() != labels.tokenCount()) {
      throw new IllegalArgumentException(columns.tokenCount() + " tokens of activations but " + labels.tokenCount()
          + " tokens of labels");
    }
    List<String> concepts = labels.concepts();
    int c = concepts.size();
    double[] bestAuroc = new double[c];
    Arrays.fill(bestAuroc, Double.NEGATIVE_INFINITY);
    int[] bestFeature = new int[c];
    double[] bestMeanPositive = new double[c];
    double[] bestMeanHard = new double[c];
    List<FeatureLabel> out = new ArrayList<>(columns.dSae());
    Integer[] order = new Integer[c];

    for (int f = 0; f < columns.dSae(); f++) {
      SparseAuroc.Scores scores = SparseAuroc.score(columns.column(f), labels);
      double[] auroc = scores.auroc();
      for (int k = 0; k < c; k++) {
        order[k] = k;
        if (auroc[k] > bestAuroc[k]) { // strictly: ties keep the lower feature index
          bestAuroc[k] = auroc[k];
          bestFeature[k] = f;
          bestMeanPositive[k] = mean(scores.sumOnPositives()[k], labels.positiveCount(k));
          bestMeanHard[k] = mean(scores.sumOnHardNegatives()[k], labels.hardNegativeCount(k));
        }
      }
      // Best first; undefined (NaN) last; equal AUROCs by concept name, so output is deterministic.
      Arrays.sort(order, Comparator.<Integer>comparingDouble(k -> Double.isNaN(auroc[k]) ? 1 : -auroc[k])
          .thenComparing(concepts::get));
      List<ConceptScore> top = new ArrayList<>(topConcepts);
      for (int r = 0; r < c && top.size() < topConcepts && !Double.isNaN(auroc[order[r]]); r++) {
        top.add(new ConceptScore(concepts.get(order[r]), auroc[order[r]]));
      }
      if (!top.isEmpty() && top.get(0).auroc() >= threshold) {
        int k = order[0];
        out.add(new FeatureLabel(words(concepts.get(k)), concepts.get(k), auroc[k], top,
            mean(scores.sumOnPositives()[k], labels.positiveCount(k)),
            mean(scores.sumOnHardNegatives()[k], labels.hardNegativeCount(k))));
      } else {
        out.add(new FeatureLabel(null, null, Double.NaN, top, Double.NaN, Double.NaN));
      }
    }

    List<BestFeature> best = new ArrayList<>();
    for (int k = 0; k < c; k++) {
      if (bestAuroc[k] != Double.NEGATIVE_INFINITY) {
        best.add(new BestFeature(concepts.get(k), bestFeature[k], bestAuroc[k], bestMeanPositive[k], bestMeanHard[k]));
      }
    }
    best.sort(Comparator.comparing(BestFeature::concept));
    return new Labelling(out, best);
  }

  private static double mean(double sum, long count) {
    return count == 0 ? Double.NaN : sum / count;
  }
}
