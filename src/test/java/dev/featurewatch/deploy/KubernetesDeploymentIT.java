package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.deploy.Deploy.Manifest;
import dev.featurewatch.server.FeatureWatchServer;
import dev.featurewatch.server.ServerConfig;
import dev.featurewatch.testing.ConfigMapVolume;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replica as the manifests describe it, in process: the real server started from the config
 * ConfigMap's config.yaml (the image's paths taken back to the repository's files, the rules folder a
 * ConfigMap volume laid out by the kubelet's atomic writer from the rules ConfigMap). The probes'
 * paths and the Prometheus scrape path answer; the autoscaler's metrics are on /metrics; a ConfigMap
 * update reaches the serving rules without a restart.
 */
class KubernetesDeploymentIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void aReplicaServesTheProbesAndMetricsAndFollowsItsRulesConfigMap() throws Exception {
    List<Manifest> manifests = Deploy.resources();
    Manifest workload = Deploy.one(manifests, "StatefulSet");
    Map<String, Object> container = Deploy.maps(workload.tree(), "spec.template.spec.containers").get(0);
    Map<String, String> config = Deploy.data(Deploy.named(manifests, "ConfigMap", "featurewatch-config"));
    Map<String, String> rulesData = Deploy.data(Deploy.named(manifests, "ConfigMap", "featurewatch-rules"));
    Dockerfile image = Dockerfile.read(Deploy.CUDA_DOCKERFILE);

    Path configFile = tmp.resolve("config.yaml");
    Files.writeString(configFile, config.get("config.yaml"));
    ConfigMapVolume rules = ConfigMapVolume.create(tmp.resolve("rules"), rulesData);
    ServerConfig asInThePod = ServerConfig.load(configFile, Map.of(), Map.of());
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String key : List.of("model.path", "sae.path", "dictionary.path", "probes.path")) {
      overrides.put(key, Deploy.sourceOf(image, asInThePod.string(key)).orElseThrow().toString());
    }
    overrides.put("rules.path", rules.folder().toString());
    overrides.put("audit.path", tmp.resolve("audit").toString());
    overrides.put("server.host", "127.0.0.1");
    overrides.put("server.port", "0");
    List<String> log = new ArrayList<>();
    FeatureWatchServer server = FeatureWatchServer.start(ServerConfig.load(configFile, Map.of(), overrides), log::add);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    try {
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        String path = Deploy.string(container, probe + ".httpGet.path");
        HttpResponse<String> r = get(http, server, path);
        assertEquals(200, r.statusCode(), workload + ": " + probe + " " + path + " answered " + r.body());
      }
      Map<String, Object> annotations = Deploy.map(workload.tree(), "spec.template.metadata.annotations");
      HttpResponse<String> metrics = get(http, server, (String) annotations.get("prometheus.io/path"));
      assertEquals(200, metrics.statusCode());
      for (Map<String, Object> metric : Deploy.maps(Deploy.one(manifests, "HorizontalPodAutoscaler").tree(), "spec.metrics")) {
        String name = Deploy.string(metric, "pods.metric.name");
        assertTrue(metrics.body().contains("# TYPE " + name + " gauge\n") && metrics.body().contains("\n" + name + " "),
            "the running server does not export the autoscaler's " + name);
      }
      assertEquals(List.of("deception", "golden-gate", "sycophancy"), ruleIds(http, server));
      assertEquals("enforce", rule(http, server, "deception").get("mode").asText());

      // kubectl apply of the ConfigMap with the deception rule in shadow mode: the kubelet swaps ..data.
      Map<String, String> updated = new LinkedHashMap<>(rulesData);
      updated.put("deception.yaml", rulesData.get("deception.yaml").replace("mode: enforce", "mode: shadow"));
      rules.update(updated);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!rule(http, server, "deception").get("mode").asText().equals("shadow") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals("shadow", rule(http, server, "deception").get("mode").asText(), "the ConfigMap update never reached the rules: " + log);
      assertEquals(List.of("deception", "golden-gate", "sycophancy"), ruleIds(http, server));

      // The ConfigMap owns the rules: a change through the API is refused (409, saying where it belongs), not lost.
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/rules/extra"))
          .PUT(HttpRequest.BodyPublishers.ofString("id: extra\nselect: {features: [1]}\ncondition: {threshold: 1}\naction: flag\n"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(409, put.statusCode(), put.body());
      assertEquals("rules_managed_elsewhere", JSON.readTree(put.body()).get("error").get("code").asText(), put.body());
      assertTrue(put.body().contains("ConfigMap"), put.body());
      HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/v1/rules/golden-gate")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(409, delete.statusCode(), delete.body());
      assertEquals(List.of("deception", "golden-gate", "sycophancy"), ruleIds(http, server));
      assertTrue(Files.isSymbolicLink(rules.folder().resolve("golden-gate.yaml")), "the volume is as the kubelet left it");
    } finally {
      server.close();
    }
  }

  private static HttpResponse<String> get(HttpClient http, FeatureWatchServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ruleIds(HttpClient http, FeatureWatchServer server) throws Exception {
    HttpResponse<String> r = get(http, server, "/v1/rules");
    assertEquals(200, r.statusCode(), r.body());
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.body()).get("data").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static JsonNode rule(HttpClient http, FeatureWatchServer server, String id) throws Exception {
    HttpResponse<String> r = get(http, server, "/v1/rules");
    for (JsonNode n : JSON.readTree(r.body()).get("data")) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no rule " + id + " in " + r.body());
  }
}
