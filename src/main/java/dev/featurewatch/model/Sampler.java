package dev.featurewatch.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the next token from one row of logits, following {@link SamplingParams}.
 *
 * <p>Create one {@code Sampler} per generation. It owns that generation's random number
 * generator (a {@link SplittableRandom} seeded from {@link SamplingParams#seed()}), so the same
 * seed, parameters and logits give the same tokens, and concurrent generations share no state.
 * It also keeps scratch buffers sized to the vocabulary between calls; it is therefore
 * <em>not</em> thread-safe and must stay confined to the thread running its generation.
 *
 * <p>{@link #sample(float[])} works as follows:
 *
 * <ol>
 *   <li>{@code NaN} logits are treated as {@code -Infinity}; {@code -Infinity} tokens are never
 *       picked. If no token is left, an {@link IllegalStateException} is thrown.
 *   <li>Greedy ({@code temperature == 0}): the token with the largest logit; ties go to the
 *       lowest id. No random number is drawn.
 *   <li>Otherwise the probabilities are {@code softmax(logits / temperature)}, computed stably
 *       (the maximum is subtracted before {@code exp}, sums are accumulated in {@code double}).
 *       If some logits are {@code +Infinity}, those tokens share all the probability equally.
 *   <li>Top-k keeps the {@code topK} most likely tokens (ties broken towards the lowest id).
 *   <li>Top-p (nucleus) then keeps, from what top-k left and renormalised over it, the smallest
 *       set of most likely tokens whose cumulative probability reaches {@code topP}. At least one
 *       token is always kept. Because logits are {@code float}s, probabilities are only
 *       meaningful to about {@code 1e-7}; the comparison with {@code topP} therefore allows a
 *       slack of {@value #TOP_P_SLACK}, so that a nucleus whose mass equals {@code topP}
 *       mathematically (0.5 + 0.3 for {@code topP = 0.8}) is not widened by rounding noise.
 *   <li>One token is drawn from the kept tokens, proportionally to their probabilities.
 * </ol>
 *
 * <p>Cost per call is {@code O(V)} for plain sampling, {@code O(V log k)} with top-k (a bounded
 * heap, no full sort), and for top-p alone {@code O(V)} plus a sort of only the tokens that can
 * possibly be in the nucleus. Nothing is boxed.
 */
public final class Sampler {

  /** Slack allowed when comparing cumulative probability with {@code topP}; see class doc. */
  static final double TOP_P_SLACK = 1e-6;

  private final SamplingParams params;
  private final long seed;
  private final SplittableRandom random;
  private final int[] stopTokenIds; // sorted ascending, distinct

  // Scratch buffers, grown on demand and reused: the vocabulary size is fixed for a generation,
  // so they are allocated once instead of once per token.
  private long[] keys = new long[0];
  private int[] keptIds = new int[0];
  private double[] keptWeights = new double[0];

  /**
   * Creates the sampler for one generation. If {@code params.seed()} is {@code null}, a random
   * seed is chosen; it is reported by {@link #seed()}.
   */
  public Sampler(SamplingParams params) {
    this.params = Objects.requireNonNull(params, "params");
    this.seed = params.seed() != null ? params.seed() : ThreadLocalRandom.current().nextLong();
    this.random = new SplittableRandom(seed);
    this.stopTokenIds = params.stopTokenIds(); // already a sorted, distinct copy
  }

  /** The parameters this sampler follows. */
  public SamplingParams params() {
    return params;
  }

  /**
   * The seed of this sampler's random number generator: {@code params().seed()} if it was set,
   * otherwise the random seed chosen at construction. Recording it lets a generation be replayed.
   */
  public long seed() {
    return seed;
  }

  /** Whether {@code tokenId} is one of {@link SamplingParams#stopTokenIds()}. */
  public boolean isStopToken(int tokenId) {
    return Arrays.binarySearch(stopTokenIds, tokenId) >= 0;
  }

  /**
   * Picks the next token.
   *
   * @param logits one vocabulary row of logits; not modified
   * @return the id of the chosen token, an index into {@code logits}
   * @throws IllegalArgumentException if {@code logits} is empty
   * @throws IllegalStateException if every logit is {@code -Infinity} or {@code NaN}
   */
  public int sample(float[] logits) {
    int kept = select(logits);
    if (params.isGreedy()) {
      return keptIds[0];
    }
    return keptIds[draw(kept)];
  }

  /**
   * The ids that {@link #sample} can return for these logits, i.e. the tokens left after top-k
   * and top-p with a probability above zero, in ascending order. Draws no random number. Exposed
   * for tests, which compare it with a straightforward reference implementation.
   */
  int[] support(float[] logits) {
    int kept = select(logits);
    int[] ids = new int[kept];
    int n = 0;
    for (int i = 0; i < kept; i++) {
      if (keptWeights[i] > 0) {
        ids[n++] = keptIds[i];
      }
    }
    ids = Arrays.copyOf(ids, n);
    Arrays.sort(ids);
    return ids;
  }

  /**
   * Fills {@code keptIds[0..n)} and {@code keptWeights[0..n)} with the tokens that survive the
   * filters and their unnormalised probabilities, and returns {@code n >= 1}. Except when neither
   * top-k nor top-p is active, the tokens are ordered from most to least likely.
   */
  private int select(float[] logits) {
    Objects.requireNonNull(logits, "logits");
    int vocab = logits.length;
    if (vocab == 0) {
      throw new IllegalArgumentException("logits must not be empty");
    }
    // "l > max" is false for NaN, so NaN logits are skipped like -Infinity ones; the strict
    // comparison keeps the first (lowest) id among equal maxima.
    float max = Float.NEGATIVE_INFINITY;
    int argmax = -1;
    for (int i = 0; i < vocab; i++) {
      if (logits[i] > max) {
        max = logits[i];
        argmax = i;
      }
    }
    if (argmax < 0) {
      throw new IllegalStateException(
          "no token can be sampled: all " + vocab + " logits are -Infinity or NaN");
    }
    if (params.isGreedy()) {
      ensureKeptCapacity(1);
      keptIds[0] = argmax;
      keptWeights[0] = 1;
      return 1;
    }
    int topK = params.topK();
    if (topK > 0 && topK < vocab) {
      return selectTopK(logits, topK, max);
    }
    if (params.topP() < 1) {
      return selectNucleus(logits, max);
    }
    return selectAll(logits, max);
  }

  /** No filter: every token with a finite or +Infinity logit, in id order. */
  private int selectAll(float[] logits, float max) {
    float floor = floor(max);
    ensureKeptCapacity(logits.length);
    int n = 0;
    for (int i = 0; i < logits.length; i++) {
      float l = logits[i];
      if (l > floor) {
        keptIds[n] = i;
        keptWeights[n] = weight(l, max);
        n++;
      }
    }
    return n;
  }

  /** Top-k through a bounded min-heap of sort keys, then top-p over the k survivors. */
  private int selectTopK(float[] logits, int k, float max) {
    float floor = floor(max);
    ensureKeyCapacity(k);
    long[] heap = keys;
    int size = 0;
    for (int i = 0; i < logits.length; i++) {
      float l = logits[i];
      if (l > floor) {
        long key = key(l, i);
        if (size < k) {
          heap[size] = key;
          siftUp(heap, size++);
        } else if (key > heap[0]) {
          heap[0] = key;
          siftDown(heap, size);
        }
      }
    }
    Arrays.sort(heap, 0, size);
    ensureKeptCapacity(size);
    double mass = 0;
    for (int j = 0; j < size; j++) {
      int id = id(heap[size - 1 - j]); // descending
      double w = weight(logits[id], max);
      keptIds[j] = id;
      keptWeights[j] = w;
      mass += w;
    }
    // Top-p is relative to the top-k distribution, renormalised: mass is the top-k mass.
    return nucleusSize(size, mass);
  }

  /** Top-p alone, sorting only the tokens that can be part of the nucleus. */
  private int selectNucleus(float[] logits, float max) {
    float floor = floor(max);
    double mass = 0;
    int candidates = 0;
    for (float l : logits) {
      if (l > floor) {
        mass += weight(l, max);
        candidates++;
      }
    }
    // Tokens with probability below eps = (1 - topP) / (2 * candidates) hold at most
    // (1 - topP) / 2 of the mass together, so the more likely tokens alone hold more than topP
    // (with margin to spare for rounding and TOP_P_SLACK), and the nucleus, a prefix of the
    // tokens sorted by probability, lies entirely among them. Only those need sorting; for a real
    // model's long-tailed distribution that is a small fraction of the vocabulary. The test
    // p >= eps is done on the logit to avoid a second exp per token.
    double cutoff;
    if (max == Float.POSITIVE_INFINITY) {
      cutoff = Double.POSITIVE_INFINITY; // all +Infinity tokens are equally likely: keep them all
    } else {
      double eps = (1 - params.topP()) / (2.0 * candidates);
      cutoff = max + params.temperature() * Math.log(eps * mass);
    }
    ensureKeyCapacity(candidates);
    int n = 0;
    for (int i = 0; i < logits.length; i++) {
      float l = logits[i];
      if (l > floor && l >= cutoff) {
        keys[n++] = key(l, i);
      }
    }
    Arrays.sort(keys, 0, n);
    ensureKeptCapacity(n);
    for (int j = 0; j < n; j++) {
      int id = id(keys[n - 1 - j]); // descending
      keptIds[j] = id;
      keptWeights[j] = weight(logits[id], max);
    }
    // The nucleus is relative to the whole distribution, so compare with the full mass, not
    // with the mass of the tokens sorted above.
    return nucleusSize(n, mass);
  }

  /**
   * Length of the shortest prefix of the kept tokens (sorted most likely first) whose weight
   * reaches {@code topP * mass}; {@code n} if top-p is off or the prefix never reaches it.
   */
  private int nucleusSize(int n, double mass) {
    double topP = params.topP();
    if (topP >= 1) {
      return n;
    }
    double target = (topP - TOP_P_SLACK) * mass;
    double cumulative = 0;
    for (int j = 0; j < n; j++) {
      cumulative += keptWeights[j];
      if (cumulative >= target) {
        return j + 1;
      }
    }
    return n;
  }

  /** Draws an index into {@code keptIds[0..n)} proportionally to {@code keptWeights}. */
  private int draw(int n) {
    double total = 0;
    for (int j = 0; j < n; j++) {
      total += keptWeights[j];
    }
    double u = random.nextDouble() * total; // in [0, total)
    double cumulative = 0;
    int last = 0;
    for (int j = 0; j < n; j++) {
      double w = keptWeights[j];
      if (w > 0) {
        cumulative += w;
        last = j;
        if (u < cumulative) {
          return j;
        }
      }
    }
    // Only reachable through rounding (u within an ulp of total): the last possible token.
    return last;
  }

  /**
   * Unnormalised probability {@code exp((l - max) / T)}; in [0, 1], exactly 1 for the maximum.
   * When the maximum is +Infinity only +Infinity logits are candidates, and they are equally
   * likely. Divides rather than multiplying by 1/T, which would overflow for tiny temperatures.
   */
  private double weight(float logit, float max) {
    if (max == Float.POSITIVE_INFINITY) {
      return 1;
    }
    return Math.exp(((double) logit - max) / params.temperature());
  }

  /** Candidates are the logits strictly above the floor (NaN never is). */
  private static float floor(float max) {
    // If some logit is +Infinity, every finite logit has probability zero.
    return max == Float.POSITIVE_INFINITY ? Float.MAX_VALUE : Float.NEGATIVE_INFINITY;
  }

  /**
   * Packs a logit and its token id into a long whose natural order is by logit, then by
   * descending id: the largest key is the most likely token, and among equal logits the lowest
   * id, matching greedy's tie-break. The high half is the float's bits made order-preserving as
   * a signed int; the low half is {@code Integer.MAX_VALUE - id}, non-negative.
   */
  static long key(float logit, int id) {
    int bits = Float.floatToRawIntBits(logit + 0.0f); // + 0.0f maps -0.0 to 0.0
    bits ^= (bits >> 31) & 0x7fffffff; // negative floats: reverse the order of the magnitude bits
    return ((long) bits << 32) | (Integer.MAX_VALUE - id);
  }

  /** The token id packed by {@link #key}. */
  static int id(long key) {
    return Integer.MAX_VALUE - (int) key;
  }

  private static void siftUp(long[] heap, int i) {
    long x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= x) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private static void siftDown(long[] heap, int size) {
    long x = heap[0];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= x) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }

  private void ensureKeyCapacity(int n) {
    if (keys.length < n) {
      keys = new long[n];
    }
  }

  private void ensureKeptCapacity(int n) {
    if (keptIds.length < n) {
      keptIds = new int[n];
      keptWeights = new double[n];
    }
  }
}
