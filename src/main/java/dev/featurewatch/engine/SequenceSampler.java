package dev.featurewatch.engine;

import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Samples token sequences from a model, each starting at BOS: the corpus for training an SAE on
 * a model whose training data is not at hand (the sequences follow the model's own distribution).
 */
public final class SequenceSampler {
  private SequenceSampler() {}

  /**
   * @param count sequences to sample
   * @param maxTokens tokens generated after BOS (fewer when the model ends a sequence)
   * @param temperature sampling temperature (1 follows the model's distribution)
   * @param seed sequence i uses seed + i, so any prefix of the output is reproducible
   * @param progress called with the number of sequences done
   * @return sequences including the leading BOS
   */
  public static List<int[]> sample(Transformer model, int count, int maxTokens, double temperature, long seed, IntConsumer progress) {
    int bos = model.config().bosTokenId();
    if (bos < 0) {
      throw new IllegalArgumentException("the model's config.json has no bos_token_id to start sequences from");
    }
    Generator generator = new Generator(model, null);
    List<int[]> sequences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SamplingParams params = new SamplingParams(temperature, 0, 1.0, seed + i, maxTokens, null, List.of());
      int[] generated = generator.generate(GenerationRequest.of(new int[] {bos}, params), TokenListener.NONE).tokens();
      int[] sequence = new int[generated.length + 1];
      sequence[0] = bos;
      System.arraycopy(generated, 0, sequence, 1, generated.length);
      sequences.add(sequence);
      progress.accept(i + 1);
    }
    return sequences;
  }
}
