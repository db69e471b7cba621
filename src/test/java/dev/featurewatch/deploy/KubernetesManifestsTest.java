package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.deploy.Deploy.Manifest;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.metrics.ServerMetrics;
import dev.featurewatch.rules.CompiledRule;
import dev.featurewatch.rules.RuleCompiler;
import dev.featurewatch.rules.RuleRepository;
import dev.featurewatch.server.ServerConfig;
import dev.featurewatch.testing.ConfigMapVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests (deploy/kubernetes), parsed and checked against what the server really
 * needs and does: its own config loader, rule parser and compiler, metric names, routes (asked of a
 * running server in KubernetesDeploymentIT), and the image the Dockerfiles build. Each check names the
 * file and the field that drifted.
 */
class KubernetesManifestsTest {
  /** The uid and gid the images run as (their USER) and the pods run as (runAsUser, runAsGroup). */
  static final int IMAGE_UID = 10001;

  /** Kinds this deployment uses, with the API version each is served at. */
  private static final Map<String, String> KNOWN_KINDS = Map.of(
      "Namespace", "v1",
      "ConfigMap", "v1",
      "Service", "v1",
      "StatefulSet", "apps/v1",
      "PodDisruptionBudget", "policy/v1",
      "HorizontalPodAutoscaler", "autoscaling/v2");

