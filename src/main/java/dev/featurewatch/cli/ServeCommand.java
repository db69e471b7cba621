package dev.featurewatch.cli;

import dev.featurewatch.rules.RuleValidationException;
import dev.featurewatch.server.FeatureWatchServer;
import dev.featurewatch.server.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the guardrail server. With no options it serves the embedded organism from the
 * repository's folders; {@code --config} reads a YAML file, {@code FEATUREWATCH_*} environment
 * variables override it, and the options here override both. Stops gracefully on SIGTERM / Ctrl-C.
 */
@Command(name = "serve", description = "Serve the OpenAI-compatible API with the SAE guardrail inline.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML config file (sections server, model, sae, dictionary, probes, rules, engine, audit, alerts).")
  Path config;

  @Option(names = "--model", description = "Hugging Face model directory (default organism/model).")
  String model;

  @Option(names = "--sae", description = "SAE directory (default dictionaries/organism).")
  String sae;

  @Option(names = "--dictionary", description = "Feature dictionary, JSON Lines (default dictionaries/organism/dictionary.jsonl).")
  String dictionary;

  @Option(names = "--probes", description = "Folder of probe folders (default organism/probes).")
  String probes;

  @Option(names = "--rules", description = "Rules folder (default rules).")
  String rules;

  @Option(names = "--audit", description = "Audit log folder (default audit).")
  String audit;

  @Option(names = "--host", description = "Address to listen on (default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (default 8080; 0 for any free port).")
  String port;

  @Override
  public Integer call() throws RuleValidationException, InterruptedException {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("model.path", model);
    overrides.put("sae.path", sae);
    overrides.put("dictionary.path", dictionary);
    overrides.put("probes.path", probes);
    overrides.put("rules.path", rules);
    overrides.put("audit.path", audit);
    overrides.put("server.host", host);
    overrides.put("server.port", port);
    ServerConfig settings = ServerConfig.load(config, System.getenv(), overrides);
    FeatureWatchServer server = FeatureWatchServer.start(settings, line -> System.out.println("featurewatch: " + line));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("featurewatch: shutting down; finishing requests in flight");
      server.close();
      stopped.countDown();
    }, "featurewatch-shutdown"));
    stopped.await();
    return 0;
  }
}
