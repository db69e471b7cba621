package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {

  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  /** Plain sampling at temperature 1 with a fixed seed; tests adjust the rest with withers. */
  private static SamplingParams sampling(long seed) {
    return SamplingParams.greedy(100).withTemperature(1.0).withSeed(seed);
  }

  private static int[] counts(Sampler sampler, float[] logits, int draws) {
    int[] counts = new int[logits.length];
    for (int i = 0; i < draws; i++) {
      counts[sampler.sample(logits)]++;
    }
    return counts;
  }

  /** Logits whose softmax (at temperature 1) is exactly {@code probs}, up to float rounding. */
  private static float[] logitsOf(double... probs) {
    float[] logits = new float[probs.length];
    for (int i = 0; i < probs.length; i++) {
      logits[i] = (float) Math.log(probs[i]);
    }
    return logits;
  }

  private static double[] softmax(float[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp((logits[i] - max) / temperature);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static double chiSquare(int[] observed, double[] expectedProbs, int draws) {
    double chi2 = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = expectedProbs[i] * draws;
      chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
    }
    return chi2;
  }

  // ---------------------------------------------------------------- greedy

  @Test
  void greedyPicksArgmax() {
    Sampler sampler = new Sampler(SamplingParams.greedy(1));
    assertEquals(2, sampler.sample(new float[] {0.1f, -3f, 5f, 4.9f}));
    assertEquals(0, sampler.sample(new float[] {-1f, -2f, -3f}));
    assertEquals(3, sampler.sample(new float[] {NEG_INF, -100f, -50f, 1e-30f}));
  }

  @Test
  void greedyBreaksTiesTowardsLowestId() {
    Sampler sampler = new Sampler(SamplingParams.greedy(1));
    assertEquals(1, sampler.sample(new float[] {1f, 3f, 2f, 3f, 3f}));
    assertEquals(0, sampler.sample(new float[] {7f, 7f}));
    // -0.0 and 0.0 are equal logits: still the lowest id.
    assertEquals(0, sampler.sample(new float[] {0.0f, -0.0f}));
    assertEquals(0, sampler.sample(new float[] {-0.0f, 0.0f}));
  }

  @Test
  void greedyIgnoresNaNAndDoesNotDependOnSeed() {
    float[] logits = {Float.NaN, 2f, Float.NaN, 3f, NEG_INF};
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(3, new Sampler(SamplingParams.greedy(1).withSeed(seed)).sample(logits));
    }
  }

  @Test
  void allImpossibleLogitsAreAnError() {
    for (SamplingParams p :
        List.of(SamplingParams.greedy(1), sampling(1), sampling(1).withTopK(2), sampling(1).withTopP(0.5))) {
      Sampler sampler = new Sampler(p);
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> sampler.sample(new float[] {NEG_INF, Float.NaN, NEG_INF}));
      assertTrue(e.getMessage().contains("-Infinity or NaN"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> sampler.sample(new float[0]));
    }
  }

  // ---------------------------------------------------------------- seeds

  @Test
  void sameSeedGivesSameTokensAndDifferentSeedsDiffer() {
    float[] logits = new float[50];
    Random r = new Random(3);
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) r.nextGaussian();
    }
    int[] first = drawSequence(new Sampler(sampling(42)), logits, 1000);
    int[] again = drawSequence(new Sampler(sampling(42)), logits, 1000);
    int[] other = drawSequence(new Sampler(sampling(43)), logits, 1000);
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, other));
    // Same for the top-k and top-p code paths.
    assertArrayEquals(
        drawSequence(new Sampler(sampling(7).withTopK(10).withTopP(0.9)), logits, 1000),
        drawSequence(new Sampler(sampling(7).withTopK(10).withTopP(0.9)), logits, 1000));
  }

  @Test
  void randomSeedIsReportedAndReplays() {
    float[] logits = {0f, 0.5f, 1f, 0.2f, -0.3f, 0.9f};
    Sampler unseeded = new Sampler(sampling(0).withSeed(null));
    int[] sequence = drawSequence(unseeded, logits, 500);
    Sampler replay = new Sampler(sampling(unseeded.seed()));
    assertArrayEquals(sequence, drawSequence(replay, logits, 500));
    assertEquals(42L, new Sampler(sampling(42)).seed());
  }

  private static int[] drawSequence(Sampler sampler, float[] logits, int n) {
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = sampler.sample(logits);
    }
    return tokens;
  }

  // ---------------------------------------------------------------- top-k

  @Test
  void topKOneEqualsGreedy() {
    Random r = new Random(11);
    Sampler greedy = new Sampler(SamplingParams.greedy(1));
    Sampler topOne = new Sampler(sampling(5).withTopK(1).withTemperature(3.0));
    for (int round = 0; round < 200; round++) {
      float[] logits = new float[100];
      for (int i = 0; i < logits.length; i++) {
        // Few distinct values, so that ties for the maximum are common.
        logits[i] = r.nextInt(5);
      }
      assertEquals(greedy.sample(logits), topOne.sample(logits));
    }
  }

  @Test
  void topKThreeOnlyEverDrawsTheThreeLargest() {
    // Close logits, so that without top-k every token would be drawn often.
    float[] logits = {1.0f, 1.3f, 0.9f, 1.5f, 1.1f, 0.8f, 1.4f, 1.2f};
    int[] counts = counts(new Sampler(sampling(9).withTopK(3)), logits, 10_000);
    for (int id = 0; id < logits.length; id++) {
      boolean inTop3 = id == 3 || id == 6 || id == 1;
      assertEquals(inTop3, counts[id] > 0, "token " + id + " drawn " + counts[id] + " times");
    }
    // The three are renormalised among themselves: compare with softmax over just them.
    double[] p = softmax(new float[] {logits[3], logits[6], logits[1]}, 1.0);
    int[] observed = {counts[3], counts[6], counts[1]};
    assertTrue(chiSquare(observed, p, 10_000) < 13.8); // df = 2, alpha = 0.001
  }

  @Test
  void topKTiesAreBrokenTowardsLowestId() {
    float[] logits = {1f, 2f, 2f, 2f, 0f};
    assertArrayEquals(new int[] {1, 2}, new Sampler(sampling(1).withTopK(2)).support(logits));
  }

  // ---------------------------------------------------------------- top-p

  @Test
  void topPKeepsExactlyTheNucleus() {
    // Ids are deliberately not in probability order: p(3)=0.5, p(0)=0.3, p(2)=0.15, p(1)=0.05.
    float[] logits = logitsOf(0.3, 0.05, 0.15, 0.5);

    Sampler p80 = new Sampler(sampling(21).withTopP(0.8));
    assertArrayEquals(new int[] {0, 3}, p80.support(logits));
    int[] counts = counts(p80, logits, 10_000);
    assertEquals(0, counts[1] + counts[2]);
    // Renormalised: 0.5 / 0.8 = 0.625 for token 3; 4 sigma is about 0.019.
    assertEquals(0.625, counts[3] / 10_000.0, 0.02);

    Sampler p81 = new Sampler(sampling(22).withTopP(0.81));
    assertArrayEquals(new int[] {0, 2, 3}, p81.support(logits));
    counts = counts(p81, logits, 10_000);
    assertEquals(0, counts[1]);
    assertTrue(counts[0] > 0 && counts[2] > 0 && counts[3] > 0, Arrays.toString(counts));

    // Tiny topP still keeps the most likely token.
    assertArrayEquals(new int[] {3}, new Sampler(sampling(23).withTopP(1e-9)).support(logits));
  }

  @Test
  void nucleusWhoseMassEqualsTopPIsNotWidenedByRounding() {
    // Each case: probabilities, topP, nucleus size. The first tokens' probabilities add up to
    // topP exactly in decimal, but not after float logits, exp and double sums.
    Object[][] cases = {
      {new double[] {0.4, 0.3, 0.2, 0.1}, 0.7, 2},
      {new double[] {0.4, 0.3, 0.2, 0.1}, 0.9, 3},
      {new double[] {0.6, 0.3, 0.1}, 0.9, 2},
      {new double[] {0.7, 0.2, 0.1}, 0.9, 2},
      {new double[] {0.25, 0.25, 0.25, 0.25}, 0.75, 3},
      {new double[] {0.35, 0.3, 0.2, 0.15}, 0.85, 3},
      {new double[] {0.45, 0.3, 0.15, 0.1}, 0.9, 3},
      // Without the slack, rounding would add one more token to each of these.
      {new double[] {0.64, 0.33, 0.02, 0.01}, 0.64, 1},
      {new double[] {0.76, 0.13, 0.06, 0.05}, 0.76, 1},
      {new double[] {0.58, 0.23, 0.19}, 0.81, 2},
      {new double[] {0.36, 0.31, 0.22, 0.11}, 0.67, 2},
    };
    for (Object[] c : cases) {
      double[] probs = (double[]) c[0];
      double topP = (double) c[1];
      int size = (int) c[2];
      int[] support = new Sampler(sampling(1).withTopP(topP)).support(logitsOf(probs));
      assertEquals(size, support.length, Arrays.toString(probs) + " topP=" + topP);
    }
  }

  @Test
  void topPIsAppliedAfterTopKOnTheRenormalisedDistribution() {
    float[] logits = logitsOf(0.4, 0.3, 0.2, 0.1);
    // Without top-k, 0.4 < 0.5 so the nucleus needs two tokens.
    assertArrayEquals(new int[] {0, 1}, new Sampler(sampling(1).withTopP(0.5)).support(logits));
    // With top-k 2, token 0 has 0.4 / 0.7 = 0.57 >= 0.5 on its own.
    Sampler both = new Sampler(sampling(1).withTopK(2).withTopP(0.5));
    assertArrayEquals(new int[] {0}, both.support(logits));
    int[] counts = counts(both, logits, 1000);
    assertEquals(1000, counts[0]);
  }

  @Test
  void largeVocabularyMatchesReferenceImplementation() {
    Random r = new Random(1234);
    float[] logits = new float[200_000];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (r.nextGaussian() * 3);
    }
    logits[17] = Float.NaN;
    logits[18] = NEG_INF;
    for (double topP : new double[] {0.3, 0.9, 0.999}) {
      for (int topK : new int[] {0, 5, 1000, 150_000}) {
        SamplingParams p = sampling(3).withTemperature(0.8).withTopK(topK).withTopP(topP);
        int[] expected = referenceSupport(logits, p);
        int[] actual = new Sampler(p).support(logits);
        assertArrayEquals(expected, actual, "topK=" + topK + " topP=" + topP);
        if (topK == 5) {
          assertTrue(expected.length <= 5);
        }
      }
    }
  }

  /** Straightforward, boxed reimplementation of temperature, top-k and top-p. */
  private static int[] referenceSupport(float[] logits, SamplingParams params) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] > NEG_INF) {
        ids.add(i);
      }
    }
    ids.sort(
        Comparator.comparingDouble((Integer i) -> -logits[i]).thenComparingInt(Integer::intValue));
    if (params.topK() > 0 && params.topK() < ids.size()) {
      ids = ids.subList(0, params.topK());
    }
    double max = logits[ids.get(0)];
    double[] weights = new double[ids.size()];
    double mass = 0;
    for (int j = 0; j < ids.size(); j++) {
      weights[j] = Math.exp((logits[ids.get(j)] - max) / params.temperature());
      mass += weights[j];
    }
    double cumulative = 0;
    int size = ids.size();
    for (int j = 0; j < ids.size(); j++) {
      cumulative += weights[j];
      if (cumulative >= (params.topP() - Sampler.TOP_P_SLACK) * mass) {
        size = j + 1;
        break;
      }
    }
    return ids.subList(0, size).stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  // ---------------------------------------------------------------- temperature

  @Test
  void lowTemperatureFrequenciesMatchSoftmax() {
    assertFrequenciesMatchSoftmax(0.5);
  }

  @Test
  void highTemperatureFrequenciesMatchSoftmax() {
    assertFrequenciesMatchSoftmax(2.0);
  }

  private static void assertFrequenciesMatchSoftmax(double temperature) {
    float[] logits = {2.0f, 1.0f, 0.5f, 0.0f, -0.5f, -1.0f};
    int draws = 100_000;
    int[] counts =
        counts(new Sampler(sampling(77).withTemperature(temperature)), logits, draws);
    // df = 5; 20.515 is the 0.999 quantile of chi-square(5).
    double critical = 20.515;
    double chi2 = chiSquare(counts, softmax(logits, temperature), draws);
    assertTrue(chi2 < critical, "chi-square " + chi2 + " for T=" + temperature);
    // The test has power: the same counts are far from the untempered distribution.
    double chi2AtT1 = chiSquare(counts, softmax(logits, 1.0), draws);
    assertTrue(chi2AtT1 > 100 * critical, "chi-square against T=1: " + chi2AtT1);
  }

  @Test
  void positiveInfinityLogitsShareAllTheMass() {
    float[] logits = {1f, Float.POSITIVE_INFINITY, 3f, Float.POSITIVE_INFINITY, Float.NaN};
    for (SamplingParams p : List.of(sampling(4), sampling(4).withTopP(0.9), sampling(4).withTopK(3))) {
      Sampler sampler = new Sampler(p);
      assertArrayEquals(new int[] {1, 3}, sampler.support(logits), p.toString());
      int[] counts = counts(sampler, logits, 4000);
      assertEquals(4000, counts[1] + counts[3]);
      assertEquals(2000, counts[1], 130); // 4 sigma ~ 126
    }
  }

  @Test
  void tinyTemperatureBehavesLikeGreedy() {
    float[] logits = {1f, 1.0001f, 0.9f};
    Sampler sampler = new Sampler(sampling(8).withTemperature(Double.MIN_VALUE));
    assertArrayEquals(new int[] {1}, sampler.support(logits));
    assertEquals(1, sampler.sample(logits));
  }

  // ---------------------------------------------------------------- stop tokens

  @Test
  void stopTokens() {
    Sampler sampler = new Sampler(SamplingParams.greedy(1).withStopTokenIds(50_000, 2, 7));
    assertTrue(sampler.isStopToken(2));
    assertTrue(sampler.isStopToken(7));
    assertTrue(sampler.isStopToken(50_000));
    assertFalse(sampler.isStopToken(3));
    assertFalse(sampler.isStopToken(0));
    assertFalse(new Sampler(SamplingParams.greedy(1)).isStopToken(0));
  }

  @Test
  void keysOrderByLogitThenLowestId() {
    float[] values = {NEG_INF, -3f, -0.0f, 0.0f, Float.MIN_VALUE, 1f, Float.MAX_VALUE};
    for (int a = 0; a < values.length; a++) {
      for (int b = 0; b < values.length; b++) {
        long ka = Sampler.key(values[a], 10);
        long kb = Sampler.key(values[b], 20);
        int expected = Float.compare(values[a] + 0.0f, values[b] + 0.0f);
        if (expected == 0) {
          assertTrue(ka > kb, "lower id must sort above on ties");
        } else {
          assertEquals(expected, Long.signum(Long.compare(ka, kb)), values[a] + " vs " + values[b]);
        }
      }
    }
    assertEquals(262_143, Sampler.id(Sampler.key(-1.5f, 262_143)));
    assertNotEquals(Sampler.key(1f, 0), Sampler.key(1f, 1));
  }
}
