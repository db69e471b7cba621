package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.Hook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import java.util.Set;

/**
 * Reads the SAE features of every token as the model runs, prompt and generated tokens alike,
 * and hands them to a listener; the activation itself passes on unchanged. Special tokens get
 * no features (their activations are huge and meaningless). Register at the SAE's hook, per
 * request.
 */
public final class FeatureMonitor implements Hook {

  /** Receives each position's features, in order, on the inference thread. */
  @FunctionalInterface
  public interface Listener {
    void onFeatures(int position, int tokenId, SparseFeatures features);
  }

  private final SparseAutoencoder sae;
  private final Set<Integer> skipTokens;
  private final Listener listener;

  public FeatureMonitor(SparseAutoencoder sae, Set<Integer> skipTokens, Listener listener) {
    this.sae = sae;
    this.skipTokens = skipTokens;
    this.listener = listener;
  }

  @Override
  public NDArray apply(HookPoint point, NDArray activation, HookContext context) {
    SparseFeatures[] features = sae.encodeSparse(activation);
    for (int i = 0; i < context.length(); i++) {
      int token = context.tokenIds()[i];
      listener.onFeatures(context.startPosition() + i, token, skipTokens.contains(token) ? SparseFeatures.EMPTY : features[i]);
    }
    return activation;
  }
}
