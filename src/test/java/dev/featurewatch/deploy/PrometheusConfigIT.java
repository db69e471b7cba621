package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus, Alertmanager and Grafana files pass the real tools (Debian's promtool and
 * amtool), and every metric they name is one the real server exports.
 */
class PrometheusConfigIT {
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  @TempDir Path folder;

  @Test
  void prometheusConfigIsValidAsShippedAndInItsKubernetesVariant() throws IOException {
    Tools.run(Path.of("."), Tools.PROMTOOL, "check", "config", DeployFiles.PROMETHEUS_YML.toString()).assertSuccess();
    Path k8s = Files.writeString(folder.resolve("prometheus-kubernetes.yml"), DeployFiles.kubernetesVariant());
    Tools.run(Path.of("."), Tools.PROMTOOL, "check", "config", k8s.toString()).assertSuccess();
  }

  @Test
  void rulesAreValidAndTheirUnitTestsPass() {
    Tools.run(Path.of("."), Tools.PROMTOOL, "check", "rules", DeployFiles.RULES.toString()).assertSuccess();
    Tools.Result tests = Tools.run(Path.of("."), Tools.PROMTOOL, "test", "rules", DeployFiles.RULES_TEST.toString())
        .assertSuccess();
    assertTrue(tests.output().contains("SUCCESS"), tests.output());
  }

