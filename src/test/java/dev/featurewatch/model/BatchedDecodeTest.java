package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batched decode step gives every sequence the logits it would get alone, whatever its length,
 * across the fixture architectures (RoPE, learned positions, sliding windows, soft-caps), and each
 * request's hooks touch only its own row.
 */
class BatchedDecodeTest {

  @ParameterizedTest
  @ValueSource(strings = {"stories260k", "tiny-gpt2", "tiny-qwen2-bf16", "tiny-gemma2"})
  void eachRowMatchesItsSequenceDecodedAlone(String fixture) {
    try (Transformer model = Transformer.load(Fixtures.model(fixture))) {
      int vocab = model.config().vocabSize();
      int[][] prompts = {{1, 5, 9}, {1, 7, 3, 2, 8, 6, 4}, {2}};
      // Request 1 shifts its own residual stream; the others have no hooks.
      Hook shift = (point, x, ctx) -> x.add(0.5f);
      Hooks[] hooks = {Hooks.none(), Hooks.builder().add("blocks.0.hook_resid_post", shift).build(), Hooks.none()};
      List<InferenceSession> alone = new ArrayList<>();
      List<InferenceSession> together = new ArrayList<>();
      try {
        int[] next = new int[prompts.length];
        for (int i = 0; i < prompts.length; i++) {
          alone.add(model.newSession());
          together.add(model.newSession());
          float[] a = alone.get(i).forward(prompts[i], hooks[i]);
          together.get(i).forward(prompts[i], hooks[i]);
          next[i] = Fixtures.argmax(a) % vocab;
        }
        for (int step = 0; step < 4; step++) {
          float[][] batched = InferenceSession.decodeTogether(together.toArray(new InferenceSession[0]), next, hooks);
          for (int i = 0; i < prompts.length; i++) {
            float[] single = alone.get(i).forward(new int[] {next[i]}, hooks[i]);
            double diff = Fixtures.maxAbsDiff(single, batched[i]);
            assertTrue(diff < 1e-4, fixture + " step " + step + " row " + i + ": max |diff| " + diff);
            next[i] = Fixtures.argmax(single);
          }
        }
      } finally {
        alone.forEach(InferenceSession::close);
        together.forEach(InferenceSession::close);
      }
    }
  }

  /**
   * Padded attention: a short sequence batched with one past the caches' first capacity (64
   * positions) is read through views as wide as the long one, its own padding masked out.
   */
  @ParameterizedTest
  @ValueSource(strings = {"stories260k", "tiny-gemma2"})
  void aShortSequenceBatchedWithALongOneMatchesItsDecodingAlone(String fixture) {
    try (Transformer model = Transformer.load(Fixtures.model(fixture))) {
      int[] longPrompt = new int[90];
      for (int i = 0; i < longPrompt.length; i++) {
        longPrompt[i] = 1 + (i * 7) % 50;
      }
      int[][] prompts = {{1, 5}, longPrompt};
      Hooks[] hooks = {Hooks.none(), Hooks.none()};
      List<InferenceSession> alone = new ArrayList<>();
      List<InferenceSession> together = new ArrayList<>();
      try {
        for (int[] prompt : prompts) {
          alone.add(model.newSession());
          together.add(model.newSession());
          alone.get(alone.size() - 1).forward(prompt, Hooks.none());
          together.get(together.size() - 1).forward(prompt, Hooks.none());
        }
        int[] next = {3, 4};
        for (int step = 0; step < 3; step++) {
          float[][] batched = InferenceSession.decodeTogether(together.toArray(new InferenceSession[0]), next, hooks);
          for (int i = 0; i < prompts.length; i++) {
            float[] single = alone.get(i).forward(new int[] {next[i]}, hooks[i]);
            double diff = Fixtures.maxAbsDiff(single, batched[i]);
            assertTrue(diff < 1e-4, fixture + " step " + step + " row " + i + ": max |diff| " + diff);
          }
        }
      } finally {
        alone.forEach(InferenceSession::close);
        together.forEach(InferenceSession::close);
      }
    }
  }
}
