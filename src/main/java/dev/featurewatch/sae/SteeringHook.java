package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.Hook;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves chosen SAE features to target values while the model runs, keeping the SAE's error term:
 * x' = x + Σᵢ (vᵢ − aᵢ)·W_dec[i], so everything the SAE does not explain, and every feature not
 * named, is left as it was. Register it at the SAE's hook, per request.
 */
public final class SteeringHook implements Hook {
  private final SparseAutoencoder sae;
  private final List<FeatureIntervention> interventions;
  private final int[] features;
  private final int earliestPosition;

  /**
   * @throws IllegalArgumentException if a feature is out of range or named twice
   */
  public SteeringHook(SparseAutoencoder sae, List<FeatureIntervention> interventions) {
    if (interventions.isEmpty()) {
      throw new IllegalArgumentException("a steering hook needs at least one intervention");
    }
    this.sae = sae;
    this.interventions = List.copyOf(interventions);
    this.features = new int[interventions.size()];
    Set<Integer> seen = new HashSet<>();
    int earliest = Integer.MAX_VALUE;
    for (int i = 0; i < features.length; i++) {
      FeatureIntervention iv = interventions.get(i);
      if (iv.feature() >= sae.config().dSae()) {
        throw new IllegalArgumentException("feature " + iv.feature() + " does not exist (d_sae = " + sae.config().dSae() + ")");
      }
      if (!seen.add(iv.feature())) {
        throw new IllegalArgumentException("feature " + iv.feature() + " has more than one intervention");
      }
      features[i] = iv.feature();
      earliest = Math.min(earliest, iv.fromPosition());
    }
    this.earliestPosition = earliest;
  }

  @Override
  public NDArray apply(HookPoint point, NDArray x, HookContext context) {
    int rows = context.length();
    if (context.startPosition() + rows <= earliestPosition) {
      return x; // nothing to steer yet
    }
    NDManager m = x.getManager();
    NDArray featureIds = m.create(features);
    float[] current = sae.encode(x).get(":, {}", featureIds).toFloatArray(); // [rows, features]
    float[] coefficients = new float[rows * features.length];
    for (int r = 0; r < rows; r++) {
      int position = context.startPosition() + r;
      for (int f = 0; f < features.length; f++) {
        FeatureIntervention iv = interventions.get(f);
        if (position >= iv.fromPosition()) {
          float a = current[r * features.length + f];
          coefficients[r * features.length + f] = iv.target(a) - a;
        }
      }
    }
    NDArray delta = sae.decoderDelta(x, features, m.create(coefficients, new Shape(rows, features.length)));
    return x.add(delta);
  }
}