  @Test
  void everyAlertHasSeverityAnnotationsARunbookAndTestsThatItFiresAndStaysQuiet() {
    Map<String, Map<String, Object>> alerts = alertingRules();
    assertTrue(alerts.size() >= 10, "alerts: " + alerts.keySet());
    Set<String> fires = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (Map<String, Object> test : list(DeployFiles.yaml(DeployFiles.RULES_TEST).get("tests"))) {
      for (Map<String, Object> case_ : list(test.get("alert_rule_test"))) {
        String name = (String) case_.get("alertname");
        (list(case_.get("exp_alerts")).isEmpty() ? quiet : fires).add(name);
      }
    }
    String readme = DeployFiles.read(DeployFiles.PROMETHEUS.resolve("README.md"));
    List<String> problems = new ArrayList<>();
    alerts.forEach((name, rule) -> {
      Map<String, Object> labels = map(rule.get("labels"));
      Map<String, Object> annotations = map(rule.get("annotations"));
      if (!SEVERITIES.contains(String.valueOf(labels.get("severity")))) {
        problems.add(name + ": severity " + labels.get("severity"));
      }
      for (String a : List.of("summary", "description", "runbook_url")) {
        if (annotations.get(a) == null) {
          problems.add(name + ": no " + a);
        }
      }
      if (!String.valueOf(annotations.get("runbook_url")).endsWith("#" + name.toLowerCase(java.util.Locale.ROOT))
          || !readme.contains("### " + name + "\n")) {
        problems.add(name + ": runbook_url must point at its section '### " + name + "' in the README");
      }
      if (!fires.contains(name) || !quiet.contains(name)) {
        problems.add(name + ": needs a promtool test where it fires and one where it does not");
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void alertmanagerConfigIsValidAndRoutesFeatureWatchAlerts() {
    String config = DeployFiles.ALERTMANAGER_YML.toString();
    Tools.run(Path.of("."), Tools.AMTOOL, "check-config", config).assertSuccess();
    // Direct alerts (posted by the server) and Prometheus alerts, by severity.
    String pagerAndChat = "featurewatch-pager,featurewatch-chat";
    Map<String, String> routes = new LinkedHashMap<>();
    routes.put("alertname=FeatureWatchRule rule=deception severity=critical client=team-a", pagerAndChat);
    routes.put("alertname=FeatureWatchRule rule=sycophancy severity=warning client=team-a", "featurewatch-chat");
    routes.put("alertname=FeatureWatchRule rule=golden-gate severity=info", "featurewatch-feed");
    routes.put("alertname=FeatureWatchRule rule=audit-write-failure severity=critical component=audit", pagerAndChat);
    routes.put("alertname=FeatureWatchRuleFlagged rule=golden-gate severity=info job=featurewatch", "featurewatch-feed");
    routes.put("alertname=FeatureWatchTargetDown severity=critical job=featurewatch instance=fw:8080", pagerAndChat);
    routes.put("alertname=FeatureWatchQueueSaturated severity=warning job=featurewatch instance=fw:8080", "featurewatch-chat");
    routes.forEach((labels, receivers) -> {
      List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + config,
          "--verify.receivers=" + receivers));
      args.addAll(List.of(labels.split(" ")));
      Tools.run(Path.of("."), Tools.AMTOOL, args.toArray(String[]::new)).assertSuccess();
    });
  }

  @Test
  void everyMetricTheFilesNameIsOneTheServerExports() throws IOException {
    Set<String> exported;
    try (TestServer server = TestServer.start(folder, TestServer.shippedRules(), Map.of())) {
      String before = server.get("/metrics").body();
      // Rule-hit series exist at 0 before any request: an increase() alert sees the first hit.
      assertTrue(before.contains("featurewatch_rule_hits_total{rule=\"golden-gate\",action=\"flag\",mode=\"enforce\",} 0.0"),
          before);
      // ... and so does a rule added later, from the rule repository's change.
      assertEquals(200, server.put("/v1/rules/bridge-watch", "id: bridge-watch\nselect: {features: [1250]}\n"
          + "condition: {threshold: 2.0}\naction: alert\nmode: shadow\n").statusCode());
      assertTrue(server.get("/metrics").body().contains(
          "featurewatch_rule_hits_total{rule=\"bridge-watch\",action=\"alert\",mode=\"shadow\",} 0.0"));
      JsonNode answer = TestServer.json(server.post("/v1/chat/completions",
          TestServer.chat("Tell me about the Golden Gate Bridge.", 8, "")));
      assertFalse(answer.get("featurewatch").get("flags").isEmpty(), answer.toString());
      exported = ExportedMetrics.names(server.get("/metrics").body());
    }
    Set<String> recorded = new TreeSet<>();
    List<String> ruleExprs = new ArrayList<>();
    for (Map<String, Object> group : list(DeployFiles.yaml(DeployFiles.RULES).get("groups"))) {
      for (Map<String, Object> rule : list(group.get("rules"))) {
        if (rule.get("record") != null) {
          recorded.add((String) rule.get("record"));
        }
        ruleExprs.add((String) rule.get("expr"));
      }
    }
    Set<String> known = new TreeSet<>(exported);
    known.add("up"); // Prometheus's own, per target
    Map<String, Set<String>> unknown = new LinkedHashMap<>();
    Set<String> fromRules = new TreeSet<>(recorded);
    fromRules.addAll(known);
    for (String expr : ruleExprs) {
      unknownNames(expr, fromRules, unknown);
    }
    for (Map<String, Object> test : list(DeployFiles.yaml(DeployFiles.RULES_TEST).get("tests"))) {
      for (Map<String, Object> series : list(test.get("input_series"))) {
        String s = (String) series.get("series");
        unknownNames(s.substring(0, s.indexOf('{')), known, unknown);
      }
    }
    for (String expr : dashboardExpressions(new ObjectMapper().readTree(DeployFiles.DASHBOARD.toFile()))) {
      unknownNames(expr, fromRules, unknown);
    }
    assertTrue(unknown.isEmpty(), "names the server does not export, with where they are used: " + unknown
        + "\nit exports: " + exported);
  }

  @Test
  void grafanaDashboardIsWellFormed() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DeployFiles.DASHBOARD.toFile());
    assertTrue(dashboard.get("schemaVersion").asInt() >= 36, "schemaVersion " + dashboard.get("schemaVersion"));
    JsonNode variable = null;
    for (JsonNode v : dashboard.get("templating").get("list")) {
      if (v.get("name").asText().equals("DS_PROMETHEUS")) {
        variable = v;
      }
    }
    assertTrue(variable != null && variable.get("type").asText().equals("datasource")
        && variable.get("query").asText().equals("prometheus"), "a datasource variable DS_PROMETHEUS");
    Set<Integer> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      String title = panel.get("title").asText();
      if (!ids.add(panel.get("id").asInt())) {
        problems.add(title + ": duplicate id " + panel.get("id"));
      }
      if (panel.get("type").asText().equals("row")) {
        continue;
      }
      if (!panel.path("datasource").path("uid").asText().equals("${DS_PROMETHEUS}")) {
        problems.add(title + ": datasource is not ${DS_PROMETHEUS}");
      }
      if (panel.path("targets").isEmpty()) {
        problems.add(title + ": no query");
      }
      for (JsonNode target : panel.path("targets")) {
        if (target.path("expr").asText().isBlank()) {
          problems.add(title + ": a target without expr");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** Every PromQL expression of the dashboard: panel targets and query variables. */
  static List<String> dashboardExpressions(JsonNode dashboard) {
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.get("expr").asText());
      }
    }
    for (JsonNode v : dashboard.get("templating").get("list")) {
      if (v.get("type").asText().equals("query")) {
        exprs.add(v.get("query").isObject() ? v.get("query").get("query").asText() : v.get("query").asText());
      }
    }
    return exprs;
  }

  /** The alerting rules of the shipped rule file, by alert name. */
  static Map<String, Map<String, Object>> alertingRules() {
    Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
    for (Map<String, Object> group : list(DeployFiles.yaml(DeployFiles.RULES).get("groups"))) {
      for (Map<String, Object> rule : list(group.get("rules"))) {
        if (rule.get("alert") != null) {
          alerts.put((String) rule.get("alert"), rule);
        }
      }
    }
    return alerts;
  }

  private static void unknownNames(String expr, Set<String> known, Map<String, Set<String>> unknown) {
    for (String name : PromqlNames.of(expr)) {
      if (!known.contains(name)) {
        unknown.computeIfAbsent(name, n -> new TreeSet<>()).add(expr);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }
}
