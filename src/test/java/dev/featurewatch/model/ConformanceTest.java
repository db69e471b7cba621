package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every fixture's reference logits within 1e-3 and every greedy id, through prefill then KV-cached decode. */
class ConformanceTest {
  static final double TOLERANCE = 1e-3;

  @ParameterizedTest
  @FieldSource("dev.featurewatch.testing.Fixtures#ALL")
  void reproducesReferenceLogitsAndGreedyContinuation(String fixture) {
    try (Transformer model = Transformer.load(Fixtures.model(fixture))) {
      for (Fixtures.Case c : Fixtures.cases(fixture)) {
        try (InferenceSession session = model.newSession()) {
          float[][] logits = session.forwardAll(c.prompt(), Hooks.none());
          if (c.logits() != null) {
            for (int i = 0; i < c.logits().length; i++) {
              double diff = Fixtures.maxAbsDiff(c.logits()[i], logits[i]);
              assertTrue(diff <= TOLERANCE, fixture + "/" + c.name() + " position " + i + ": max |Δlogit| " + diff);
            }
          }
          float[] last = logits[logits.length - 1];
          double lastDiff = Fixtures.maxAbsDiff(c.lastLogits(), last);
          assertTrue(lastDiff <= TOLERANCE, fixture + "/" + c.name() + " last position: max |Δlogit| " + lastDiff);

          int[] greedy = new int[c.greedy().length];
          for (int i = 0; i < greedy.length; i++) {
            greedy[i] = Fixtures.argmax(last);
            last = session.forward(greedy[i]);
          }
          assertArrayEquals(c.greedy(), greedy, fixture + "/" + c.name() + " greedy continuation");
        }
      }
    }
  }
}
