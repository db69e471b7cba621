package dev.featurewatch.sae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.featurewatch.model.ModelConfig;
import dev.featurewatch.model.ModelLoadException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sparse autoencoder: encode a residual-stream vector into feature activations, decode them
 * back. Weights follow SAELens: W_enc [d_in, d_sae], b_enc [d_sae], W_dec [d_sae, d_in],
 * b_dec [d_in], and for JumpReLU a per-feature threshold [d_sae].
 *
 * <p>Inputs are [n, d_in] arrays of any manager; results belong to the input's manager, so an
 * SAE used inside a forward pass allocates nothing that outlives the pass. The SAE itself is
 * immutable and shared by all requests.
 */
public final class SparseAutoencoder implements AutoCloseable {
  private static final float LAYER_NORM_EPS = 1e-5f;

  private final SaeConfig config;
  private final NDManager manager;
  private final NDArray wEnc;
  private final NDArray bEnc;
  private final NDArray wDec;
  private final NDArray bDec;
  private final NDArray threshold;
  // Transposed views in the [out, in] layout of the engine's fused linear.
  private final NDArray encoderRows;
  private final NDArray decoderColumns;

  /**
   * Takes ownership of the arrays and the manager that holds them.
   *
   * @throws IllegalArgumentException naming the tensor whose shape does not match the config
   */
  public SparseAutoencoder(SaeConfig config, NDManager manager, NDArray wEnc, NDArray bEnc, NDArray wDec, NDArray bDec, NDArray threshold) {
    this.config = config;
    this.manager = manager;
    long d = config.dIn();
    long s = config.dSae();
    check("W_enc", wEnc, d, s);
    check("b_enc", bEnc, s);
    check("W_dec", wDec, s, d);
    check("b_dec", bDec, d);
    if (config.architecture() == SaeArchitecture.JUMPRELU) {
      if (threshold == null) {
        throw new IllegalArgumentException("a jumprelu SAE needs a 'threshold' tensor of shape [" + s + "]");
      }
      check("threshold", threshold, s);
    }
    this.wEnc = wEnc;
    this.bEnc = bEnc;
    this.wDec = wDec;
    this.bDec = bDec;
    this.threshold = threshold;
    this.encoderRows = wEnc.transpose();
    this.decoderColumns = wDec.transpose();
  }

