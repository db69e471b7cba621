package dev.featurewatch.probe;

import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Transformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One probe training run: split the labelled sequences, read their activations, fit the probe,
 * calibrate its threshold, and measure it on the held-out part.
 *
 * <p>The split is by sequence, never by token, so tokens of one sequence (whose activations are
 * alike) never sit on both sides; it is stratified on whether a sequence has a positive label, so
 * rare positives reach both sides; and it depends only on the seed.
 *
 * <p>The threshold is calibrated ({@link Calibration}) on the benign set if there is one, else on
 * the held-out negatives. In the second case the held-out FPR at the threshold is at most the
 * target by construction; the held-out TPR is still honest, since positives play no part in it.
 */
public final class ProbeTrainer {
  private ProbeTrainer() {}

  /**
   * Options of a run.
   *
   * @param hook where to read activations
   * @param pool {@link Pooling#LAST} or {@link Pooling#MEAN} for sequence-level labels; null to
   *     take the default ({@code last}, or {@code token} for token-level labels)
   * @param targetFpr false-positive rate the threshold is calibrated to, in [0, 1)
   * @param holdout fraction of sequences held out for evaluation, in (0, 1)
   * @param fit optimiser options
   * @param seed seed of the split
   */
  public record Options(HookPoint hook, Pooling pool, double targetFpr, double holdout, LogisticProbe.Options fit, long seed) {
    public Options {
      if (!(targetFpr >= 0 && targetFpr < 1)) {
        throw new IllegalArgumentException("target FPR must be in [0, 1), got " + targetFpr);
      }
      if (!(holdout > 0 && holdout < 1)) {
        throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + holdout);
      }
    }
  }

  /** A trained probe and its report. */
  public record Result(Probe probe, ProbeReport report) {}

  /**
   * Trains a probe.
   *
   * @param model the model whose activations the probe reads
   * @param modelName recorded in the probe (the model directory's name)
   * @param bosTokenId BOS id, skipped at position 0, or -1
   * @param data labelled sequences, all of one kind ({@link LabelledExample#read})
   * @param benign benign sequences to calibrate on, or null to use the held-out negatives
   * @param progress told one line at a time how the run goes
   * @throws IllegalArgumentException if the options do not fit the data or the model, or a split
   *     lacks a class
   */
  public static Result train(Transformer model, String modelName, int bosTokenId, List<LabelledExample> data,
      List<LabelledExample> benign, Options options, Consumer<String> progress) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no labelled examples");
    }
    checkHook(model, options.hook());
    Pooling pool = resolvePool(data.get(0).isTokenLevel(), options.pool());
    List<List<LabelledExample>> split = split(data, options.holdout(), options.seed());
    List<LabelledExample> trainPart = split.get(0);
    List<LabelledExample> holdoutPart = split.get(1);
    if (holdoutPart.isEmpty() || trainPart.isEmpty()) {
      throw new IllegalArgumentException(data.size() + " sequences are too few to hold out " + options.holdout()
          + " of them and train on the rest");
    }

    ActivationExtractor extractor = new ActivationExtractor(model, options.hook(), bosTokenId);
    long start = System.nanoTime();
    ActivationSet train = extractor.extract(trainPart, pool, counter(progress, "training", trainPart.size()));
    ActivationSet holdout = extractor.extract(holdoutPart, pool, counter(progress, "held-out", holdoutPart.size()));
    ActivationSet calibration = benign == null ? null
        : extractor.extractBenign(benign, pool, counter(progress, "benign", benign.size()));
    double extractSeconds = (System.nanoTime() - start) / 1e9;
    requireBothClasses("training", train);
    requireBothClasses("held-out", holdout);

    progress.accept(String.format(Locale.ROOT, "fitting on %d examples (%d positive), d_in %d",
        train.size(), train.positives(), train.rows()[0].length));
    start = System.nanoTime();
    LogisticProbe.Fit fit = LogisticProbe.fit(train, options.fit(), (iteration, loss, gradientMax) -> {
      if (iteration % 25 == 0) {
        progress.accept(String.format(Locale.ROOT, "  iteration %d: loss %.6f, max |gradient| %.2e",
            iteration, loss, gradientMax));
      }
    });
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    progress.accept(String.format(Locale.ROOT, "fitted in %.2f s: %d iterations, %s, loss %.6f",
        trainSeconds, fit.iterations(), fit.converged() ? "converged" : "iteration limit reached", fit.loss()));

    // Score with the probe as saved (float direction), so the report describes what will run. Its
    // threshold is 1 (nothing flagged) until calibrated below.
    Probe scorer = new Probe(options.hook(), fit.direction(), fit.bias(), 1, options.targetFpr(), pool, modelName, Map.of());
    double[] holdoutScores = scorer.scores(holdout.rows());
    double[] calibrationScores = calibration != null ? scorer.scores(calibration.rows())
        : ProbeMetrics.select(holdoutScores, holdout.labels(), 0);
    double threshold = Calibration.threshold(calibrationScores, options.targetFpr());
    if (calibrationScores.length * options.targetFpr() < 1) {
      progress.accept("note: " + calibrationScores.length + " benign examples cannot resolve a false-positive rate of "
          + options.targetFpr() + "; the threshold is the highest benign score");
    }
    ProbeReport report = new ProbeReport(
        options.hook().name(), pool, scorer.dIn(), modelName,
        trainPart.size(), train.size(), train.positives(),
        holdoutPart.size(), holdout.size(), holdout.positives(),
        calibration != null ? "benign" : "holdout_negatives", calibrationScores.length,
        options.targetFpr(), threshold, Calibration.fractionAbove(calibrationScores, threshold),
        ProbeMetrics.auroc(holdoutScores, holdout.labels()),
        ProbeMetrics.tprAtFpr(holdoutScores, holdout.labels(), options.targetFpr()),
        Calibration.fractionAbove(ProbeMetrics.select(holdoutScores, holdout.labels(), 1), threshold),
        Calibration.fractionAbove(ProbeMetrics.select(holdoutScores, holdout.labels(), 0), threshold),
        ProbeMetrics.auroc(scorer.scores(train.rows()), train.labels()),
        options.fit().l2(), options.fit().balanceClasses(), options.seed(),
        fit.iterations(), fit.converged(), fit.loss(), extractSeconds, trainSeconds);
    Probe probe = scorer.withCalibration(threshold, report.probeMetrics());
    return new Result(probe, report);
  }

  /** The pooling a run uses: token-level labels read every token; sequence-level default to the last token. */
  static Pooling resolvePool(boolean tokenLevel, Pooling requested) {
    if (tokenLevel) {
      if (requested != null && requested != Pooling.TOKEN) {
        throw new IllegalArgumentException("pooling " + requested.jsonName()
            + " applies to sequence-level labels; with token_labels every token is an example");
      }
      return Pooling.TOKEN;
    }
    if (requested == Pooling.TOKEN) {
      throw new IllegalArgumentException("pooling token needs token-level labels ('token_labels')");
    }
    return requested == null ? Pooling.LAST : requested;
  }

  /**
   * Splits sequences into [train, held-out], stratified on {@link LabelledExample#hasPositive()}:
   * each stratum is shuffled with the seed and round(fraction × size) of it held out, keeping at
   * least one on each side when the stratum has two or more. Both parts keep file order.
   */
  static List<List<LabelledExample>> split(List<LabelledExample> data, double fraction, long seed) {
    Random random = new Random(seed);
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      (data.get(i).hasPositive() ? positives : negatives).add(i);
    }
    boolean[] heldOut = new boolean[data.size()];
    for (List<Integer> stratum : List.of(negatives, positives)) {
      Collections.shuffle(stratum, random);
      int n = stratum.size();
      int k = (int) Math.round(fraction * n);
      if (n >= 2) {
        k = Math.max(1, Math.min(n - 1, k));
      } else {
        k = 0;
      }
      for (int i = 0; i < k; i++) {
        heldOut[stratum.get(i)] = true;
      }
    }
    List<LabelledExample> train = new ArrayList<>();
    List<LabelledExample> holdout = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      (heldOut[i] ? holdout : train).add(data.get(i));
    }
    return List.of(train, holdout);
  }

  private static void checkHook(Transformer model, HookPoint hook) {
    if (hook.kind() != HookPoint.Kind.LN_FINAL && hook.layer() >= model.config().numLayers()) {
      throw new IllegalArgumentException("hook " + hook + " names block " + hook.layer() + " but the model has "
          + model.config().numLayers() + " blocks (0.." + (model.config().numLayers() - 1) + ")");
    }
  }

  private static void requireBothClasses(String part, ActivationSet set) {
    if (set.positives() == 0 || set.negatives() == 0) {
      throw new IllegalArgumentException("the " + part + " split has " + set.positives() + " positive and "
          + set.negatives() + " negative examples; it needs both (more data, or another --holdout)");
    }
  }

  /** Reports extraction progress about ten times per set. */
  private static IntConsumer counter(Consumer<String> progress, String what, int total) {
    int every = Math.max(1, total / 10);
    return done -> {
      if (done % every == 0 || done == total) {
        progress.accept("activations (" + what + "): " + done + "/" + total + " sequences");
      }
    };
  }
}
