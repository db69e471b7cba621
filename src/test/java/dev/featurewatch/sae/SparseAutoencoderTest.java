package dev.featurewatch.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.ModelConfig;
import dev.featurewatch.model.ModelLoadException;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encode/decode against a plain-Java reference of the SAELens formulas, and the SAELens layout round trip. */
class SparseAutoencoderTest {
  static final int D = 8;
  static final int S = 24;

  @TempDir Path temp;

  static SparseAutoencoder randomSae(SaeArchitecture arch, ActivationNormalization norm, long seed) {
    SaeConfig config = new SaeConfig(arch, D, S, arch == SaeArchitecture.TOPK ? 5 : 0, "blocks.1.hook_resid_post", true, norm, "test");
    SplittableRandom r = new SplittableRandom(seed);
    NDManager m = NDManager.newBaseManager("PyTorch");
    // Non-zero biases, so that the b_dec subtraction and b_enc are exercised.
    return new SparseAutoencoder(config, m,
        m.create(floats(r, D * S, 0.6), new Shape(D, S)), m.create(floats(r, S, 0.1)),
        m.create(floats(r, S * D, 0.6), new Shape(S, D)), m.create(floats(r, D, 0.3)),
        arch == SaeArchitecture.JUMPRELU ? m.create(floats(r, S, 0.2)).abs() : null);
  }

  static float[] floats(SplittableRandom r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return v;
  }

