package dev.featurewatch.dictionary;

import java.util.Arrays;

/**
 * The exact token-level AUROC of one feature for every concept at once: the probability that a
 * random positive token of the concept has a higher activation than a random other scored token,
 * ties counting one half (the Mann-Whitney U statistic over average ranks, as {@code
 * ProbeMetrics.auroc} computes it on dense scores).
 *
 * <p>A sparse feature is zero on almost every token, and all those zeros are one tie group with a
 * known size and average rank. So only the non-zero activations are sorted: O(nnz log nnz + nnz ×
 * concepts per token + concepts) per feature instead of O(N log N). Ranks and rank sums are exact
 * in a double up to 2^53, far beyond any corpus this runs on.
 */
final class SparseAuroc {
  private SparseAuroc() {}

  /**
   * Per concept: the AUROC (NaN when the concept has no positive or no negative token), and the
   * sums of the feature's activation over the concept's positive and hard-negative tokens.
   */
  record Scores(double[] auroc, double[] sumOnPositives, double[] sumOnHardNegatives) {}

  static Scores score(FeatureColumns.Column column, ConceptLabels labels) {
    int concepts = labels.conceptCount();
    long n = labels.tokenCount();
    int nnz = column.size();
    int[] tokens = column.tokens();
    float[] values = column.values();
    double[] rankSum = new double[concepts];
    long[] firingPositives = new long[concepts];
    double[] sumPositive = new double[concepts];
    double[] sumHard = new double[concepts];

    // Sort by value: positive floats order like their bit patterns; the low half keeps the slot.
    long[] keys = new long[nnz];
    for (int i = 0; i < nnz; i++) {
      keys[i] = ((long) Float.floatToRawIntBits(values[i]) << 32) | i;
    }
    Arrays.sort(keys);

    long zeros = n - nnz;
    double below = zeros; // every zero ranks below every positive activation
    int i = 0;
    while (i < nnz) {
      int bits = (int) (keys[i] >>> 32);
      int j = i;
      while (j + 1 < nnz && (int) (keys[j + 1] >>> 32) == bits) {
        j++;
      }
      int ties = j - i + 1;
      double averageRank = below + (ties + 1) / 2.0; // ranks below+1 … below+ties, 1-based
      for (int k = i; k <= j; k++) {
        int slot = (int) keys[k];
        int token = tokens[slot];
        float v = values[slot];
        for (int s = labels.rowStart(true, token), end = labels.rowEnd(true, token); s < end; s++) {
          int c = labels.conceptAt(true, s);
          rankSum[c] += averageRank;
          firingPositives[c]++;
          sumPositive[c] += v;
        }
        for (int s = labels.rowStart(false, token), end = labels.rowEnd(false, token); s < end; s++) {
          sumHard[labels.conceptAt(false, s)] += v;
        }
      }
      below += ties;
      i = j + 1;
    }

    double zeroRank = (zeros + 1) / 2.0;
    double[] auroc = new double[concepts];
    for (int c = 0; c < concepts; c++) {
      long positives = labels.positiveCount(c);
      long negatives = n - positives;
      if (positives == 0 || negatives == 0) {
        auroc[c] = Double.NaN;
        continue;
      }
      double positiveRanks = rankSum[c] + (positives - firingPositives[c]) * zeroRank;
      double u = positiveRanks - positives * (positives + 1) / 2.0;
      auroc[c] = u / ((double) positives * negatives);
    }
    return new Scores(auroc, sumPositive, sumHard);
  }
}
