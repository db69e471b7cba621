package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.sae.SparseFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The evaluator skips rules whose features are inactive and keeps running aggregates; a naive
 * evaluator recomputes every rule's window on every token. Both must report the same hits on random
 * rules and random sparse tokens. Values are multiples of 0.5, so sums are exact in both.
 */
class RuleEvaluatorReferenceTest {

  private record Spec(String id, int[] features, Scope scope, Aggregate aggregate, int window, double above, double threshold) {}

  private static Spec randomSpec(SplittableRandom rnd, int i) {
    int[] features = rnd.ints(1 + rnd.nextInt(3), 0, 8).distinct().toArray();
    Scope scope = Scope.values()[rnd.nextInt(3)];
    Aggregate aggregate = Aggregate.values()[rnd.nextInt(3)];
    int window = 1 + rnd.nextInt(5);
    double above = aggregate == Aggregate.COUNT ? new double[] {0, 1, 2.5}[rnd.nextInt(3)] : Double.NaN;
    double threshold = aggregate == Aggregate.COUNT ? 1 + rnd.nextInt(window) : 0.5 * (2 + rnd.nextInt(10));
    return new Spec("r" + i, features, scope, aggregate, window, above, threshold);
  }

  private static String yaml(List<Spec> specs) {
    StringBuilder b = new StringBuilder();
    for (Spec s : specs) {
      b.append("---\nid: ").append(s.id).append("\nselect: {features: ").append(java.util.Arrays.toString(s.features))
          .append("}\ncondition: {scope: ").append(YamlName.of(s.scope)).append(", aggregate: ")
          .append(YamlName.of(s.aggregate)).append(", window: ").append(s.window);
      if (s.aggregate == Aggregate.COUNT) {
        b.append(", above: ").append(s.above);
      }
      b.append(", threshold: ").append(s.threshold).append("}\naction: flag\n");
    }
    return b.toString();
  }

  /** Recomputes every rule's window from scratch on every token of its scope. */
  private static final class Naive {
    final Spec spec;
    final List<Float> values = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();
    boolean armed = true;

    Naive(Spec spec) {
      this.spec = spec;
    }

    String accept(int position, TokenSource source, SparseFeatures token) {
      if (!spec.scope.includes(source)) {
        return null;
      }
      float v = 0;
      for (int f : spec.features) {
        v = Math.max(v, token.valueOf(f));
      }
      values.add(v);
      positions.add(position);
      int from = Math.max(0, values.size() - spec.window);
      double sum = 0;
      float max = 0;
      int count = 0;
      for (int i = from; i < values.size(); i++) {
        sum += values.get(i);
        max = Math.max(max, values.get(i));
        count += values.get(i) > spec.above ? 1 : 0;
      }
      double aggregate = switch (spec.aggregate) {
        case MAX -> max;
        case MEAN -> sum / spec.window;
        case COUNT -> count;
      };
      if (aggregate < spec.threshold) {
        armed = true;
        return null;
      }
      if (!armed) {
        return null;
      }
      armed = false;
      return spec.id + "@[" + positions.get(from) + "," + position + "] peak " + max + " value " + aggregate;
    }
  }

  @Test
  void matchesANaiveEvaluatorOnRandomTraffic() throws Exception {
    int totalHits = 0;
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Spec> specs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        specs.add(randomSpec(rnd, i));
      }
      RuleEvaluator fast = RuleEvaluatorTest.compile(yaml(specs)).newEvaluator();
      List<Naive> naive = specs.stream().map(Naive::new).toList();
      int promptLength = 5 + rnd.nextInt(30);
      int position = 0;
      for (int t = 0; t < 150; t++) {
        position += 1 + (rnd.nextInt(10) == 0 ? 1 : 0); // a skipped (unscored) position now and then
        TokenSource source = t < promptLength ? TokenSource.PROMPT : TokenSource.OUTPUT;
        int[] ids = rnd.ints(rnd.nextInt(4), 0, 10).distinct().toArray();
        float[] values = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
          values[i] = 0.5f * (1 + rnd.nextInt(16));
        }
        SparseFeatures token = new SparseFeatures(ids, values);
        List<String> expected = new ArrayList<>();
        for (Naive n : naive) {
          String hit = n.accept(position, source, token);
          if (hit != null) {
            expected.add(hit);
          }
        }
        List<String> actual = fast.accept(position, source, token, null).stream()
            .map(h -> h.ruleId() + "@[" + h.firstPosition() + "," + h.lastPosition() + "] peak " + h.peak() + " value "
                + h.value())
            .toList();
        assertEquals(expected, actual, "seed " + seed + ", token " + t);
        totalHits += actual.size();
      }
    }
    assertTrue(totalHits > 500, "the random rules fire often enough to mean something: " + totalHits);
  }
}