  static float[][] inputs(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][D];
    for (float[] row : x) {
      for (int j = 0; j < D; j++) {
        row[j] = (float) (r.nextDouble() * 4 - 2);
      }
    }
    return x;
  }

  /** SAELens's encode in plain Java. */
  static float[] referenceEncode(SparseAutoencoder sae, float[] x) {
    SaeConfig c = sae.config();
    float[] wEnc = sae.encoderWeight().toFloatArray();
    float[] bEnc = sae.encoderBias().toFloatArray();
    float[] bDec = sae.decoderBias().toFloatArray();
    float[] in = x.clone();
    if (c.normalization() == ActivationNormalization.CONSTANT_NORM_RESCALE) {
      double norm = 0;
      for (float v : x) {
        norm += v * v;
      }
      for (int j = 0; j < D; j++) {
        in[j] = (float) (x[j] * Math.sqrt(D) / Math.sqrt(norm));
      }
    }
    float[] pre = new float[S];
    for (int i = 0; i < S; i++) {
      double acc = bEnc[i];
      for (int j = 0; j < D; j++) {
        acc += (in[j] - (c.applyBDecToInput() ? bDec[j] : 0)) * wEnc[j * S + i];
      }
      pre[i] = (float) acc;
    }
    float[] out = new float[S];
    switch (c.architecture()) {
      case STANDARD -> {
        for (int i = 0; i < S; i++) {
          out[i] = Math.max(0, pre[i]);
        }
      }
      case JUMPRELU -> {
        float[] th = sae.threshold().toFloatArray();
        for (int i = 0; i < S; i++) {
          out[i] = pre[i] > th[i] ? Math.max(0, pre[i]) : 0;
        }
      }
      case TOPK -> {
        Integer[] order = new Integer[S];
        for (int i = 0; i < S; i++) {
          order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(pre[b], pre[a]));
        for (int i = 0; i < c.k(); i++) {
          out[order[i]] = Math.max(0, pre[order[i]]);
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(SaeArchitecture.class)
  void encodeMatchesTheSaeLensFormulas(SaeArchitecture arch) {
    try (SparseAutoencoder sae = randomSae(arch, ActivationNormalization.NONE, 11);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[][] x = inputs(3, 6);
      NDArray batch = m.create(x);
      float[] encoded = sae.encode(batch).toFloatArray();
      int active = 0;
      for (int r = 0; r < x.length; r++) {
        float[] expected = referenceEncode(sae, x[r]);
        float[] actual = java.util.Arrays.copyOfRange(encoded, r * S, (r + 1) * S);
        assertArrayEquals(expected, actual, 1e-5f, arch + " row " + r);
        for (float v : expected) {
          active += v > 0 ? 1 : 0;
        }
      }
      assertTrue(active > 0, "the test inputs should activate some features");
      SparseFeatures[] sparse = sae.encodeSparse(batch);
      for (int r = 0; r < x.length; r++) {
        float[] expected = referenceEncode(sae, x[r]);
        for (int i = 1; i < sparse[r].size(); i++) {
          assertTrue(sparse[r].values()[i - 1] >= sparse[r].values()[i], "sorted strongest first");
        }
        for (int i = 0; i < sparse[r].size(); i++) {
          assertEquals(expected[sparse[r].ids()[i]], sparse[r].values()[i], 1e-5f);
        }
        assertEquals(java.util.stream.IntStream.range(0, S).filter(i -> expected[i] > 0).count(), sparse[r].size());
        if (arch == SaeArchitecture.TOPK) {
          assertTrue(sparse[r].size() <= 5);
        }
      }
    }
  }

  @Test
  void constantNormRescaleReconstructsInTheInputsScale() {
    try (SparseAutoencoder sae = randomSae(SaeArchitecture.STANDARD, ActivationNormalization.CONSTANT_NORM_RESCALE, 5);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[][] x = inputs(9, 4);
      NDArray batch = m.create(x);
      float[] encoded = sae.encode(batch).toFloatArray();
      assertArrayEquals(referenceEncode(sae, x[0]), java.util.Arrays.copyOf(encoded, S), 1e-5f);
      // Scaling the input must scale the reconstruction: normalisation is undone on the way out.
      float[] once = sae.reconstruct(batch).toFloatArray();
      float[] twice = sae.reconstruct(batch.mul(2f)).toFloatArray();
      for (int i = 0; i < once.length; i++) {
        assertEquals(2 * once[i], twice[i], 1e-4f);
      }
    }
  }

  @Test
  void saeLensLayoutRoundTripsExactly() {
    for (SaeArchitecture arch : SaeArchitecture.values()) {
      Path dir = temp.resolve(arch.name());
      try (SparseAutoencoder sae = randomSae(arch, ActivationNormalization.NONE, 21);
          NDManager m = NDManager.newBaseManager("PyTorch")) {
        sae.save(dir);
        try (SparseAutoencoder loaded = SparseAutoencoder.load(dir)) {
          assertEquals(sae.config(), loaded.config());
          NDArray x = m.create(inputs(4, 5));
          assertArrayEquals(sae.encode(x).toFloatArray(), loaded.encode(x).toFloatArray(), 0f);
          assertArrayEquals(sae.reconstruct(x).toFloatArray(), loaded.reconstruct(x).toFloatArray(), 0f);
        }
      }
    }
  }

  @Test
  void widthMismatchWithTheModelFailsAtLoad() {
    Path dir = temp.resolve("sae");
    try (SparseAutoencoder sae = randomSae(SaeArchitecture.TOPK, ActivationNormalization.NONE, 1)) {
      sae.save(dir);
    }
    ModelConfig stories = ModelConfig.load(Fixtures.model("stories260k"));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SparseAutoencoder.loadFor(dir, stories, null));
    assertTrue(e.getMessage().contains("d_in 8") && e.getMessage().contains("hidden_size 64"), e.getMessage());
  }

  @Test
  void shapeErrorsNameTheTensor() {
    NDManager m = NDManager.newBaseManager("PyTorch");
    SaeConfig config = new SaeConfig(SaeArchitecture.STANDARD, D, S, 0, "blocks.0.hook_resid_pre", true, null, "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparseAutoencoder(config, m,
        m.zeros(new Shape(S, D)), m.zeros(new Shape(S)), m.zeros(new Shape(S, D)), m.zeros(new Shape(D)), null));
    assertTrue(e.getMessage().contains("W_enc has shape [24, 8]"), e.getMessage());
    m.close();
  }
}
