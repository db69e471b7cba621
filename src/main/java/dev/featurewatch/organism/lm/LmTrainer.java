package dev.featurewatch.organism.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains a causal language model with the runtime's own forward pass and DJL's autograd: next-
 * token cross-entropy on windows of packed transcripts, AdamW with warm-up and cosine decay,
 * global gradient clipping, a held-out loss every few steps, and checkpoints a run resumes from.
 *
 * <p>A step's windows run on {@link LmTrainingConfig#threads} worker threads at once (data
 * parallelism: one libtorch intra-op thread each scales better on a few cores than one pass with
 * several), back-propagating straight into the shared parameters ({@link Backward}).
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
    ExecutorService workers = Executors.newFixedThreadPool(config.threads(), runnable -> {
      Thread thread = new Thread(runnable, "lm-training");
      thread.setDaemon(true);
      return thread;
    });
    try (Transformer model = parameters.model()) {
      if (first == 1) {
        initialHeldOut = heldOutLoss(model);
        heldOutLoss = initialHeldOut;
      }
      for (int step = first; step <= config.steps(); step++) {
        double loss = accumulateGradients(model, step, workers);
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
    } finally {
      workers.shutdownNow();
    }
    return new LmRunSummary(config.steps(), initialHeldOut, heldOutLoss, parameters.count());
  }

  /**
   * Forward and backward over the step's windows, split across the worker threads (window w on
   * thread w mod threads); gradients accumulate on the parameters. Returns the mean loss.
   *
   * <p>Each worker sums its windows' losses and runs one backward pass, so each gradient is the
   * sum of one contribution per worker. With one or two workers that sum does not depend on which
   * finishes first (0 + a + b = 0 + b + a exactly in floating point), so a run is bitwise
   * reproducible, given one libtorch intra-op thread ({@code -Dai.djl.pytorch.num_threads=1}):
   * with more, each kernel's own sums vary with the threads' timing. With more workers only up to
   * rounding.
   */
  private double accumulateGradients(Transformer model, int step, ExecutorService workers) {
    int threads = config.threads();
    List<Future<Double>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      parts.add(workers.submit(() -> backwardOverWindows(model, step, first, threads)));
    }
    double total = 0;
    for (Future<Double> part : parts) {
      try {
        total += part.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("training interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    return total / config.windowsPerStep();
  }

  /**
   * One worker's part of a step: windows {@code first}, {@code first + stride}, ...; their summed
   * loss back-propagated once. Returns the summed loss.
   */
  private double backwardOverWindows(Transformer model, int step, int first, int stride) {
    GradientMode.enableOnThisThread();
    List<InferenceSession> sessions = new ArrayList<>();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray sum = null;
      for (int w = first; w < config.windowsPerStep(); w += stride) {
        int[] window = train.window(step, w);
        InferenceSession session = model.newSession(); // closed after the backward pass, which reads its arrays
        sessions.add(session);
        NDArray loss = NextTokenLoss.of(session.logitsArray(NextTokenLoss.inputs(window), Hooks.none()), window);
        sum = sum == null ? loss : sum.add(loss);
      }
      if (sum == null) {
        return 0.0;
      }
      Backward.of(sum.div(config.windowsPerStep()));
      return NextTokenLoss.value(sum);
    } finally {
      sessions.forEach(InferenceSession::close);
    }
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
