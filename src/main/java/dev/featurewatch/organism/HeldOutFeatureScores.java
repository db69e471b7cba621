package dev.featurewatch.organism;

import ai.djl.ndarray.NDManager;
import dev.featurewatch.dictionary.LabelledSequence;
import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.probe.ProbeMetrics;
import dev.featurewatch.sae.SparseAutoencoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How well one chosen SAE feature detects its concept on sequences it was not chosen on: the
 * token-level AUROC of its activation for the concept's positive tokens against every other
 * scored token, and its mean activation on positives and on hard negatives (specificity).
 */
final class HeldOutFeatureScores {

  /** One feature's figures for one concept. */
  record Score(String concept, int feature, double auroc, double meanOnPositives, double meanOnHardNegatives, int positives) {
    /** Mean on hard negatives as a fraction of the mean on positives. */
    double specificityRatio() {
      return meanOnHardNegatives / meanOnPositives;
    }
  }

  private final Transformer model;
  private final SparseAutoencoder sae;
  private final Set<Integer> skipTokens;

  HeldOutFeatureScores(Transformer model, SparseAutoencoder sae, Set<Integer> skipTokens) {
    this.model = model;
    this.sae = sae;
    this.skipTokens = skipTokens;
  }

  /**
   * Scores each (concept, feature) pair over the same sequences.
   *
   * @param features feature per concept, in the order the results come back
   */
  List<Score> score(List<LabelledSequence> sequences, List<String> concepts, int[] features) {
    List<List<Float>> values = new ArrayList<>();
    for (int i = 0; i < features.length; i++) {
      values.add(new ArrayList<>());
    }
    List<Boolean>[] pos = newLists(features.length);
    List<Boolean>[] hard = newLists(features.length);
    HookPoint point = HookPoint.parse(sae.config().hookName());
    GradientMode.disableOnThisThread();
    for (LabelledSequence sequence : sequences) {
      float[][] rows = ActivationRecorder.record(model, point, sequence.tokens());
      float[] encoded;
      try (NDManager m = NDManager.newBaseManager(model.device(), "PyTorch")) {
        encoded = sae.encode(m.create(rows)).toFloatArray();
      }
      int dSae = sae.config().dSae();
      for (int t = 0; t < rows.length; t++) {
        if (skipTokens.contains(sequence.tokens()[t])) {
          continue;
        }
        for (int i = 0; i < features.length; i++) {
          values.get(i).add(encoded[t * dSae + features[i]]);
          boolean[] p = sequence.positives().get(concepts.get(i));
          boolean[] h = sequence.hardNegatives().get(concepts.get(i));
          pos[i].add(p != null && p[t]);
          hard[i].add(h != null && h[t]);
        }
      }
    }
    List<Score> scores = new ArrayList<>();
    for (int i = 0; i < features.length; i++) {
      int n = values.get(i).size();
      double[] s = new double[n];
      int[] labels = new int[n];
      double posSum = 0;
      double hardSum = 0;
      int posCount = 0;
      int hardCount = 0;
      for (int j = 0; j < n; j++) {
        s[j] = values.get(i).get(j);
        labels[j] = pos[i].get(j) ? 1 : 0;
        if (pos[i].get(j)) {
          posSum += s[j];
          posCount++;
        } else if (hard[i].get(j)) {
          hardSum += s[j];
          hardCount++;
        }
      }
      double auroc = posCount == 0 || posCount == n ? Double.NaN : ProbeMetrics.auroc(s, labels);
      scores.add(new Score(concepts.get(i), features[i], auroc, posCount == 0 ? Double.NaN : posSum / posCount,
          hardCount == 0 ? Double.NaN : hardSum / hardCount, posCount));
    }
    return scores;
  }

  @SuppressWarnings("unchecked")
  private static List<Boolean>[] newLists(int n) {
    List<Boolean>[] lists = new List[n];
    for (int i = 0; i < n; i++) {
      lists[i] = new ArrayList<>();
    }
    return lists;
  }
}
