package dev.featurewatch.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.sae.FeatureMonitor;
import dev.featurewatch.sae.SaeArchitecture;
import dev.featurewatch.sae.SaeConfig;
import dev.featurewatch.sae.SaeInitializer;
import dev.featurewatch.sae.SparseAutoencoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * SAE encode throughput at batch 1 and 64, and the monitoring overhead: decode with the SAE
 * encoding every token (the runtime monitor's work) against plain decode, the two alternated in
 * one run so the ratio compares like with like.
 */
@Command(name = "sae", description = "Measure SAE encode throughput and the monitoring overhead on decode.")
final class SaeBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--d-in", defaultValue = "2304", description = "Encode benchmark input width (default ${DEFAULT-VALUE}: Gemma-2-2B).")
  int dIn;

  @Option(names = "--d-sae", defaultValue = "16384", description = "Encode benchmark features (default ${DEFAULT-VALUE}: Gemma Scope 16k).")
  int dSae;

  @Option(names = "--model", description = "Model directory for the overhead measurement (repeatable).")
  List<Path> models = new ArrayList<>();

  @Option(names = "--stories15m", description = "Also measure the overhead on a random model of the stories15M shape.")
  boolean stories15m;

  @Option(names = "--decode-tokens", defaultValue = "200", description = "Decode steps per run (default ${DEFAULT-VALUE}).")
  int decodeTokens;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs after a warm-up (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws IOException {
    GradientMode.disableOnThisThread();
    PrintWriter out = spec.commandLine().getOut();
    SaeConfig encodeConfig = new SaeConfig(SaeArchitecture.JUMPRELU, dIn, dSae, 0, "blocks.12.hook_resid_post", false, null, "random");
    try (SparseAutoencoder sae = SaeInitializer.random(encodeConfig, null, 1, 0.1f); NDManager m = NDManager.newBaseManager("PyTorch")) {
      out.printf("SAE encode to sparse features, d_in %d, d_sae %d (JumpReLU, random weights):%n", dIn, dSae);
      for (int batch : new int[] {1, 64}) {
        out.printf("  batch %3d: %10.0f positions/s%n", batch, encodeThroughput(sae, m, batch));
        out.flush();
      }
    }

    try (BenchModels bench = new BenchModels(models, stories15m)) {
      if (!bench.targets().isEmpty()) {
        out.printf("%nMonitoring overhead (TopK SAE, d_sae = 8 × d_model, k 32, at the middle block's hook_resid_post):%n");
        out.printf("  %-26s %8s %14s %16s %8s%n", "model", "d_sae", "decode tok/s", "monitored tok/s", "ratio");
      }
      for (BenchModels.Target target : bench.targets()) {
        overhead(out, target.name(), target.directory());
      }
      out.println(BenchModels.machine());
    }
    return 0;
  }

  private double encodeThroughput(SparseAutoencoder sae, NDManager m, int batch) {
    SplittableRandom random = new SplittableRandom(3);
    float[] data = new float[batch * dIn];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    double best = 0;
    for (int run = 0; run <= runs; run++) {
      int iterations = Math.max(4, 256 / batch);
      long t0 = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        try (NDManager step = m.newSubManager()) {
          NDArray x = step.create(data, new Shape(batch, dIn));
          sae.encodeSparse(x);
        }
      }
      double perSecond = iterations * batch / ((System.nanoTime() - t0) / 1e9);
      if (run > 0) {
        best = Math.max(best, perSecond);
      }
    }
    return best;
  }

  private void overhead(PrintWriter out, String name, Path dir) {
    try (Transformer model = Transformer.load(dir)) {
      var c = model.config();
      HookPoint hook = HookPoint.residPost(c.numLayers() / 2);
      int features = 8 * c.hiddenSize();
      SaeConfig saeConfig = new SaeConfig(SaeArchitecture.TOPK, c.hiddenSize(), features, 32, hook.name(), true, null, name);
      try (SparseAutoencoder sae = SaeInitializer.random(saeConfig, model.device(), 5, 0f)) {
        long[] sink = new long[1];
        Hooks monitored = Hooks.builder().add(hook, new FeatureMonitor(sae, Set.of(c.bosTokenId()), (p, t, f) -> sink[0] += f.size())).build();
        int decode = Math.min(decodeTokens, c.maxPositions() - 2);
        double bestPlain = 0;
        double bestMonitored = 0;
        for (int run = 0; run <= runs; run++) {
          double plain = decodeRate(model, Hooks.none(), decode);
          double withSae = decodeRate(model, monitored, decode);
          if (run > 0) {
            bestPlain = Math.max(bestPlain, plain);
            bestMonitored = Math.max(bestMonitored, withSae);
          }
        }
        out.printf("  %-26s %8d %14.1f %16.1f %8.2f%n", name, features, bestPlain, bestMonitored, bestPlain / bestMonitored);
        out.flush();
      }
    }
  }

  private static double decodeRate(Transformer model, Hooks hooks, int steps) {
    try (InferenceSession s = model.newSession()) {
      int next = BenchModels.argmax(s.forward(new int[] {Math.max(0, model.config().bosTokenId())}, hooks));
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        next = BenchModels.argmax(s.forward(new int[] {next}, hooks));
      }
      return steps / ((System.nanoTime() - t0) / 1e9);
    }
  }
}
