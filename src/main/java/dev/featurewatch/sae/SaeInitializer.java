package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Fresh SAE weights: decoder rows random unit vectors, encoder their transpose (the tied
 * initialisation that OpenAI's and Anthropic's recipes start from), zero biases, and JumpReLU
 * thresholds at {@code initialThreshold}.
 */
public final class SaeInitializer {
  private SaeInitializer() {}

  /** A new SAE with random weights, deterministic for a seed. */
  public static SparseAutoencoder random(SaeConfig config, Device device, long seed, float initialThreshold) {
    int d = config.dIn();
    int s = config.dSae();
    SplittableRandom random = new SplittableRandom(seed);
    float[] decoder = new float[s * d];
    float[] encoder = new float[d * s];
    for (int i = 0; i < s; i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        float v = (float) gaussian(random);
        decoder[i * d + j] = v;
        norm += v * v;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < d; j++) {
        decoder[i * d + j] *= inv;
        encoder[j * s + i] = decoder[i * d + j];
      }
    }
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    float[] thresholds = new float[s];
    java.util.Arrays.fill(thresholds, initialThreshold);
    return new SparseAutoencoder(config, manager,
        manager.create(encoder, new Shape(d, s)),
        manager.zeros(new Shape(s)),
        manager.create(decoder, new Shape(s, d)),
        manager.zeros(new Shape(d)),
        config.architecture() == SaeArchitecture.JUMPRELU ? manager.create(thresholds) : null);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
