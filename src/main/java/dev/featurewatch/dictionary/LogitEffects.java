package dev.featurewatch.dictionary;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.SparseAutoencoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The tokens each feature promotes and suppresses: its decoder direction W_dec[i] read through the
 * model's unembedding ({@link Transformer#directLogits}, final norm's scale folded in), top and
 * bottom k over the vocabulary. Features go through in chunks so that a [chunk, vocab] block of
 * logits stays near 64 MB even for a 256k vocabulary.
 */
final class LogitEffects {
  private LogitEffects() {}

  /** Per feature, the promoted (largest first) and suppressed (most negative first) tokens. */
  record Effects(List<List<TokenEffect>> promoted, List<List<TokenEffect>> suppressed) {}

  static Effects compute(Transformer model, SparseAutoencoder sae, int k, IntFunction<String> tokenText) {
    int dSae = sae.config().dSae();
    int vocab = model.config().vocabSize();
    int top = Math.min(k, vocab);
    List<List<TokenEffect>> promoted = new ArrayList<>(dSae);
    List<List<TokenEffect>> suppressed = new ArrayList<>(dSae);
    if (top <= 0) {
      for (int f = 0; f < dSae; f++) {
        promoted.add(List.of());
        suppressed.add(List.of());
      }
      return new Effects(promoted, suppressed);
    }
    int chunk = Math.max(1, Math.min(dSae, (16 << 20) / vocab));
    try (NDManager m = NDManager.newBaseManager(model.device(), "PyTorch")) {
      for (int from = 0; from < dSae; from += chunk) {
        int to = Math.min(dSae, from + chunk);
        try (NDManager step = m.newSubManager()) {
          NDArray rows = sae.decoderWeight().get(step, new NDIndex("{}:{}", from, to));
          NDArray logits = model.directLogits(rows);
          read(logits.topK(top, 1, true, true), to - from, top, tokenText, promoted);
          read(logits.topK(top, 1, false, true), to - from, top, tokenText, suppressed);
        }
      }
    }
    return new Effects(promoted, suppressed);
  }

  private static void read(NDList valuesAndIndices, int rows, int top, IntFunction<String> tokenText,
      List<List<TokenEffect>> out) {
    float[] values = valuesAndIndices.get(0).toFloatArray();
    long[] ids = valuesAndIndices.get(1).toLongArray();
    for (int r = 0; r < rows; r++) {
      List<TokenEffect> effects = new ArrayList<>(top);
      for (int j = 0; j < top; j++) {
        effects.add(new TokenEffect(tokenText.apply((int) ids[r * top + j]), values[r * top + j]));
      }
      out.add(effects);
    }
  }
}
