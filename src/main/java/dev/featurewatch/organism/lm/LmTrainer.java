package dev.featurewatch.organism.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Trains a causal language model with the runtime's own forward pass and DJL's autograd: next-
 * token cross-entropy on windows of packed transcripts, AdamW with warm-up and cosine decay,
 * global gradient clipping, a held-out loss every few steps, and checkpoints a run resumes from.
 *
 * <p>DJL allows one gradient collector at a time in a JVM, so only one training run (of any kind)
 * may be active in a process.
 */
public final class LmTrainer {
  private final TrainableParameters parameters;
  private final TokenWindows train;
  private final TokenWindows heldOut;
  private final LmTrainingConfig config;
  private final Path checkpointDirectory;
  private final Consumer<LmTrainingStatus> progress;

  /**
   * @param checkpointDirectory where checkpoints are written and a run resumes from
   * @param progress told after every step
   */
  public LmTrainer(TrainableParameters parameters, TokenWindows train, TokenWindows heldOut, LmTrainingConfig config,
      Path checkpointDirectory, Consumer<LmTrainingStatus> progress) {
    this.parameters = parameters;
    this.train = train;
    this.heldOut = heldOut;
    this.config = config;
    this.checkpointDirectory = checkpointDirectory;
    this.progress = progress;
  }

  /**
   * Runs the remaining steps (all of them, or those after the checkpoint found in the checkpoint
   * directory) and returns the final held-out loss.
   */
  public LmRunSummary train() {
    AdamW optimizer = new AdamW(parameters.byName(), parameters.manager(), config.weightDecay(), config.clipNorm());
    LmTrainingCheckpoint checkpoints = new LmTrainingCheckpoint(checkpointDirectory);
    int first = checkpoints.restore(parameters, optimizer, config) + 1;
    LearningRateSchedule schedule = new LearningRateSchedule(config);
    double heldOutLoss = Double.NaN;
    double initialHeldOut = Double.NaN;
    long started = System.nanoTime();
    long tokens = 0;
    try (Transformer model = parameters.model()) {
      if (first == 1) {
        initialHeldOut = heldOutLoss(model);
        heldOutLoss = initialHeldOut;
      }
      for (int step = first; step <= config.steps(); step++) {
        double loss = accumulateGradients(model, step);
        double rate = schedule.at(step);
        double norm;
        GradientMode.disableOnThisThread();
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          norm = optimizer.step(rate, step);
        }
        tokens += (long) config.windowsPerStep() * (config.sequenceLength() - 1);
        if (step % config.evalEvery() == 0 || step == config.steps()) {
          heldOutLoss = heldOutLoss(model);
        }
        if (step % config.checkpointEvery() == 0 || step == config.steps()) {
          checkpoints.save(parameters, optimizer, step);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept(new LmTrainingStatus(step, config.steps(), loss, heldOutLoss, rate, norm, tokens / seconds));
      }
      if (Double.isNaN(heldOutLoss)) {
        heldOutLoss = heldOutLoss(model);
      }
    }
    return new LmRunSummary(config.steps(), initialHeldOut, heldOutLoss, parameters.count());
  }

  /** Forward and backward over the step's windows; gradients accumulate on the parameters. */
  private double accumulateGradients(Transformer model, int step) {
    double total = 0;
    try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      scope.suppressNotUsedWarning();
      for (int w = 0; w < config.windowsPerStep(); w++) {
        int[] window = train.window(step, w);
        try (InferenceSession session = model.newSession()) {
          NDArray loss = NextTokenLoss.of(session.logitsArray(NextTokenLoss.inputs(window), Hooks.none()), window);
          collector.backward(loss.div(config.windowsPerStep()));
          total += NextTokenLoss.value(loss);
        }
      }
    }
    return total / config.windowsPerStep();
  }

  /** Mean loss over fixed, evenly spaced held-out windows, gradients off. */
  public double heldOutLoss(Transformer model) {
    GradientMode.disableOnThisThread();
    double total = 0;
    for (int k = 0; k < config.evalWindows(); k++) {
      int[] window = heldOut.evenlySpaced(k, config.evalWindows());
      try (NDScope scope = new NDScope(); InferenceSession session = model.newSession()) {
        scope.suppressNotUsedWarning();
        total += NextTokenLoss.value(NextTokenLoss.of(session.logitsArray(NextTokenLoss.inputs(window), Hooks.none()), window));
      }
    }
    return total / config.evalWindows();
  }
}
