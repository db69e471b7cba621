package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.SpecialTokens;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.Corpus;
import dev.featurewatch.sae.TrainingMethod;
import dev.featurewatch.sae.SaeEvaluation;
import dev.featurewatch.sae.SaeEvaluator;
import dev.featurewatch.sae.SaeTrainer;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.TrainingConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae train} and {@code sae eval}. */
@Command(name = "sae", description = "Train and evaluate sparse autoencoders.", subcommands = {SaeCommand.Train.class, SaeCommand.Eval.class})
final class SaeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Options shared by both: the model and the corpus. */
  static class ModelAndCorpus {
    @Mixin ModelOptions model;

    @Option(names = "--corpus", required = true, description = ".jsonl ({\"text\"} or {\"tokens\"} per line) or a text file (a document per line).")
    Path corpus;

    @Option(names = "--context", defaultValue = "128", description = "Tokens per document, BOS included (default ${DEFAULT-VALUE}).")
    int context;

    Corpus readCorpus(Transformer transformer, TextTokenizer tokenizer) {
      return Corpus.read(corpus, tokenizer, transformer.config().bosTokenId(), context);
    }

  }

  @Command(name = "train", description = "Train an SAE on a model's activations at one hook; writes the SAELens layout.")
  static final class Train extends ModelAndCorpus implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--hook", required = true, description = "TransformerLens hook, e.g. blocks.2.hook_resid_post.")
    String hook;

    @Option(names = "--d-sae", required = true, description = "Number of features.")
    int dSae;

    @Option(names = "--k", defaultValue = "32", description = "Active features per token for topk (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--method", defaultValue = "topk", description = "topk, batchtopk (saved as jumprelu) or standard (ReLU + L1) (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--l1", defaultValue = "5", description = "L1 coefficient for standard SAEs (default ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--batch", defaultValue = "1024", description = "Activations per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "1", description = "Passes over the corpus (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0", description = "Adam learning rate; 0 scales with d_sae (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--checkpoint-every", defaultValue = "500", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint if it exists.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder (SAELens layout; checkpoint in OUT/checkpoint).")
    Path out;

    @Override
    public Integer call() {
      TrainingMethod trainingMethod = TrainingMethod.parse(method);
      if (trainingMethod == null) {
        throw new UsageException("--method must be topk, batchtopk or standard, got " + method);
      }
      HookPoint point = HookPoint.parse(hook);
      TextTokenizer tokenizer = model.tokenizerOrNull();
      try (Transformer transformer = model.load()) {
        Corpus docs = readCorpus(transformer, tokenizer);
        TrainingConfig defaults = TrainingConfig.topK(dSae, Math.min(k, dSae));
        TrainingConfig config = new TrainingConfig(trainingMethod, dSae, k, l1, batch, epochs, lr, defaults.warmupSteps(),
            defaults.decayFraction(), defaults.deadAfterSteps(), defaults.auxKCoefficient(), Math.max(defaults.bufferRows(), batch),
            checkpointEvery, seed);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
        spec.commandLine().getErr().printf("training %s SAE d_sae %d at %s on %d documents (%d tokens), %d epoch(s)%n",
            method, dSae, point, docs.documents().size(), docs.tokenCount(), epochs);
        new SaeTrainer(transformer, point, docs, SpecialTokens.of(transformer.config(), tokenizer), config, out,
            s -> bar.update(s.step(), s.totalSteps(), String.format(Locale.ROOT,
                "loss %.4g l0 %.1f ev %.3f dead %.1f%% %.0f tok/s", s.mse(), s.l0(), s.explainedVariance(),
                100 * s.deadFraction(), s.tokensPerSecond())),
            model.name()).train(resume);
        spec.commandLine().getErr().println("saved " + out);
        return 0;
      } finally {
        if (tokenizer != null) {
          tokenizer.close();
        }
      }
    }
  }

  @Command(name = "eval", description = "Evaluate an SAE on a corpus; prints JSON with SAELens metric names.")
  static final class Eval extends ModelAndCorpus implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sae", required = true, description = "SAE folder (any supported format).")
    Path sae;

    @Option(names = "--hook", description = "Hook for SAE formats that do not name one (Gemma Scope, some sparsify folders).")
    String hookHint;

    @Override
    public Integer call() throws Exception {
      TextTokenizer tokenizer = model.tokenizerOrNull();
      try (Transformer transformer = model.load();
          SparseAutoencoder autoencoder = SparseAutoencoder.loadFor(sae, transformer.config(), model.device(), hookHint)) {
        Corpus docs = readCorpus(transformer, tokenizer);
        SaeEvaluation result = new SaeEvaluator(transformer, autoencoder, SpecialTokens.of(transformer.config(), tokenizer)).evaluate(docs);
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()));
        spec.commandLine().getOut().flush();
        return 0;
      } finally {
        if (tokenizer != null) {
          tokenizer.close();
        }
      }
    }
  }
}
