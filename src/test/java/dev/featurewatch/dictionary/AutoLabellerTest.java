package dev.featurewatch.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.probe.ProbeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutoLabellerTest {

  /** Dense activations [token][feature] and concept flags [concept][token], then the sparse forms. */
  private record Data(float[][] dense, boolean[][] positive, boolean[][] hard, FeatureColumns columns, ConceptLabels labels) {}

  private static Data data(float[][] dense, boolean[][] positive, boolean[][] hard, String... concepts) {
    int n = dense.length;
    FeatureColumns columns = new FeatureColumns(dense[0].length);
    ConceptLabels labels = new ConceptLabels();
    for (String c : concepts) {
      labels.concept(c);
    }
    for (int t = 0; t < n; t++) {
      List<Integer> ids = new ArrayList<>();
      List<Float> values = new ArrayList<>();
      for (int f = 0; f < dense[t].length; f++) {
        if (dense[t][f] != 0) {
          ids.add(f);
          values.add(dense[t][f]);
        }
      }
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i);
      }
      columns.add(ids.stream().mapToInt(Integer::intValue).toArray(), v);
      labels.add(flagged(positive, t), flagged(hard, t));
    }
    return new Data(dense, positive, hard, columns, labels);
  }

  private static int[] flagged(boolean[][] flags, int t) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < flags.length; c++) {
      if (flags[c][t]) {
        out.add(c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void sparseAurocEqualsDenseMannWhitneyWithTies() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 3000;
    int features = 25;
    int concepts = 4;
    float[][] dense = new float[n][features];
    boolean[][] positive = new boolean[concepts][n];
    boolean[][] hard = new boolean[concepts][n];
    float[] levels = {0.5f, 1f, 1f, 2f, 3.25f}; // few distinct values: many ties above zero too
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < concepts; c++) {
        positive[c][t] = random.nextDouble() < 0.05 * (c + 1);
        hard[c][t] = !positive[c][t] && random.nextDouble() < 0.05;
      }
      for (int f = 0; f < features; f++) {
        // Feature f fires more often on concept f % concepts, at a density that varies with f.
        double p = f == features - 1 ? 0 : 0.02 * (f % 5) + (positive[f % concepts][t] ? 0.3 : 0);
        if (random.nextDouble() < p) {
          dense[t][f] = random.nextDouble() < 0.5 ? levels[random.nextInt(levels.length)] : (float) random.nextDouble();
        }
      }
    }
    Data d = data(dense, positive, hard, "a", "b", "c", "d");
    for (int f = 0; f < features; f++) {
      SparseAuroc.Scores scores = SparseAuroc.score(d.columns().column(f), d.labels());
      double[] scoresDense = new double[n];
      for (int t = 0; t < n; t++) {
        scoresDense[t] = dense[t][f];
      }
      for (int c = 0; c < concepts; c++) {
        int[] labels = new int[n];
        double sumPositive = 0;
        double sumHard = 0;
        for (int t = 0; t < n; t++) {
          labels[t] = positive[c][t] ? 1 : 0;
          sumPositive += positive[c][t] ? dense[t][f] : 0;
          sumHard += hard[c][t] ? dense[t][f] : 0;
        }
        assertEquals(ProbeMetrics.auroc(scoresDense, labels), scores.auroc()[c], 1e-12, "feature " + f + " concept " + c);
        assertEquals(sumPositive, scores.sumOnPositives()[c], 1e-9);
        assertEquals(sumHard, scores.sumOnHardNegatives()[c], 1e-9);
      }
    }
    // The last feature never fires: every token ties at zero.
    assertEquals(0, d.columns().nonZeroCount(features - 1));
    assertEquals(0.5, SparseAuroc.score(d.columns().column(features - 1), d.labels()).auroc()[0], 0);
  }

  @Test
  void plantedFeatureGetsItsConceptsLabel() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 2000;
    float[][] dense = new float[n][6];
    boolean[][] positive = new boolean[3][n];
    boolean[][] hard = new boolean[3][n];
    for (int t = 0; t < n; t++) {
      positive[0][t] = t % 20 < 3; // golden_gate
      hard[0][t] = t % 20 == 5 || t % 20 == 6; // sydney bridge mentions
      positive[1][t] = t % 20 == 10; // deception
      positive[2][t] = random.nextDouble() < 0.1; // noise concept
      if (positive[0][t]) {
        dense[t][3] = 4 + (float) random.nextDouble(); // planted: fires on every golden_gate token
      }
      if (hard[0][t] && t % 40 < 20) {
        dense[t][3] = 0.2f; // weakly on half the distractors
      }
      if (positive[1][t] && t % 40 < 20) {
        dense[t][1] = 2f; // half of deception: AUROC about 0.75
      }
      for (int f : new int[] {0, 2, 4, 5}) {
        if (random.nextDouble() < 0.1) {
          dense[t][f] = (float) random.nextDouble();
        }
      }
    }
    Data d = data(dense, positive, hard, "golden_gate", "deception", "noise");
    AutoLabeller labeller = new AutoLabeller(0.8, 2, Map.of("golden_gate", "golden gate bridge"));
    Labelling result = labeller.label(d.columns(), d.labels());

    FeatureLabel planted = result.feature(3);
    assertEquals("golden gate bridge", planted.label());
    assertEquals("golden_gate", planted.concept());
    assertEquals(1.0, planted.confidence(), 1e-12);
    assertEquals(2, planted.conceptScores().size());
    assertEquals("golden_gate", planted.conceptScores().get(0).concept());
    assertTrue(planted.meanActivationOnPositives() > 4);
    assertEquals(0.1, planted.meanActivationOnHardNegatives(), 1e-6); // 0.2 on half of them
    assertTrue(planted.meanActivationOnHardNegatives() < 0.1 * planted.meanActivationOnPositives());

    FeatureLabel partial = result.feature(1); // below the threshold: unlabelled, scores kept
    assertNull(partial.label());
    assertNull(partial.concept());
    assertTrue(Double.isNaN(partial.confidence()));
    assertEquals("deception", partial.conceptScores().get(0).concept());
    assertEquals(0.75, partial.conceptScores().get(0).auroc(), 0.01);
    assertEquals("deception", new AutoLabeller(0.7, 3, Map.of()).label(d.columns(), d.labels()).feature(1).label(),
        "unmapped concepts are spelled from their id");

    assertEquals(List.of("deception", "golden_gate", "noise"), result.bestFeatures().stream().map(BestFeature::concept).toList());
    BestFeature golden = result.bestFeatures().get(1);
    assertEquals(3, golden.feature());
    assertEquals(1.0, golden.auroc(), 1e-12);
    assertEquals(planted.meanActivationOnPositives(), golden.meanActivationOnPositives(), 1e-12);
    assertEquals(1, result.bestFeatures().get(0).feature());
  }

  @Test
  void conceptsWithoutPositivesHaveNoScore() {
    float[][] dense = {{1, 0}, {0, 0}, {2, 1}};
    boolean[][] positive = {{true, false, true}, {false, false, false}};
    boolean[][] hard = {{false, false, false}, {false, true, false}};
    Data d = data(dense, positive, hard, "x", "empty");
    Labelling result = new AutoLabeller().label(d.columns(), d.labels());
    assertEquals(List.of("x"), result.bestFeatures().stream().map(BestFeature::concept).toList());
    assertEquals(1, result.feature(0).conceptScores().size());
    assertEquals(1.0, result.feature(0).confidence(), 0);
    assertEquals(0.75, result.feature(1).conceptScores().get(0).auroc(), 1e-12); // [1, 0] vs 0: one tie
  }

  @Test
  void mismatchedTokensAndBadSettingsAreRejected() {
    FeatureColumns columns = new FeatureColumns(2);
    columns.add(new int[] {0}, new float[] {1});
    ConceptLabels labels = new ConceptLabels();
    assertThrows(IllegalArgumentException.class, () -> new AutoLabeller().label(columns, labels));
    assertThrows(IllegalArgumentException.class, () -> new AutoLabeller(0.4, 3, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> columns.add(new int[] {2}, new float[] {1}));
    assertThrows(IllegalArgumentException.class, () -> labels.add(new int[] {0}, new int[0]));
  }
}