  private static void check(String name, NDArray array, long... expected) {
    if (array == null) {
      throw new IllegalArgumentException("missing tensor " + name + " of shape " + Arrays.toString(expected));
    }
    if (!array.getShape().equals(new Shape(expected))) {
      throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(array.getShape().getShape())
          + " but d_in/d_sae need " + Arrays.toString(expected));
    }
  }

  /** Loads an SAE folder in any supported format (see {@link SaeFormats}) onto the default device. */
  public static SparseAutoencoder load(Path directory) {
    return load(directory, null);
  }

  /** Loads an SAE folder onto {@code device} (null: the engine's default). */
  public static SparseAutoencoder load(Path directory, Device device) {
    return load(directory, device, null);
  }

  /**
   * Loads an SAE folder onto {@code device}, with the hook it reads for layouts that do not record
   * it (see {@link SaeFormats#read(Path, Device, String)}).
   */
  public static SparseAutoencoder load(Path directory, Device device, String hookNameHint) {
    return SaeFormats.read(directory, device, hookNameHint);
  }

  /**
   * Loads an SAE folder for a model, checking that the SAE reads a hook the model has at the
   * model's width.
   *
   * @throws ModelLoadException if d_in differs from the model's d_model or the hook's block does not exist
   */
  public static SparseAutoencoder loadFor(Path directory, ModelConfig model, Device device) {
    return loadFor(directory, model, device, null);
  }

  /**
   * {@link #loadFor(Path, ModelConfig, Device)} with the hook the SAE reads, for layouts that do
   * not record it.
   */
  public static SparseAutoencoder loadFor(Path directory, ModelConfig model, Device device, String hookNameHint) {
    SparseAutoencoder sae = load(directory, device, hookNameHint);
    try {
      sae.checkCompatible(model);
    } catch (ModelLoadException e) {
      sae.close();
      throw e;
    }
    return sae;
  }

  /** Checks that this SAE fits a model's hook width and depth. */
  public void checkCompatible(ModelConfig model) {
    if (config.dIn() != model.hiddenSize()) {
      throw new ModelLoadException("SAE d_in " + config.dIn() + " does not match the model's hook width (hidden_size "
          + model.hiddenSize() + ") at " + config.hookName());
    }
    if (config.hookPoint().layer() >= model.numLayers()) {
      throw new ModelLoadException("SAE hook " + config.hookName() + " names a block the model does not have ("
          + model.numLayers() + " blocks)");
    }
  }

  public SaeConfig config() {
    return config;
  }

  /** Feature activations [n, d_sae] of inputs [n, d_in]. */
  public NDArray encode(NDArray x) {
    return activate(preActivations(normalizeIn(x)));
  }

  /** Encoder pre-activations [n, d_sae] of normalised inputs (what TopK ranks and JumpReLU thresholds). */
  NDArray preActivations(NDArray normalized) {
    NDArray in = config.applyBDecToInput() ? normalized.sub(bDec) : normalized;
    return Linear.linear(in, encoderRows, bEnc).singletonOrThrow();
  }

  NDArray activate(NDArray pre) {
    switch (config.architecture()) {
      case STANDARD:
        return ai.djl.nn.Activation.relu(pre);
      case JUMPRELU:
        return ai.djl.nn.Activation.relu(pre).mul(pre.gt(threshold).toType(pre.getDataType(), false));
      case TOPK:
        NDList top = pre.topK(config.k(), 1, true, false);
        return pre.zerosLike().scatter(top.get(1), ai.djl.nn.Activation.relu(top.get(0)), 1);
      default:
        throw new IllegalStateException(config.architecture().name());
    }
  }

  /**
   * Decodes activations [n, d_sae] into the SAE's input space: for inputs without run-time
   * normalisation that is the reconstruction; otherwise use {@link #reconstruct}.
   */
  public NDArray decode(NDArray activations) {
    return Linear.linear(activations, decoderColumns, bDec).singletonOrThrow();
  }

  /** Reconstruction [n, d_in] of inputs x, undoing any run-time normalisation. */
  public NDArray reconstruct(NDArray x) {
    return normalizeOut(x, decode(encode(x)));
  }

  /**
   * Σⱼ coefficients[r, j] × W_dec[features[j]] for each row r, mapped back through any run-time
   * normalisation of x: the change to x that moves those features' activations by those amounts.
   *
   * @param x the inputs [n, d_in] the coefficients refer to
   * @param features feature indices
   * @param coefficients [n, features.length]
   */
  public NDArray decoderDelta(NDArray x, int[] features, NDArray coefficients) {
    NDArray rows = wDec.get(x.getManager(), new ai.djl.ndarray.index.NDIndex("{}", x.getManager().create(features)));
    NDArray delta = coefficients.matMul(rows);
    return switch (config.normalization()) {
      case CONSTANT_NORM_RESCALE -> delta.div(constantNormScale(x));
      case LAYER_NORM -> delta.mul(layerNormStd(x));
      default -> delta;
    };
  }

  /** The decoder direction of one feature, [d_in]. */
  public float[] decoderDirection(int feature) {
    try (NDArray row = wDec.get(feature)) { // a view owned by the shared SAE: close it here
      return row.toFloatArray();
    }
  }

  /** The active features of each row of x, strongest first. */
  public SparseFeatures[] encodeSparse(NDArray x) {
    float[] dense = encode(x).toFloatArray();
    int rows = (int) x.getShape().get(0);
    SparseFeatures[] out = new SparseFeatures[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = SparseFeatures.fromDense(dense, r * config.dSae(), config.dSae());
    }
    return out;
  }

  NDArray normalizeIn(NDArray x) {
    switch (config.normalization()) {
      case CONSTANT_NORM_RESCALE:
        return x.mul(constantNormScale(x));
      case LAYER_NORM:
        NDArray centered = x.sub(x.mean(new int[] {1}, true));
        return centered.div(layerNormStd(x).add(LAYER_NORM_EPS));
      default:
        return x;
    }
  }

  NDArray normalizeOut(NDArray x, NDArray y) {
    switch (config.normalization()) {
      case CONSTANT_NORM_RESCALE:
        return y.div(constantNormScale(x));
      case LAYER_NORM:
        // SAELens divides by std + eps on the way in but multiplies by std alone on the way out.
        return y.mul(layerNormStd(x)).add(x.mean(new int[] {1}, true));
      default:
        return y;
    }
  }

  private NDArray constantNormScale(NDArray x) {
    return x.norm(new int[] {1}, true).pow(-1).mul((float) Math.sqrt(config.dIn()));
  }

  /** Unbiased standard deviation, as torch.std computes it. */
  private NDArray layerNormStd(NDArray x) {
    NDArray centered = x.sub(x.mean(new int[] {1}, true));
    return centered.square().sum(new int[] {1}, true).div((float) (config.dIn() - 1)).sqrt();
  }

  /** W_enc [d_in, d_sae]. */
  public NDArray encoderWeight() {
    return wEnc;
  }

  /** b_enc [d_sae]. */
  public NDArray encoderBias() {
    return bEnc;
  }

  /** W_dec [d_sae, d_in]. */
  public NDArray decoderWeight() {
    return wDec;
  }

  /** b_dec [d_in]. */
  public NDArray decoderBias() {
    return bDec;
  }

  /** JumpReLU thresholds [d_sae], or null. */
  public NDArray threshold() {
    return threshold;
  }

  /** Writes this SAE in the SAELens layout ({@code cfg.json} + {@code sae_weights.safetensors}). */
  public void save(Path directory) {
    SaeLensFormat.write(this, directory);
  }

  @Override
  public void close() {
    manager.close();
  }
}
