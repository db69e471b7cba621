package dev.featurewatch.cli;

import ai.djl.Device;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Measures prefill and decode throughput of the forward pass. Every model is measured in the same
 * run, so the printed figures compare like with like on whatever machine runs it.
 */
@Command(name = "runtime", description = "Measure prefill and decode tokens/s of models side by side.")
final class RuntimeBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", description = "Model directory to measure (repeatable).")
  List<Path> models = new ArrayList<>();

  @Option(names = "--stories15m", description = "Also measure a random model of the stories15M shape (dim 288, 6 layers, 6 heads, vocab 32000).")
  boolean stories15m;

  @Option(names = "--prompt-length", defaultValue = "128", description = "Prompt tokens per prefill (default ${DEFAULT-VALUE}).")
  int promptLength;

  @Option(names = "--decode-tokens", defaultValue = "256", description = "Decode steps per run (default ${DEFAULT-VALUE}).")
  int decodeTokens;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs after one warm-up (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--device", description = "cpu or gpu (default: the engine's default).")
  String device;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (BenchModels bench = new BenchModels(models, stories15m)) {
      if (bench.targets().isEmpty()) {
        throw new UsageException("nothing to measure: pass --model DIR and/or --stories15m");
      }
      out.printf("%-28s %8s %8s %14s %14s%n", "model", "params", "prompt", "prefill tok/s", "decode tok/s");
      for (BenchModels.Target target : bench.targets()) {
        Result r = measure(target.directory());
        out.printf("%-28s %7.2fM %8d %14.0f %14.1f%n", target.name(), r.parameters / 1e6, r.promptLength, r.prefillTokensPerSecond, r.decodeTokensPerSecond);
        out.flush();
      }
      out.println(BenchModels.machine());
    }
    return 0;
  }

  private record Result(long parameters, int promptLength, double prefillTokensPerSecond, double decodeTokensPerSecond) {}

  private Result measure(Path dir) {
    Device target = device == null ? null : Device.fromName(device);
    try (Transformer model = Transformer.load(dir, target)) {
      var c = model.config();
      // Prompt and decode must fit the model's context (stories260k has 512 positions).
      int prompt = Math.min(promptLength, c.maxPositions() / 2);
      int decode = Math.min(decodeTokens, c.maxPositions() - prompt - 1);
      int[] tokens = new SplittableRandom(7).ints(prompt, 3, c.vocabSize()).toArray();
      double bestPrefill = 0;
      double bestDecode = 0;
      for (int run = 0; run <= runs; run++) {
        try (InferenceSession s = model.newSession()) {
          long t0 = System.nanoTime();
          float[] logits = s.forward(tokens, Hooks.none());
          long t1 = System.nanoTime();
          int next = BenchModels.argmax(logits);
          for (int i = 0; i < decode; i++) {
            next = BenchModels.argmax(s.forward(next));
          }
          long t2 = System.nanoTime();
          if (run > 0) { // run 0 warms up the JIT and the engine's kernels
            bestPrefill = Math.max(bestPrefill, prompt / ((t1 - t0) / 1e9));
            bestDecode = Math.max(bestDecode, decode / ((t2 - t1) / 1e9));
          }
        }
      }
      return new Result(parameterCount(c), prompt, bestPrefill, bestDecode);
    }
  }

  private static long parameterCount(dev.featurewatch.model.ModelConfig c) {
    long d = c.hiddenSize();
    long attention = d * (long) c.numHeads() * c.headDim() * 2 + d * (long) c.numKvHeads() * c.headDim() * 2;
    long mlp = 3 * d * c.intermediateSize();
    long embeddings = (long) c.vocabSize() * d * (c.tieWordEmbeddings() ? 1 : 2);
    return c.numLayers() * (attention + mlp) + embeddings;
  }
}
