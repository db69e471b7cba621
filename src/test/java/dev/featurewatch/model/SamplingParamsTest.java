package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SamplingParamsTest {

  private static SamplingParams params(double temperature, int topK, double topP, int maxTokens) {
    return new SamplingParams(temperature, topK, topP, null, maxTokens, null, null);
  }

  private static void assertRejected(String expectedFragment, Executable construction) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    assertTrue(
        e.getMessage().contains(expectedFragment),
        () -> "message '" + e.getMessage() + "' should contain '" + expectedFragment + "'");
  }

  @Test
  void greedyFactory() {
    SamplingParams p = SamplingParams.greedy(16);
    assertTrue(p.isGreedy());
    assertEquals(0.0, p.temperature());
    assertEquals(0, p.topK());
    assertEquals(1.0, p.topP());
    assertNull(p.seed());
    assertEquals(16, p.maxTokens());
    assertArrayEquals(new int[0], p.stopTokenIds());
    assertEquals(List.of(), p.stopStrings());
  }

  @Test
  void rejectsOutOfRangeTemperature() {
    assertRejected("temperature must be finite and >= 0", () -> params(-0.1, 0, 1, 1));
    assertRejected("temperature", () -> params(Double.NaN, 0, 1, 1));
    assertRejected("temperature", () -> params(Double.POSITIVE_INFINITY, 0, 1, 1));
    assertEquals(1e-9, params(1e-9, 0, 1, 1).temperature());
  }

  @Test
  void rejectsOutOfRangeTopK() {
    assertRejected("topK must be >= 0", () -> params(1, -1, 1, 1));
    assertEquals(0, params(1, 0, 1, 1).topK());
  }

  @Test
  void rejectsOutOfRangeTopP() {
    assertRejected("topP must be in (0, 1]", () -> params(1, 0, 0, 1));
    assertRejected("topP", () -> params(1, 0, -0.5, 1));
    assertRejected("topP", () -> params(1, 0, 1.0000001, 1));
    assertRejected("topP", () -> params(1, 0, Double.NaN, 1));
    assertEquals(1e-9, params(1, 0, 1e-9, 1).topP());
  }

  @Test
  void maxTokensZeroMeansPrefillOnlyButNegativeIsRejected() {
    assertEquals(0, SamplingParams.greedy(0).maxTokens());
    assertRejected("maxTokens must be >= 0", () -> SamplingParams.greedy(-1));
  }

  @Test
  void rejectsBadStops() {
    assertRejected("stopTokenIds must all be >= 0", () -> SamplingParams.greedy(1).withStopTokenIds(3, -2));
    assertRejected("stopStrings[1]", () -> SamplingParams.greedy(1).withStopStrings("a", ""));
    assertRejected(
        "stopStrings[0]", () -> SamplingParams.greedy(1).withStopStrings(Arrays.asList((String) null)));
  }

  @Test
  void nullStopsMeanNone() {
    SamplingParams p = new SamplingParams(1, 0, 1, 7L, 5, null, null);
    assertArrayEquals(new int[0], p.stopTokenIds());
    assertEquals(List.of(), p.stopStrings());
    assertEquals(p, p.withStopTokenIds().withStopStrings(List.of()));
  }

  @Test
  void stopTokenIdsAreASortedDistinctDefensiveCopy() {
    int[] ids = {7, 2, 7, 5};
    SamplingParams p = SamplingParams.greedy(1).withStopTokenIds(ids);
    ids[0] = 99;
    assertArrayEquals(new int[] {2, 5, 7}, p.stopTokenIds());
    p.stopTokenIds()[0] = 42;
    assertArrayEquals(new int[] {2, 5, 7}, p.stopTokenIds());
  }

  @Test
  void stopStringsAreADefensiveImmutableCopy() {
    List<String> stops = new ArrayList<>(List.of("b", "a"));
    SamplingParams p = SamplingParams.greedy(1).withStopStrings(stops);
    stops.add("c");
    assertEquals(List.of("b", "a"), p.stopStrings()); // order kept
    assertThrows(UnsupportedOperationException.class, () -> p.stopStrings().add("x"));
  }

  @Test
  void equalsAndHashCodeCompareContent() {
    SamplingParams a = SamplingParams.greedy(8).withStopTokenIds(1, 2).withStopStrings("x");
    SamplingParams b = SamplingParams.greedy(8).withStopTokenIds(2, 1, 2).withStopStrings("x");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.toString(), b.toString());
    assertTrue(a.toString().contains("stopTokenIds=[1, 2]"), a.toString());
    assertNotEquals(a, a.withStopTokenIds(1, 3));
    assertNotEquals(a, a.withStopStrings("y"));
    assertNotEquals(a, a.withSeed(1L));
    // -0.0 is normalised, so it is the same greedy setting as 0.0.
    assertEquals(SamplingParams.greedy(8), SamplingParams.greedy(8).withTemperature(-0.0));
  }

  @Test
  void withersChangeOneFieldAndValidate() {
    SamplingParams p =
        SamplingParams.greedy(10)
            .withTemperature(0.7)
            .withTopK(40)
            .withTopP(0.9)
            .withSeed(123L)
            .withMaxTokens(20)
            .withStopTokenIds(2)
            .withStopStrings(List.of("\n\n"));
    assertEquals(new SamplingParams(0.7, 40, 0.9, 123L, 20, new int[] {2}, List.of("\n\n")), p);
    assertFalse(p.isGreedy());
    assertNull(p.withSeed(null).seed());
    assertRejected("topP", () -> p.withTopP(2));
  }
}
