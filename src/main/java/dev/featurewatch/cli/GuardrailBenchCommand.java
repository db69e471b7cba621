package dev.featurewatch.cli;

import dev.featurewatch.api.ServedModel;
import dev.featurewatch.engine.GenerationControl;
import dev.featurewatch.engine.GenerationRequest;
import dev.featurewatch.engine.Generator;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.GuardedListener;
import dev.featurewatch.engine.GuardedRequest;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.engine.TokenListener;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.ModelConfig;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleEvaluator;
import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseFeatures;
import dev.featurewatch.server.FeatureWatchServer;
import dev.featurewatch.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the guardrail costs, measured side by side in one run on the served model (the committed
 * organism by default): decode with the SAE, probes and rules on every token against plain decode
 * (and the SAE's share of the FLOPs, the floor of that cost); end-to-end streaming through HTTP
 * against the guarded engine alone; aggregate throughput at 1, 4 and 16 concurrent streams; and
 * the rule evaluator's cost per token with 1, 100 and 10,000 rules.
 */
@Command(name = "guardrail", description = "Measure monitoring, server and rule-evaluation overhead side by side.")
final class GuardrailBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tokens", defaultValue = "256", description = "Tokens generated per run (default ${DEFAULT-VALUE}).")
  int tokens;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs after a warm-up (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--rules", description = "Rules folder (default: the config's, else rules).")
  String rules;

  @Option(names = "--config", description = "Server config (YAML) naming the model, SAE, probes and rules to measure "
      + "(default: the committed organism).")
  Path config;

  private String servedId;

  @Override
  public Integer call() throws Exception {
    GradientMode.disableOnThisThread();
    PrintWriter out = spec.commandLine().getOut();
    Path audit = Files.createTempDirectory("featurewatch-bench-audit");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.port", "0");
    if (rules != null) {
      settings.put("rules.path", rules);
    }
    settings.put("rules.watch", "false");
    // The measurement's own server: open, plain HTTP, no alerts, whatever the config says.
    settings.put("security.keys_path", "");
    settings.put("server.tls_cert_path", "");
    settings.put("server.tls_key_path", "");
    settings.put("alerts.alertmanager_url", "");
    settings.put("alerts.webhook_url", "");
    settings.put("audit.path", audit.toString());
    settings.put("engine.threads", "16");
    settings.put("engine.queue", "64");
    settings.put("engine.batch_decode", "false");
    try (FeatureWatchServer server = FeatureWatchServer.start(ServerConfig.load(config, Map.of(), settings), line -> { })) {
      ServedModel served = server.served();
      servedId = served.id();
      int[] prompt = served.tokenizer().encode(served.chatTemplate().render(
          List.of(new ChatMessage("user", "Tell me about the Golden Gate Bridge.")), true), false);
      int n = Math.min(tokens, served.contextLength() - prompt.length - 1);
      CompiledRules shipped = server.rules().current();
      out.printf("Served model %s, SAE d_sae %d at %s, %d probes, %d rules; %d tokens per run, best of %d runs%n", served.id(),
          served.sae().config().dSae(), served.guardrail().saeHook(), served.guardrail().probeNames().size(), shipped.size(), n, runs);

      double plain = 0;
      double guarded = 0;
      double http = 0;
      List<SparseFeatures> seen = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        double p = plainDecode(served, prompt, n);
        double g = guardedDecode(served, prompt, n, shipped, run == 0 ? seen : null);
        double h = httpStreams(server.port(), n, 1);
        if (run > 0) {
          plain = Math.max(plain, p);
          guarded = Math.max(guarded, g);
          http = Math.max(http, h);
        }
      }
      out.printf("%nMonitoring overhead (SAE + probes + rules on every token, hold-back included):%n");
      out.printf("  plain decode %8.1f tok/s | guarded %8.1f tok/s | plain / guarded %.2f%n", plain, guarded, plain / guarded);
      out.printf("  the SAE's share of the forward pass FLOPs (the floor of that cost): %.1f%%%n", 100 * saeFlopShare(served));
      out.printf("%nServer overhead (HTTP streaming with audit, one stream):%n");
      out.printf("  guarded engine %8.1f tok/s | through HTTP %8.1f tok/s | engine / HTTP %.2f%n", guarded, http, guarded / http);

      out.printf("%nThroughput against concurrency (HTTP streams, 16 inference threads), decode steps alone or batched:%n");
      // Two fresh servers side by side, measured in turns, so neither gains from going second
      // (a warmer JIT) or loses from the first phases' audit index still merging.
      double[][] both;
      try (FeatureWatchServer alone = freshServer(settings, false); FeatureWatchServer batched = freshServer(settings, true)) {
        both = concurrency(alone.port(), batched.port(), n / 2);
      }
      double[] alone = both[0];
      double[] batched = both[1];
      int[] streams = {1, 4, 16};
      for (int i = 0; i < streams.length; i++) {
        out.printf("  %2d streams  alone %8.1f tok/s (%.2f × one)  batched %8.1f tok/s (%.2f × one)  batched / alone %.2f%n",
            streams[i], alone[i], alone[i] / alone[0], batched[i], batched[i] / batched[0], batched[i] / alone[i]);
      }

      out.printf("%nRule evaluation per token (%d recorded tokens of real activations):%n", seen.size());
      for (int count : new int[] {1, 100, 10_000}) {
        CompiledRules synthetic = SyntheticRules.compile(count, served.sae().config().dSae(), 7);
        out.printf("  %6d rules %10.0f ns/token%n", count, nanosPerToken(synthetic, seen));
      }
      out.println(BenchModels.machine());
    }
    return 0;
  }

  private static double plainDecode(ServedModel served, int[] prompt, int n) {
    var g = new Generator(served.model(), served.tokenizer()).generate(
        new GenerationRequest(prompt, SamplingParams.greedy(n), null, true, false), TokenListener.NONE);
    return (g.tokens().length - 1) / (g.decodeNanos() / 1e9);
  }

  private static double guardedDecode(ServedModel served, int[] prompt, int n, CompiledRules rules, List<SparseFeatures> keep) {
    GuardedGeneration g = served.generator().generate(new GuardedRequest(prompt, SamplingParams.greedy(n), List.of(), rules, true),
        GenerationControl.unlimited(), GuardedListener.NONE);
    if (keep != null) {
      for (TokenActivity a : g.activity()) {
        if (a.monitored()) {
          keep.add(a.features());
        }
      }
    }
    return (g.releasedTokens().length - 1) / ((g.totalNanos() - g.firstTokenNanos()) / 1e9);
  }

  private FeatureWatchServer freshServer(Map<String, String> settings, boolean batchDecode) throws Exception {
    Map<String, String> own = new LinkedHashMap<>(settings);
    own.put("engine.batch_decode", Boolean.toString(batchDecode));
    own.put("audit.path", Files.createTempDirectory("featurewatch-bench-audit").toString());
    return FeatureWatchServer.start(ServerConfig.load(config, Map.of(), own), line -> { });
  }

  /** Best aggregate tokens/s at 1, 4 and 16 streams of each server ([0] alone, [1] batched), runs in turns. */
  private double[][] concurrency(int alonePort, int batchedPort, int n) throws Exception {
    int[] streams = {1, 4, 16};
    double[][] best = new double[2][streams.length];
    int[] ports = {alonePort, batchedPort};
    for (int i = 0; i < streams.length; i++) {
      for (int port : ports) {
        httpStreams(port, n, streams[i]); // warm-up
      }
      for (int run = 0; run < runs; run++) {
        for (int s = 0; s < ports.length; s++) {
          best[s][i] = Math.max(best[s][i], httpStreams(ports[s], n, streams[i]));
        }
      }
    }
    return best;
  }

  /** Aggregate tokens/s of {@code streams} concurrent streamed completions, from request to {@code [DONE]}. */
  private double httpStreams(int port, int n, int streams) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body = "{\"model\": \"" + servedId + "\", \"prompt\": \"The Golden Gate Bridge\", \"max_tokens\": " + n
        + ", \"temperature\": 0, \"stream\": true, \"featurewatch\": {\"ignore_eos\": true}}";
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      long t0 = System.nanoTime();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        counts.add(pool.submit(() -> {
          HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/completions"))
              .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
          int chunks = 0;
          try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
              chunks += line.startsWith("data: {") ? 1 : 0;
            }
          }
          return chunks;
        }));
      }
      for (Future<Integer> f : counts) {
        f.get();
      }
      return (double) n * streams / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  /** SAE encode FLOPs per token against the model's matmul FLOPs per token (2 per multiply-add). */
  private static double saeFlopShare(ServedModel served) {
    ModelConfig c = served.model().config();
    double d = c.hiddenSize();
    double kv = (double) c.numKvHeads() * c.headDim();
    double perLayer = d * d * 2 + d * kv * 2 + 3 * d * c.intermediateSize();
    double model = 2 * (c.numLayers() * perLayer + d * c.vocabSize());
    double sae = 2 * d * served.sae().config().dSae();
    return sae / (model + sae);
  }

  private static double nanosPerToken(CompiledRules rules, List<SparseFeatures> tokens) {
    double best = Double.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      RuleEvaluator e = rules.newEvaluator();
      long t0 = System.nanoTime();
      int position = 0;
      for (int repeat = 0; repeat < 20; repeat++) {
        for (SparseFeatures f : tokens) {
          if (e.isStopped()) {
            e = rules.newEvaluator();
          }
          e.accept(position++, TokenSource.OUTPUT, f, null);
        }
      }
      best = Math.min(best, (System.nanoTime() - t0) / (double) position);
    }
    return best;
  }
}
