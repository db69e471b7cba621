package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.probe.LabelledExample;
import dev.featurewatch.probe.LogisticProbe;
import dev.featurewatch.probe.Pooling;
import dev.featurewatch.probe.ProbeTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code probe}: linear probes on a model's activations, signals beside SAE features. */
@Command(name = "probe", description = "Linear probes on a model's activations.", subcommands = ProbeCommand.Train.class)
final class ProbeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: train");
  }

  /**
   * {@code probe train}: fits a logistic-regression probe on labelled examples, calibrates its
   * threshold, prints the report as JSON on stdout (progress goes to stderr) and saves the probe
   * folder when {@code --out} is given.
   */
  @Command(name = "train", description = {
      "Train a logistic-regression probe on activations at a hook, calibrate its threshold to a false-positive rate, "
          + "and print the held-out report (AUROC, TPR at the target FPR) as JSON.",
      "Data: JSON Lines, one of {\"text\": ..., \"label\": 0|1}, {\"tokens\": [...], \"label\": 0|1}, "
          + "{\"tokens\": [...], \"token_labels\": [0, 1, ...]}."})
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ModelOptions model;

    @Option(names = "--hook", required = true, description = "Hook to read, e.g. blocks.2.hook_resid_post.")
    String hook;

    @Option(names = "--data", required = true, description = "Labelled examples (JSON Lines).")
    Path data;

    @Option(names = "--benign", description = "Benign examples to calibrate the threshold on (labels ignored); "
        + "default: the negatives of the held-out split.")
    Path benign;

    @Option(names = "--out", description = "Folder to save the probe to (probe.json, probe.safetensors); "
        + "without it nothing is saved.")
    Path out;

    @Option(names = "--pool", description = "last or mean: which rows of a sequence-level example the probe reads "
        + "(default last; token-level labels always read every token).")
    String pool;

    @Option(names = "--target-fpr", defaultValue = "0.01", description = "False-positive rate the threshold is "
        + "calibrated to (default ${DEFAULT-VALUE}).")
    double targetFpr;

    @Option(names = "--holdout", defaultValue = "0.2", description = "Fraction of sequences held out for the report "
        + "(default ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--l2", defaultValue = "1e-3", description = "L2 penalty, relative to the activations' variance "
        + "(default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--epochs", defaultValue = "500", description = "Most L-BFGS iterations, each one or more full "
        + "passes over the data (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the train/held-out split (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--balance", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Weight both labels equally in the loss (default; --no-balance to weight every example alike).")
    boolean balance;


    @Override
    public Integer call() throws IOException {
      for (Path file : benign == null ? List.of(data) : List.of(data, benign)) {
        if (!Files.isRegularFile(file)) {
          throw new UsageException(file + " does not exist or is not a file");
        }
      }
      HookPoint point = HookPoint.parse(hook);
      Pooling requestedPool = pool == null ? null : Pooling.parse(pool);
      if (requestedPool == Pooling.TOKEN) {
        throw new UsageException("--pool takes last or mean; token-level labels ('token_labels') read every token");
      }
      ProbeTrainer.Options options = new ProbeTrainer.Options(point, requestedPool, targetFpr, holdout,
          new LogisticProbe.Options(l2, epochs, balance), seed);
      PrintWriter err = spec.commandLine().getErr();
      TextTokenizer tokenizer = model.tokenizerOrNull();
      try {
        // Text is tokenized as plain text for this model: with BOS when the tokenizer adds it by default.
        Function<String, int[]> encoder = tokenizer == null ? null : text -> tokenizer.encode(text, tokenizer.addBosByDefault());
        List<LabelledExample> examples = LabelledExample.read(data, encoder);
        List<LabelledExample> benignExamples = benign == null ? null : LabelledExample.readBenign(benign, encoder);
        err.println("read " + examples.size() + " labelled sequences from " + data
            + (benignExamples == null ? "" : " and " + benignExamples.size() + " benign from " + benign));
        err.flush();
        try (Transformer transformer = model.load()) {
          int bos = tokenizer != null && tokenizer.bosTokenId().isPresent()
              ? tokenizer.bosTokenId().getAsInt() : transformer.config().bosTokenId();
          String modelName = model.name();
          ProbeTrainer.Result result = ProbeTrainer.train(transformer, modelName, bos, examples, benignExamples, options,
              line -> {
                err.println(line);
                err.flush();
              });
          ObjectNode report = result.report().toJson();
          if (out != null) {
            result.probe().save(out);
            report.put("saved_to", out.toString());
            err.println("saved probe to " + out);
            err.flush();
          }
          PrintWriter stdout = spec.commandLine().getOut();
          stdout.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
          stdout.flush();
        }
        return 0;
      } finally {
        if (tokenizer != null) {
          tokenizer.close();
        }
      }
    }
  }
}
