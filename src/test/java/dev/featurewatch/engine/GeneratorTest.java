package dev.featurewatch.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.SafetensorsDType;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.SyntheticCheckpoint;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation with a real byte-level BPE tokenizer over a random Llama of matching vocabulary. */
class GeneratorTest {
  @TempDir static Path modelDir;

  @BeforeAll
  static void writeModel() throws IOException {
    SyntheticCheckpoint.writeLlama(modelDir, new SyntheticCheckpoint.Shape(64, 128, 2, 4, 2, 270, 256), 3, SafetensorsDType.F32);
    for (String f : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
      Files.copy(Path.of("src/test/resources/tiny-bpe", f), modelDir.resolve(f));
    }
  }

  private static Generation run(Transformer model, TextTokenizer tokenizer, SamplingParams params, boolean ignoreEos, StringBuilder streamed) {
    int[] prompt = tokenizer.encode("hello world", true);
    return new Generator(model, tokenizer).generate(
        new GenerationRequest(prompt, params, null, ignoreEos, false),
        new TokenListener() {
          @Override
          public void onToken(int tokenId, String text) {
            streamed.append(text);
          }

          @Override
          public void onHeldBackText(String text) {
            streamed.append(text);
          }
        });
  }

  @Test
  void stopStringEndsTheTextRightBeforeIt() {
    try (Transformer model = Transformer.load(modelDir); TextTokenizer tokenizer = TextTokenizer.load(modelDir)) {
      StringBuilder streamed = new StringBuilder();
      Generation full = run(model, tokenizer, SamplingParams.greedy(60), true, streamed);
      assertEquals(60, full.tokens().length);
      assertEquals(FinishReason.LENGTH, full.finishReason());
      assertEquals(tokenizer.decode(full.tokens(), true), full.text());
      assertEquals(full.text(), streamed.toString(), "streamed pieces add up to the text");

      String stop = pickStopString(full.text());
      StringBuilder streamedStopped = new StringBuilder();
      Generation stopped = run(model, tokenizer, SamplingParams.greedy(60).withStopStrings(stop), true, streamedStopped);
      assertEquals(FinishReason.STOP, stopped.finishReason());
      assertEquals(full.text().substring(0, full.text().indexOf(stop)), stopped.text());
      assertEquals(stopped.text(), streamedStopped.toString());
      assertTrue(stopped.tokens().length < full.tokens().length);
    }
  }

  /** A 2-character piece from the middle of the text, clear of replacement characters. */
  private static String pickStopString(String text) {
    for (int i = text.length() / 2; i + 2 <= text.length(); i++) {
      String s = text.substring(i, i + 2);
      if (s.indexOf('\uFFFD') < 0 && text.indexOf(s) > 0) {
        return s;
      }
    }
    throw new AssertionError("no usable stop string in " + text);
  }

  @Test
  void stopTokenAndEndOfSequenceEndTheGeneration() {
    try (Transformer model = Transformer.load(modelDir); TextTokenizer tokenizer = TextTokenizer.load(modelDir)) {
      Generation full = run(model, tokenizer, SamplingParams.greedy(30), true, new StringBuilder());
      int stopAt = full.tokens()[7];
      int firstIndex = Arrays.stream(full.tokens()).boxed().toList().indexOf(stopAt);
      Generation stopped = run(model, tokenizer, SamplingParams.greedy(30).withStopTokenIds(stopAt), true, new StringBuilder());
      assertEquals(FinishReason.STOP, stopped.finishReason());
      assertArrayEquals(Arrays.copyOf(full.tokens(), firstIndex), stopped.tokens(), "the stop token itself is not returned");
    }
  }

  @Test
  void seededSamplingRepeatsAndGreedyConformsThroughTheGenerator() {
    try (Transformer model = Transformer.load(Fixtures.model("stories260k"))) {
      Generator generator = new Generator(model, null);
      SamplingParams sampled = new SamplingParams(1.0, 0, 0.9, 77L, 50, null, List.of());
      int[] a = generator.generate(new GenerationRequest(new int[] {1}, sampled, null, true, false), TokenListener.NONE).tokens();
      int[] b = generator.generate(new GenerationRequest(new int[] {1}, sampled, null, true, false), TokenListener.NONE).tokens();
      assertArrayEquals(a, b);

      Fixtures.Case c = Fixtures.cases("stories260k").get(1);
      List<Integer> streamed = new ArrayList<>();
      Generation g = generator.generate(
          new GenerationRequest(c.prompt(), SamplingParams.greedy(c.greedy().length), null, true, true),
          (id, text) -> streamed.add(id));
      assertArrayEquals(c.greedy(), g.tokens());
      assertEquals(c.prompt().length, g.promptLogits().length);
      assertEquals(Arrays.stream(c.greedy()).boxed().toList(), streamed);
      assertThrows(IllegalArgumentException.class, () -> generator.generate(
          GenerationRequest.of(new int[] {1}, SamplingParams.greedy(3).withStopStrings("x")), TokenListener.NONE));
    }
  }
}
