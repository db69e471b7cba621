package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Transformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains an SAE on a model's activations at one hook, streamed over a corpus through a shuffle
 * buffer. TopK SAEs follow OpenAI's recipe (tied initialisation, unit-norm decoder rows with the
 * gradient's parallel component removed, AuxK loss on dead features); standard SAEs use ReLU
 * with an L1 penalty. Inputs are scaled to an expected norm of sqrt(d_in) during training
 * (SAELens's {@code expected_average_only_in}) and the scale is folded into the saved weights.
 *
 * <p>Gradients are written out by hand: the model is small and explicit backward passes keep
 * the trainer free of autograd state. A run checkpoints to {@code out/checkpoint} and
 * {@link #train(boolean) resumes} from it.
 */
public final class SaeTrainer {
  private static final int MEDIAN_SAMPLES = 4096;

  private final Transformer model;
  private final HookPoint hook;
  private final Corpus corpus;
  private final Set<Integer> skipTokens;
  private final TrainingConfig config;
  private final Path out;
  private final Consumer<TrainingStatus> progress;
  private final String modelName;

  /**
   * @param out where the SAE (SAELens layout) and its checkpoint are written
   * @param progress called after every step
   */
  public SaeTrainer(Transformer model, HookPoint hook, Corpus corpus, Set<Integer> skipTokens, TrainingConfig config,
      Path out, Consumer<TrainingStatus> progress, String modelName) {
    if (hook.layer() >= model.config().numLayers()) {
      throw new IllegalArgumentException("hook " + hook + " names a block the model does not have");
    }
    this.model = model;
    this.hook = hook;
    this.corpus = corpus;
    this.skipTokens = skipTokens;
    this.config = config;
    this.out = out;
    this.progress = progress;
    this.modelName = modelName;
  }

  /** Trains (continuing from {@code out/checkpoint} if {@code resume} and one exists) and saves the SAE to {@code out}. */
  public SaeConfig train(boolean resume) {
    GradientMode.disableOnThisThread();
    int d = model.config().hiddenSize();
    SaeConfig saeConfig = new SaeConfig(config.method().savedAs(), d, config.dSae(),
        config.method() == TrainingMethod.TOPK ? config.k() : 0, hook.name(), true, ActivationNormalization.NONE, modelName);
    long totalSteps = plannedSteps();
    Path checkpointDir = out.resolve("checkpoint");
    boolean resuming = resume && TrainingCheckpoint.exists(checkpointDir);

    try (NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch")) {
      TrainingCheckpoint state = resuming ? TrainingCheckpoint.load(checkpointDir, manager, saeConfig) : null;
      ActivationStream stream = new ActivationStream(model, hook, corpus, skipTokens,
          state == null ? 0 : state.epoch, state == null ? 0 : state.document);
      ShuffleBuffer buffer = new ShuffleBuffer(config.bufferRows(), d, stream);
      if (state == null) {
        state = initialize(saeConfig, manager, buffer.sample(MEDIAN_SAMPLES), d);
      }
      Run run = new Run(state, manager, saeConfig);
      long started = System.nanoTime();
      long rowsThisRun = 0;
      while (state.step < totalSteps) {
        float[] batch = buffer.take(config.batchSize(), new SplittableRandom(config.seed() * 1_000_003 + state.step));
        int rows = batch.length / d;
        TrainingStatus status = run.step(batch, rows, totalSteps);
        rowsThisRun += rows;
        state.epoch = stream.epoch();
        state.document = stream.document();
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept(new TrainingStatus(state.step, totalSteps, status.mse(), status.auxLoss(), status.l0(),
            status.explainedVariance(), status.deadFraction(), rowsThisRun / Math.max(seconds, 1e-9)));
        if (config.checkpointEvery() > 0 && state.step % config.checkpointEvery() == 0 && state.step < totalSteps) {
          state.save(checkpointDir, saeConfig);
        }
      }
      state.save(checkpointDir, saeConfig);
      saveFolded(state, saeConfig);
      return saeConfig;
    }
  }

  /** Steps for all epochs, counting only the positions that are trained on. */
  long plannedSteps() {
    long rows = 0;
    for (int[] doc : corpus.documents()) {
      for (int t : doc) {
        if (!skipTokens.contains(t)) {
          rows++;
        }
      }
    }
    return Math.max(1, (rows * config.epochs() + config.batchSize() - 1) / config.batchSize());
  }

  private TrainingCheckpoint initialize(SaeConfig saeConfig, NDManager manager, float[] sample, int d) {
    int n = sample.length / d;
    if (n == 0) {
      throw new IllegalArgumentException("the corpus produced no activations to train on");
    }
    double meanNorm = 0;
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int j = 0; j < d; j++) {
        sq += sample[i * d + j] * sample[i * d + j];
      }
      meanNorm += Math.sqrt(sq) / n;
    }
    float scale = (float) (Math.sqrt(d) / meanNorm);
    for (int i = 0; i < sample.length; i++) {
      sample[i] *= scale;
    }
    float[] median = GeometricMedian.of(sample, d);
    try (SparseAutoencoder fresh = SaeInitializer.random(saeConfig, model.device(), config.seed(), 0f)) {
      TrainingCheckpoint state = new TrainingCheckpoint(List.of(
          new AdamParameter("W_enc", fresh.encoderWeight().duplicate()),
          new AdamParameter("b_enc", fresh.encoderBias().duplicate()),
          new AdamParameter("W_dec", fresh.decoderWeight().duplicate()),
          new AdamParameter("b_dec", manager.create(median))), scale, config.dSae());
      state.parameters.forEach(p -> {
        p.value.attach(manager);
        p.firstMoment.attach(manager);
        p.secondMoment.attach(manager);
      });
      return state;
    }
  }

  /** One run's step logic over the parameters in a checkpoint. */
  private final class Run {
    private final TrainingCheckpoint state;
    private final NDManager manager;
    private final SaeConfig saeConfig;
    private final AdamParameter wEnc;
    private final AdamParameter bEnc;
    private final AdamParameter wDec;
    private final AdamParameter bDec;
    private final SaeObjective objective;

    Run(TrainingCheckpoint state, NDManager manager, SaeConfig saeConfig) {
      this.state = state;
      this.manager = manager;
      this.saeConfig = saeConfig;
      this.wEnc = state.parameter("W_enc");
      this.bEnc = state.parameter("b_enc");
      this.wDec = state.parameter("W_dec");
      this.bDec = state.parameter("b_dec");
      this.objective = new SaeObjective(config.method(), config.k(), config.l1Coefficient());
    }

    TrainingStatus step(float[] batch, int rows, long totalSteps) {
      int d = saeConfig.dIn();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = manager.create(batch, new Shape(rows, d)).mul(state.scale);
        int dead = state.countDead(config.deadAfterSteps());
        boolean auxK = config.method().ranked() && dead > 0;
        int kAux = Math.min(d / 2, dead);
        // OpenAI scale the AuxK term down while few latents are dead.
        double auxWeight = config.auxKCoefficient() * Math.min(1.0, dead / (double) Math.max(1, d / 2));
        SaeObjective.Result r = objective.evaluate(x, wEnc.value, bEnc.value, wDec.value, bDec.value,
            auxK ? manager.create(state.deadMask(config.deadAfterSteps())) : null, kAux, auxWeight);
        // Decoder rows stay unit norm: drop the gradient along each row before the step.
        NDArray gradWDec = r.gradWDec().sub(wDec.value.mul(r.gradWDec().mul(wDec.value).sum(new int[] {1}, true)));

        state.step++;
        double lr = learningRate(state.step, totalSteps);
        wEnc.update(r.gradWEnc(), lr, state.step);
        bEnc.update(r.gradBEnc(), lr, state.step);
        wDec.update(gradWDec, lr, state.step);
        bDec.update(r.gradBDec(), lr, state.step);
        wDec.value.divi(wDec.value.norm(new int[] {1}, true).add(1e-12f));

        NDArray firings = r.active().sum(new int[] {0});
        state.recordFiring(firings.gt(0).toBooleanArray(), firings.toFloatArray(), rows);
        if (config.method() == TrainingMethod.BATCH_TOPK) {
          state.trackThreshold(r.batchThreshold());
        }
        double total = x.sub(x.mean(new int[] {0}, true)).square().sum().getFloat();
        double residual = r.error().square().sum().getFloat();
        return new TrainingStatus(state.step, totalSteps, r.mse().getFloat(), r.auxLoss(), r.active().sum().getFloat() / rows,
            1 - residual / total, state.countDead(config.deadAfterSteps()) / (double) saeConfig.dSae(), 0);
      }
    }
  }

  private double learningRate(long step, long totalSteps) {
    double lr = config.effectiveLearningRate();
    if (step <= config.warmupSteps()) {
      return lr * step / Math.max(1, config.warmupSteps());
    }
    long decaySteps = (long) (totalSteps * config.decayFraction());
    long decayStart = totalSteps - decaySteps;
    if (decaySteps > 0 && step > decayStart) {
      return lr * Math.max(0, totalSteps - step) / decaySteps;
    }
    return lr;
  }

  /** Folds the training scale into the weights (SAELens's fold_activation_norm_scaling_factor) and saves. */
  private void saveFolded(TrainingCheckpoint state, SaeConfig saeConfig) {
    float s = state.scale;
    NDManager saeManager = NDManager.newBaseManager(model.device(), "PyTorch");
    NDArray[] folded = {
      state.parameter("W_enc").value.mul(s),
      state.parameter("b_enc").value.duplicate(),
      state.parameter("W_dec").value.div(s),
      state.parameter("b_dec").value.div(s)
    };
    for (NDArray a : folded) {
      a.attach(saeManager);
    }
    // Folding leaves pre-activations unchanged, so the BatchTopK threshold carries over as it is.
    NDArray threshold = saeConfig.architecture() == SaeArchitecture.JUMPRELU
        ? saeManager.full(new Shape(saeConfig.dSae()), (float) state.threshold()) : null;
    try (SparseAutoencoder sae = new SparseAutoencoder(saeConfig, saeManager, folded[0], folded[1], folded[2], folded[3], threshold)) {
      sae.save(out);
      SaeLensFormat.writeSparsity(out, state.firingFrequency());
    }
  }

  /** Whether a finished or interrupted run left a checkpoint in {@code out}. */
  public static boolean hasCheckpoint(Path out) {
    return Files.isDirectory(out.resolve("checkpoint"));
  }
}
