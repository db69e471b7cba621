package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every manifest of the kustomization against Kubernetes' own OpenAPI schemas (types, enums,
 * required fields), with deploy/kubernetes/schema-check.sh: the npm package kubernetes-models,
 * installed once into target/. {@link KubernetesManifestsTest} checks what the server needs; this
 * checks what the API server would refuse, such as a port given as a string.
 */
class KubernetesSchemaIT {

  @Test
  void everyManifestMatchesTheKubernetesSchemas() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "k8s-schema-check")).toAbsolutePath();
    Tools.Result check = Tools.run(300, Path.of("."), "bash", "deploy/kubernetes/schema-check.sh", work.toString());
    check.assertSuccess();
    Map<String, Object> kustomization = new Yaml().load(Files.readString(Path.of("deploy/kubernetes/kustomization.yaml")));
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) kustomization.get("resources");
    long valid = check.output().lines().filter(l -> l.endsWith(": valid")).count();
    assertEquals(resources.size(), valid, "one schema-valid document per resource:\n" + check.output());
    for (String file : resources) {
      assertTrue(check.output().contains(file + ": "), file + " was not checked:\n" + check.output());
    }
  }
}