  // The fields these manifests may use in the objects most prone to a silently ignored typo (the API
  // server drops unknown fields unless validation is strict).
  private static final Set<String> POD_SPEC_FIELDS = Set.of("automountServiceAccountToken", "enableServiceLinks",
      "terminationGracePeriodSeconds", "securityContext", "nodeSelector", "tolerations", "affinity", "containers",
      "volumes", "serviceAccountName", "priorityClassName", "topologySpreadConstraints", "imagePullSecrets");
  private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "imagePullPolicy", "args", "command", "ports",
      "env", "envFrom", "resources", "startupProbe", "readinessProbe", "livenessProbe", "lifecycle", "securityContext",
      "volumeMounts");
  private static final Set<String> PROBE_FIELDS = Set.of("httpGet", "periodSeconds", "timeoutSeconds", "failureThreshold",
      "successThreshold", "initialDelaySeconds");
  private static final Set<String> HTTP_GET_FIELDS = Set.of("path", "port", "scheme");

  @TempDir
  Path tmp;

  private List<Manifest> manifests;
  private Manifest workload;
  private Map<String, Object> pod;
  private Map<String, Object> container;

  @BeforeEach
  void read() {
    manifests = Deploy.resources();
    workload = Deploy.one(manifests, "StatefulSet");
    pod = Deploy.map(workload.tree(), "spec.template.spec");
    List<Map<String, Object>> containers = Deploy.maps(pod, "containers");
    assertEquals(1, containers.size(), workload + ": one container");
    container = containers.get(0);
  }

  @Test
  void theKustomizationListsEveryManifestAndEachIsAKnownKindAtItsApiVersion() throws IOException {
    Set<String> listed = new HashSet<>(Deploy.list(Deploy.yaml(Deploy.KUSTOMIZATION), "resources", String.class));
    Set<String> files = new HashSet<>();
    try (Stream<Path> s = Files.list(Deploy.KUBERNETES)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .filter(n -> !n.equals("kustomization.yaml") && !n.equals(Deploy.ADAPTER_VALUES.getFileName().toString()))
          .forEach(files::add);
    }
    assertEquals(new java.util.TreeSet<>(files), new java.util.TreeSet<>(listed),
        "kustomization.yaml resources must be exactly the manifests in deploy/kubernetes");
    Set<String> seen = new HashSet<>();
    for (Manifest m : manifests) {
      assertNotNull(m.kind(), m.file() + ": a document without kind");
      assertEquals(KNOWN_KINDS.get(m.kind()), m.apiVersion(), m + ": apiVersion (kind unknown to this check if null)");
      assertTrue(m.name() != null && m.name().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"), m + ": metadata.name must be a DNS label");
      assertTrue(seen.add(m.kind() + "/" + m.name()), m + ": defined twice");
    }
    for (String kind : KNOWN_KINDS.keySet()) {
      assertFalse(Deploy.ofKind(manifests, kind).isEmpty(), "no " + kind + " among the manifests");
    }
  }

  @Test
  void selectorsOfTheServicesBudgetAndAutoscalerReachTheReplicas() {
    Map<String, Object> podLabels = Deploy.map(workload.tree(), "spec.template.metadata.labels");
    Map<String, Object> selector = Deploy.map(workload.tree(), "spec.selector.matchLabels");
    assertSubset(selector, podLabels, workload + ": spec.selector.matchLabels");
    for (Manifest service : Deploy.ofKind(manifests, "Service")) {
      Map<String, Object> s = Deploy.map(service.tree(), "spec.selector");
      assertFalse(s.isEmpty(), service + ": spec.selector");
      assertSubset(s, podLabels, service + ": spec.selector");
      for (Map<String, Object> port : Deploy.maps(service.tree(), "spec.ports")) {
        Object target = port.get("targetPort");
        assertTrue("http".equals(target) || Integer.valueOf(containerPort()).equals(target),
            service + ": targetPort " + target + " must be the container's port (http)");
      }
    }
    Manifest headless = Deploy.named(manifests, "Service", Deploy.string(workload.tree(), "spec.serviceName"));
    assertEquals("None", Deploy.string(headless.tree(), "spec.clusterIP"), headless + ": the StatefulSet's serviceName must be headless");
    Manifest pdb = Deploy.one(manifests, "PodDisruptionBudget");
    assertSubset(Deploy.map(pdb.tree(), "spec.selector.matchLabels"), podLabels, pdb + ": spec.selector.matchLabels");
    Manifest hpa = Deploy.one(manifests, "HorizontalPodAutoscaler");
    assertEquals(workload.apiVersion(), Deploy.string(hpa.tree(), "spec.scaleTargetRef.apiVersion"), hpa + ": scaleTargetRef.apiVersion");
    assertEquals(workload.kind(), Deploy.string(hpa.tree(), "spec.scaleTargetRef.kind"), hpa + ": scaleTargetRef.kind");
    assertEquals(workload.name(), Deploy.string(hpa.tree(), "spec.scaleTargetRef.name"), hpa + ": scaleTargetRef.name");
    assertNull(Deploy.at(workload.tree(), "spec.replicas"), workload + ": spec.replicas must be left to the autoscaler "
        + "(every apply would reset the count)");
    int min = ((Number) Deploy.at(hpa.tree(), "spec.minReplicas")).intValue();
    int max = ((Number) Deploy.at(hpa.tree(), "spec.maxReplicas")).intValue();
    assertTrue(min >= 2 && min <= max, hpa + ": minReplicas >= 2, so the budget's one disruption leaves a replica serving");
    assertEquals(1, ((Number) Deploy.at(pdb.tree(), "spec.maxUnavailable")).intValue(), pdb + ": maxUnavailable");
  }

  @Test
  void theConfigIsAcceptedByTheServerAndItsPathsAreTheMountsAndTheImagesFiles() throws IOException {
    ServerConfig config = podConfig();
    assertEquals("0.0.0.0", config.string("server.host"), "config.yaml: server.host, so the pod's IP answers");
    assertEquals(containerPort(), config.integer("server.port", 1, 65535), "config.yaml: server.port, the container's port http");
    assertEquals(mountPath("rules"), config.string("rules.path"), "config.yaml: rules.path, where the rules ConfigMap is mounted");
    assertTrue(config.bool("rules.watch"), "config.yaml: rules.watch, or a ConfigMap update is never read");
    assertEquals(mountPath("audit"), config.string("audit.path"), "config.yaml: audit.path, where the replica's audit volume is mounted");
    config.integer("engine.threads", 1, 256);
    config.integer("engine.queue", 0, 100_000);
    config.seconds("engine.timeout_seconds");
    config.seconds("engine.shutdown_grace_seconds");
    config.integer("server.body_limit_bytes", 1024, 1 << 30);
    config.choice("audit.durability", Set.of("sync", "async"));
    config.choice("audit.on_failure", Set.of("closed", "open"));

    Dockerfile image = Dockerfile.read(Deploy.CUDA_DOCKERFILE);
    for (String key : List.of("model.path", "sae.path", "dictionary.path", "probes.path")) {
      String inImage = config.string(key);
      assertTrue(Deploy.sourceOf(image, inImage).isPresent(),
          "config.yaml: " + key + " " + inImage + " is neither in the image (" + Deploy.CUDA_DOCKERFILE + ") nor mounted");
    }

    // Where the config comes from: the container's --config, a mount of the config ConfigMap's key.
    List<String> args = Deploy.list(container, "args", String.class);
    assertEquals("serve", args.get(0), workload + ": args");
    String configPath = args.get(args.indexOf("--config") + 1);
    Map<String, Object> mount = mount(configPath);
    Map<String, Object> volume = volume((String) mount.get("name"));
    assertEquals("featurewatch-config", Deploy.string(volume, "configMap.name"), workload + ": " + configPath + " must come from the config ConfigMap");
    assertEquals("config.yaml", mount.get("subPath"), workload + ": the config mount's subPath");
    assertTrue(configMap("featurewatch-config").containsKey("config.yaml"));
    List<String> cmd = Dockerfile.execForm(image.runtime().last("CMD").orElseThrow());
    assertEquals(cmd, args, workload + ": args, the image's CMD (the same config path in docker and Kubernetes)");
  }

  @Test
  void theRulesConfigMapIsTheRepositorysRulesByteForByteAndCompiles() throws Exception {
    Map<String, String> data = configMap("featurewatch-rules");
    Map<String, String> repo = new TreeMap<>();
    try (Stream<Path> s = Files.list(Path.of("rules"))) {
      for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
        repo.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    assertEquals(repo.keySet(), new java.util.TreeSet<>(data.keySet()), "configmap-rules.yaml: its keys must be the files of rules/");
    for (Map.Entry<String, String> f : repo.entrySet()) {
      assertEquals(f.getValue(), data.get(f.getKey()), "configmap-rules.yaml: " + f.getKey() + " differs from rules/" + f.getKey()
          + "; paste the file under the key again, indented by 4 spaces (a YAML literal block keeps every byte)");
    }
    // Mounted as a folder (not subPath: updates would never reach it) and compiled by the real parser and
    // compiler, against the dictionary, probes and SAE width the config names.
    Map<String, Object> rulesMount = mount(mountPath("rules"));
    assertNull(rulesMount.get("subPath"), workload + ": the rules mount must not use subPath (ConfigMap updates never reach one)");
    assertEquals("featurewatch-rules", Deploy.string(volume((String) rulesMount.get("name")), "configMap.name"));
    ServerConfig config = podConfig();
    Dockerfile image = Dockerfile.read(Deploy.CUDA_DOCKERFILE);
    Path dictionary = Deploy.sourceOf(image, config.string("dictionary.path")).orElseThrow();
    Path probes = Deploy.sourceOf(image, config.string("probes.path")).orElseThrow();
    Path sae = Deploy.sourceOf(image, config.string("sae.path")).orElseThrow();
    List<String> probeNames;
    try (Stream<Path> s = Files.list(probes)) {
      probeNames = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    int dSae = new ObjectMapper().readTree(sae.resolve("cfg.json").toFile()).get("d_sae").asInt();
    ConfigMapVolume volume = ConfigMapVolume.create(tmp.resolve("rules"), data);
    try (DictionaryIndex index = DictionaryIndex.inMemory(DictionaryFiles.read(dictionary))) {
      RuleRepository rules = RuleRepository.open(volume.folder(), new RuleCompiler(index, probeNames, dSae));
      List<String> ids = rules.current().rules().stream().map(CompiledRule::id).toList();
      assertEquals(List.of("deception", "golden-gate", "sycophancy"), ids);
      assertTrue(rules.current().warnings().isEmpty(), rules.current().warnings().toString());
    }
  }

  @Test
  void theAutoscalerReadsGaugesTheServerExportsThroughTheAdapterRules() {
    Manifest hpa = Deploy.one(manifests, "HorizontalPodAutoscaler");
    String exported = new ServerMetrics().scrape();
    ServerConfig config = podConfig();
    Map<String, Object> adapter = Deploy.yaml(Deploy.ADAPTER_VALUES);
    Map<String, String> adapterMetrics = adapterMetrics(adapter);
    List<Map<String, Object>> metrics = Deploy.maps(hpa.tree(), "spec.metrics");
    assertFalse(metrics.isEmpty(), hpa + ": spec.metrics");
    for (Map<String, Object> metric : metrics) {
      assertEquals("Pods", metric.get("type"), hpa + ": FeatureWatch's load is per replica: Pods metrics");
      String name = Deploy.string(metric, "pods.metric.name");
      assertTrue(exported.contains("# TYPE " + name + " gauge\n"),
          hpa + ": " + name + " is not a gauge the server exports (an AverageValue of a counter would only grow)");
      assertTrue(adapterMetrics.containsKey(name), Deploy.ADAPTER_VALUES + ": no rule exposes " + name + " (exposed: " + adapterMetrics + ")");
      assertEquals(name, adapterMetrics.get(name), Deploy.ADAPTER_VALUES + ": the rule for " + name + " must read that series");
      assertEquals("AverageValue", Deploy.string(metric, "pods.target.type"), hpa + ": " + name + " target type");
      double target = Double.parseDouble(Deploy.string(metric, "pods.target.averageValue"));
      assertTrue(target > 0, hpa + ": " + name + " target");
      if (name.equals("featurewatch_generations_in_flight")) {
        assertTrue(target < config.integer("engine.threads", 1, 256), hpa + ": the in-flight target " + target
            + " must be below engine.threads (" + config.string("engine.threads") + "), which it can never exceed");
      }
      if (name.equals("featurewatch_queue_depth")) {
        assertTrue(target <= config.integer("engine.queue", 0, 100_000), hpa + ": the queue target must be within engine.queue");
      }
    }
  }

  @Test
  void probesAskTheHealthRoutesOnTheNamedPortAndPrometheusScrapesIt() {
    int port = containerPort();
    Map<String, String> expected = Map.of("startupProbe", ContainerImageTest.LIVE, "livenessProbe", ContainerImageTest.LIVE,
        "readinessProbe", "/health/ready");
    expected.forEach((probe, path) -> {
      Map<String, Object> p = Deploy.map(container, probe);
      assertTrue(PROBE_FIELDS.containsAll(p.keySet()), workload + ": " + probe + " has unknown fields " + p.keySet());
      assertTrue(HTTP_GET_FIELDS.containsAll(Deploy.map(p, "httpGet").keySet()), workload + ": " + probe + ".httpGet fields");
      assertEquals(path, Deploy.string(p, "httpGet.path"), workload + ": " + probe + " path");
      Object probePort = Deploy.at(p, "httpGet.port");
      assertTrue("http".equals(probePort) || Integer.valueOf(port).equals(probePort), workload + ": " + probe + " port " + probePort);
    });
    int startupSeconds = ((Number) Deploy.at(container, "startupProbe.periodSeconds")).intValue()
        * ((Number) Deploy.at(container, "startupProbe.failureThreshold")).intValue();
    assertTrue(startupSeconds >= 300, workload + ": the startup probe must allow a large model minutes to load, allows " + startupSeconds + " s");

    Map<String, Object> annotations = Deploy.map(workload.tree(), "spec.template.metadata.annotations");
    assertEquals("true", annotations.get("prometheus.io/scrape"), workload + ": prometheus.io/scrape");
    assertEquals(String.valueOf(port), annotations.get("prometheus.io/port"), workload + ": prometheus.io/port, the container's port");
    assertEquals("/metrics", annotations.get("prometheus.io/path"), workload + ": prometheus.io/path");
  }

  @Test
  void replicasRunAsTheImagesNonRootUserOnAReadOnlyRootWithWritableVolumesWhereTheServerWrites() {
    assertTrue(POD_SPEC_FIELDS.containsAll(pod.keySet()), workload + ": unknown pod spec fields " + diff(pod.keySet(), POD_SPEC_FIELDS));
    assertTrue(CONTAINER_FIELDS.containsAll(container.keySet()), workload + ": unknown container fields " + diff(container.keySet(), CONTAINER_FIELDS));
    assertEquals(Boolean.TRUE, Deploy.at(pod, "securityContext.runAsNonRoot"), workload + ": securityContext.runAsNonRoot");
    assertEquals(IMAGE_UID, Deploy.at(pod, "securityContext.runAsUser"), workload + ": runAsUser, the images' USER");
    assertEquals(IMAGE_UID, Deploy.at(pod, "securityContext.runAsGroup"), workload + ": runAsGroup, the images' USER group");
    assertEquals(IMAGE_UID, Deploy.at(pod, "securityContext.fsGroup"), workload + ": fsGroup, so the audit volume is writable");
    assertEquals(Boolean.TRUE, Deploy.at(container, "securityContext.readOnlyRootFilesystem"), workload + ": readOnlyRootFilesystem");
    assertEquals(Boolean.FALSE, Deploy.at(container, "securityContext.allowPrivilegeEscalation"), workload + ": allowPrivilegeEscalation");
    assertEquals(List.of("ALL"), Deploy.list(container, "securityContext.capabilities.drop", String.class), workload + ": capabilities.drop");
    assertEquals(Boolean.FALSE, pod.get("enableServiceLinks"),
        workload + ": enableServiceLinks must be false: Service environment variables named FEATUREWATCH_* would be read as settings");

    // Where a read-only root is written anyway: the audit log, and /tmp (Vert.x's file cache, DJL_CACHE_DIR).
    ServerConfig config = podConfig();
    Map<String, Object> audit = mount(config.string("audit.path"));
    assertNotEquals(Boolean.TRUE, audit.get("readOnly"), workload + ": the audit mount must be writable");
    List<Map<String, Object>> claims = Deploy.maps(workload.tree(), "spec.volumeClaimTemplates");
    assertTrue(claims.stream().anyMatch(c -> audit.get("name").equals(Deploy.string(c, "metadata.name"))),
        workload + ": the audit volume must be a volumeClaimTemplate: each replica owns its audit log");
    Map<String, Object> tmpMount = mount("/tmp");
    assertNotNull(Deploy.at(volume((String) tmpMount.get("name")), "emptyDir"), workload + ": /tmp must be an emptyDir");
    for (Path dockerfile : List.of(Deploy.CPU_DOCKERFILE, Deploy.CUDA_DOCKERFILE)) {
      String cache = Dockerfile.read(dockerfile).runtime().env().get("DJL_CACHE_DIR");
      assertTrue(cache.startsWith("/tmp/"), dockerfile + ": DJL_CACHE_DIR " + cache + " must be on the /tmp volume");
    }
  }

  @Test
  void replicasAskForAGpuOnGpuNodesAndStopWithinTheirGracePeriod() {
    Object limit = Deploy.map(container, "resources.limits").get("nvidia.com/gpu");
    assertTrue(limit instanceof Number n && n.intValue() >= 1,
        workload + ": resources.limits nvidia.com/gpu (extended resources are given by their limit), is " + limit);
    Object request = Deploy.map(container, "resources.requests").get("nvidia.com/gpu");
    assertTrue(request == null || request.equals(limit), workload + ": a GPU request must equal its limit");
    assertTrue(Deploy.maps(pod, "tolerations").stream().anyMatch(t -> "nvidia.com/gpu".equals(t.get("key"))),
        workload + ": tolerations for the GPU nodes' nvidia.com/gpu taint");
    assertNotNull(pod.get("nodeSelector"), workload + ": nodeSelector for GPU nodes");
    assertEquals("featurewatch:cuda", Deploy.string(container, "image"), workload + ": the image kustomization.yaml's images: renames");
    Map<String, Object> kustomizeImage = Deploy.maps(Deploy.yaml(Deploy.KUSTOMIZATION), "images").get(0);
    assertEquals("featurewatch", kustomizeImage.get("name"));

    ServerConfig config = podConfig();
    int grace = config.integer("engine.shutdown_grace_seconds", 1, 86_400);
    List<String> preStop = Deploy.list(container, "lifecycle.preStop.exec.command", String.class);
    int sleep = preStop.get(0).equals("sleep") ? Integer.parseInt(preStop.get(1)) : 0;
    int termination = ((Number) pod.get("terminationGracePeriodSeconds")).intValue();
    assertTrue(termination > grace + sleep, workload + ": terminationGracePeriodSeconds " + termination
        + " must exceed the preStop sleep (" + sleep + ") plus engine.shutdown_grace_seconds (" + grace + "), or generations are cut off");
  }

  // --- helpers ---

  /** The config ConfigMap's config.yaml as the server in the pod reads it: with the image's and the pod's environment. */
  private ServerConfig podConfig() {
    Map<String, String> environment = new LinkedHashMap<>(Dockerfile.read(Deploy.CUDA_DOCKERFILE).runtime().env());
    for (Map<String, Object> e : Deploy.maps(container, "env")) {
      environment.put((String) e.get("name"), String.valueOf(e.get("value")));
    }
    return Deploy.serverConfig(configMap("featurewatch-config").get("config.yaml"), environment, tmp);
  }

  private Map<String, String> configMap(String name) {
    return Deploy.data(Deploy.named(manifests, "ConfigMap", name));
  }

  private int containerPort() {
    Map<String, Object> http = Deploy.maps(container, "ports").stream().filter(p -> "http".equals(p.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(workload + ": the container needs a port named http"));
    return ((Number) http.get("containerPort")).intValue();
  }

  private String mountPath(String volumeName) {
    return Deploy.maps(container, "volumeMounts").stream().filter(m -> volumeName.equals(m.get("name")))
        .map(m -> (String) m.get("mountPath")).findFirst()
        .orElseThrow(() -> new AssertionError(workload + ": no volumeMount of " + volumeName));
  }

  private Map<String, Object> mount(String path) {
    return Deploy.maps(container, "volumeMounts").stream().filter(m -> path.equals(m.get("mountPath"))).findFirst()
        .orElseThrow(() -> new AssertionError(workload + ": nothing is mounted at " + path));
  }

  private Map<String, Object> volume(String name) {
    return Deploy.maps(pod, "volumes").stream().filter(v -> name.equals(v.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(workload + ": no volume " + name));
  }

  /** The custom metrics the adapter's rules expose, each with the series it reads. */
  private static Map<String, String> adapterMetrics(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, Object> rule : Deploy.maps(values, "rules.custom")) {
      String query = (String) rule.get("seriesQuery");
      Matcher series = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)}$").matcher(query);
      assertTrue(series.matches(), Deploy.ADAPTER_VALUES + ": seriesQuery " + query);
      assertTrue(series.group(2).contains("namespace!=\"\"") && series.group(2).contains("pod!=\"\""),
          Deploy.ADAPTER_VALUES + ": " + query + " must select series with namespace and pod labels");
      assertEquals("namespace", Deploy.string(rule, "resources.overrides.namespace.resource"));
      assertEquals("pod", Deploy.string(rule, "resources.overrides.pod.resource"));
      Matcher renamed = Pattern.compile(Deploy.string(rule, "name.matches")).matcher(series.group(1));
      assertTrue(renamed.matches(), Deploy.ADAPTER_VALUES + ": name.matches must match " + series.group(1));
      String exposed = Deploy.string(rule, "name.as").replace("${1}", renamed.groupCount() >= 1 ? renamed.group(1) : "");
      String metricsQuery = (String) rule.get("metricsQuery");
      assertTrue(metricsQuery.contains("<<.Series>>") && metricsQuery.contains("<<.LabelMatchers>>")
          && metricsQuery.contains("<<.GroupBy>>"), Deploy.ADAPTER_VALUES + ": metricsQuery must be per pod: " + metricsQuery);
      out.put(exposed, series.group(1));
    }
    return out;
  }

  private static void assertSubset(Map<String, Object> selector, Map<String, Object> labels, String what) {
    selector.forEach((k, v) -> assertEquals(v, labels.get(k), what + ": " + k + "=" + v + " is not a label of the pod template " + labels));
  }

  private static void assertNotEquals(Object unexpected, Object actual, String message) {
    org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual, message);
  }

  private static List<String> diff(Set<String> have, Set<String> known) {
    List<String> out = new ArrayList<>(have);
    out.removeAll(known);
    return out;
  }
}
