package dev.featurewatch.model;

import java.util.HashSet;
import java.util.Set;

/**
 * Token ids whose activations monitors and SAE training skip: BOS, EOS and padding. BOS in
 * particular has huge, meaningless residual-stream norms that would dominate any statistic.
 */
public final class SpecialTokens {
  private SpecialTokens() {}

  /** BOS, EOS and pad ids known from the config and, if given, the tokenizer. */
  public static Set<Integer> of(ModelConfig config, TextTokenizer tokenizer) {
    Set<Integer> ids = new HashSet<>(config.eosTokenIds());
    if (config.bosTokenId() >= 0) {
      ids.add(config.bosTokenId());
    }
    if (tokenizer != null) {
      tokenizer.bosTokenId().ifPresent(ids::add);
      tokenizer.eosTokenId().ifPresent(ids::add);
      tokenizer.padTokenId().ifPresent(ids::add);
    }
    return Set.copyOf(ids);
  }
}
