package dev.featurewatch.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How one generation picks its tokens and when it stops. Immutable and validated on construction,
 * so a {@link Sampler} or the decode loop never has to re-check a field.
 *
 * <p>Fields and their allowed ranges:
 *
 * <ul>
 *   <li>{@code temperature}: finite and {@code >= 0}. {@code 0} means greedy decoding (argmax,
 *       ties go to the lowest token id); {@code topK}, {@code topP} and {@code seed} are then
 *       irrelevant.
 *   <li>{@code topK}: {@code >= 0}; keep only the {@code topK} most likely tokens. {@code 0}
 *       disables top-k.
 *   <li>{@code topP}: in {@code (0, 1]}; nucleus sampling over the tokens left after top-k.
 *       {@code 1} disables top-p.
 *   <li>{@code seed}: seed of the generation's random number generator, or {@code null} for a
 *       fresh random seed (the seed actually used is reported by {@link Sampler#seed()}, so a
 *       generation can still be replayed).
 *   <li>{@code maxTokens}: {@code >= 0}; the most tokens to generate. {@code 0} is allowed and
 *       means "prefill only": the prompt is run (and monitored) but nothing is generated, which
 *       is what a prompt-only check or an audit replay of a prompt needs.
 *   <li>{@code stopTokenIds}: token ids ({@code >= 0}) that end the generation; the stop token
 *       itself is not part of the output. Stored sorted and without duplicates, because it is a
 *       set: {@code [2, 1, 2]} and {@code [1, 2]} give equal parameters. {@code null} means none.
 *   <li>{@code stopStrings}: strings that end the generation when they appear in the decoded
 *       output (see {@link StopStringMatcher}); none may be null or empty. Order is kept.
 *       {@code null} means none.
 * </ul>
 *
 * <p>Stop token ids are kept as a primitive {@code int[]} (not a boxed collection) so the hot
 * path never boxes; the array is copied on the way in and out, and {@link #equals},
 * {@link #hashCode} and {@link #toString} compare and print its content.
 *
 * <p>Callers that fill the parameters field by field (a CLI, an HTTP request) start from
 * {@link #greedy(int)} and apply the {@code with*} methods; each returns a new, validated
 * instance.
 *
 * @param temperature softmax temperature, {@code 0} for greedy
 * @param topK number of most likely tokens to keep, {@code 0} for all
 * @param topP nucleus probability mass, {@code 1} for all
 * @param seed random seed, {@code null} for a random one
 * @param maxTokens maximum number of generated tokens, {@code 0} for prefill only
 * @param stopTokenIds token ids that stop the generation
 * @param stopStrings strings that stop the generation
 */
public record SamplingParams(
    double temperature,
    int topK,
    double topP,
    Long seed,
    int maxTokens,
    int[] stopTokenIds,
    List<String> stopStrings) {

  private static final int[] NO_IDS = new int[0];

  /** Validates every field and takes defensive, normalised copies of the array and list. */
  public SamplingParams {
    // Written as !(x >= 0) so that NaN is rejected too.
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be finite and >= 0 (0 = greedy), got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = disabled), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1] (1 = disabled), got " + topP);
    }
    if (maxTokens < 0) {
      throw new IllegalArgumentException(
          "maxTokens must be >= 0 (0 = prefill only), got " + maxTokens);
    }
    temperature += 0.0; // -0.0 becomes 0.0, so that all greedy parameters are equal
    stopTokenIds = normalizeStopTokenIds(stopTokenIds);
    stopStrings = copyStopStrings(stopStrings);
  }

  /**
   * Greedy decoding (temperature 0) of at most {@code maxTokens} tokens, with no stop tokens or
   * stop strings.
   */
  public static SamplingParams greedy(int maxTokens) {
    return new SamplingParams(0, 0, 1, null, maxTokens, NO_IDS, List.of());
  }

  /** Whether tokens are picked by argmax instead of being drawn ({@code temperature == 0}). */
  public boolean isGreedy() {
    return temperature == 0;
  }

  /** Returns a copy of the stop token ids, sorted ascending and without duplicates. */
  @Override
  public int[] stopTokenIds() {
    return stopTokenIds.clone();
  }

  /** Returns a copy with this temperature, validated like the constructor. */
  public SamplingParams withTemperature(double temperature) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns a copy with this topK, validated like the constructor. */
  public SamplingParams withTopK(int topK) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns a copy with this topP, validated like the constructor. */
  public SamplingParams withTopP(double topP) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns parameters with the given seed; {@code null} asks for a random seed. */
  public SamplingParams withSeed(Long seed) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns a copy with this maxTokens, validated like the constructor. */
  public SamplingParams withMaxTokens(int maxTokens) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns parameters with these stop token ids (replacing any previous ones). */
  public SamplingParams withStopTokenIds(int... stopTokenIds) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns parameters with these stop strings (replacing any previous ones). */
  public SamplingParams withStopStrings(List<String> stopStrings) {
    return new SamplingParams(
        temperature, topK, topP, seed, maxTokens, stopTokenIds, stopStrings);
  }

  /** Returns parameters with these stop strings (replacing any previous ones). */
  public SamplingParams withStopStrings(String... stopStrings) {
    return withStopStrings(stopStrings == null ? null : Arrays.asList(stopStrings));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SamplingParams)) {
      return false;
    }
    SamplingParams other = (SamplingParams) o;
    // Double.compare, like the generated record equals; the constructor has already mapped
    // -0.0 to 0.0 and NaN is rejected, so this is plain numeric equality.
    return Double.compare(temperature, other.temperature) == 0
        && topK == other.topK
        && Double.compare(topP, other.topP) == 0
        && Objects.equals(seed, other.seed)
        && maxTokens == other.maxTokens
        && Arrays.equals(stopTokenIds, other.stopTokenIds)
        && stopStrings.equals(other.stopStrings);
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(temperature);
    h = 31 * h + topK;
    h = 31 * h + Double.hashCode(topP);
    h = 31 * h + Objects.hashCode(seed);
    h = 31 * h + maxTokens;
    h = 31 * h + Arrays.hashCode(stopTokenIds);
    return 31 * h + stopStrings.hashCode();
  }

  @Override
  public String toString() {
    return "SamplingParams[temperature="
        + temperature
        + ", topK="
        + topK
        + ", topP="
        + topP
        + ", seed="
        + seed
        + ", maxTokens="
        + maxTokens
        + ", stopTokenIds="
        + Arrays.toString(stopTokenIds)
        + ", stopStrings="
        + stopStrings
        + "]";
  }

  private static int[] normalizeStopTokenIds(int[] ids) {
    if (ids == null || ids.length == 0) {
      return NO_IDS;
    }
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    if (sorted[0] < 0) {
      throw new IllegalArgumentException(
          "stopTokenIds must all be >= 0, got " + sorted[0]);
    }
    // Drop duplicates in place: the ids form a set, and a canonical form makes equals simple.
    int n = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  private static List<String> copyStopStrings(List<String> strings) {
    if (strings == null) {
      return List.of();
    }
    for (int i = 0; i < strings.size(); i++) {
      String s = strings.get(i);
      // Checked here rather than left to List.copyOf, whose NullPointerException would not say
      // which field or element is wrong; an empty stop string would match everywhere.
      if (s == null || s.isEmpty()) {
        throw new IllegalArgumentException(
            "stopStrings[" + i + "] must be a non-empty string, got " + (s == null ? "null" : "\"\""));
      }
    }
    return List.copyOf(strings);
  }
}
