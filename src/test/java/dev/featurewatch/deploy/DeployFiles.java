package dev.featurewatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped monitoring files under {@code deploy/}, and the variants the tests run them as:
 * the same files with addresses and intervals changed for a test on loopback, nothing else.
 */
final class DeployFiles {
  static final Path PROMETHEUS = Path.of("deploy", "prometheus");
  static final Path PROMETHEUS_YML = PROMETHEUS.resolve("prometheus.yml");
  static final Path RULES = PROMETHEUS.resolve("featurewatch-rules.yml");
  static final Path RULES_TEST = PROMETHEUS.resolve("featurewatch-rules.test.yml");
  static final Path ALERTMANAGER_YML = PROMETHEUS.resolve("alertmanager.yml");
  static final Path DASHBOARD = Path.of("deploy", "grafana", "featurewatch.json");

  /** The scrape job the rules, dashboard and routes select on. */
  static final String JOB = "featurewatch";

  private DeployFiles() {}

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> yaml(Path file) {
    return new Yaml().load(read(file));
  }

  /**
   * prometheus.yml for a test: scraping the featurewatch job at {@code target} and evaluating every
   * second, alerting {@code alertmanager}, with the shipped rule file itself (by absolute path).
   */
  @SuppressWarnings("unchecked")
  static String prometheusConfig(String target, String alertmanager) {
    Map<String, Object> config = yaml(PROMETHEUS_YML);
    Map<String, Object> global = (Map<String, Object>) config.get("global");
    global.put("scrape_interval", "1s");
    global.put("evaluation_interval", "1s");
    config.put("rule_files", List.of(RULES.toAbsolutePath().toString()));
    Map<String, Object> am = ((List<Map<String, Object>>) ((Map<String, Object>) config.get("alerting")).get("alertmanagers")).get(0);
    am.put("static_configs", List.of(Map.of("targets", List.of(alertmanager))));
    Map<String, Object> job = featureWatchJob(config);
    job.put("scrape_timeout", "1s"); // may not exceed the interval
    job.put("static_configs", List.of(Map.of("targets", List.of(target))));
    return dump(config);
  }

  /**
   * prometheus.yml with the commented Kubernetes pod-discovery job in place of the static one, so
   * that variant is checked too; rule files by absolute path (the result is written elsewhere).
   * Debian builds Prometheus without Kubernetes discovery (its promtool rejects
   * {@code kubernetes_sd_configs}), so the job's discovery is checked here to be pod discovery and
   * then swapped for a static target: promtool checks the rest, the relabelling above all.
   */
  @SuppressWarnings("unchecked")
  static String kubernetesVariant() {
    List<String> uncommented = new ArrayList<>();
    boolean inBlock = false;
    for (String line : read(PROMETHEUS_YML).split("\n")) {
      if (line.startsWith("  # - job_name: " + JOB)) {
        inBlock = true;
      } else if (inBlock && !line.startsWith("  #   ")) {
        break;
      }
      if (inBlock) {
        uncommented.add(line.substring("  # ".length()));
      }
    }
    if (uncommented.isEmpty()) {
      throw new AssertionError(PROMETHEUS_YML + " has no commented '# - job_name: " + JOB + "' Kubernetes variant");
    }
    List<Object> jobs = new Yaml().load(String.join("\n", uncommented));
    Map<String, Object> config = yaml(PROMETHEUS_YML);
    config.put("scrape_configs", jobs);
    config.put("rule_files", List.of(RULES.toAbsolutePath().toString()));
    Map<String, Object> job = featureWatchJob(config);
    Object discovery = job.remove("kubernetes_sd_configs");
    if (!List.of(Map.of("role", "pod")).equals(discovery)) {
      throw new AssertionError("the Kubernetes variant should discover pods, has kubernetes_sd_configs " + discovery);
    }
    job.put("static_configs", List.of(Map.of("targets", List.of("10.0.0.1:8080"))));
    return dump(config);
  }

  /** alertmanager.yml with every receiver's URL set to {@code webhook} and grouping waits cut to 1 s. */
  static String alertmanagerConfig(URI webhook) {
    String text = read(ALERTMANAGER_YML);
    String rewritten = text.replaceAll("(?m)^(\\s*-?\\s*url: ).*$", "$1\"" + webhook + "\"")
        .replaceAll("(?m)^(\\s*group_wait:) .*$", "$1 1s")
        .replaceAll("(?m)^(\\s*group_interval:) .*$", "$1 1s");
    if (!rewritten.contains("url: \"" + webhook + "\"")) {
      throw new AssertionError(ALERTMANAGER_YML + " has no receiver url to point at the test's webhook");
    }
    return rewritten;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> featureWatchJob(Map<String, Object> config) {
    for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
      if (JOB.equals(job.get("job_name"))) {
        return job;
      }
    }
    throw new AssertionError("no scrape job '" + JOB + "' in " + config.get("scrape_configs"));
  }

  private static String dump(Map<String, Object> config) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(config);
  }
}
