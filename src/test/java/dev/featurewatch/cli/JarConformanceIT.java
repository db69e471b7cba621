package dev.featurewatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The packaged jar runs as a newcomer would run it and passes the conformance check. */
class JarConformanceIT {

  @Test
  void packagedJarReproducesStories260k() throws Exception {
    Path jar = Path.of("target", "featurewatch.jar");
    assertTrue(Files.exists(jar), "mvn package should leave " + jar);
    Fixtures.Case c = Fixtures.cases("stories260k").get(1);
    String prompt = Arrays.stream(c.prompt()).mapToObj(Integer::toString).collect(Collectors.joining(","));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Dai.djl.offline=true", "-jar", jar.toString(),
            "generate", "--model", Fixtures.model("stories260k").toString(), "--prompt-tokens", prompt,
            "--max-tokens", Integer.toString(c.greedy().length), "--temperature", "0", "--json"))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "featurewatch.jar did not finish");
    assertEquals(0, p.exitValue());
    JsonNode json = new ObjectMapper().readTree(stdout);
    int[] greedy = new int[json.get("greedy").size()];
    for (int i = 0; i < greedy.length; i++) {
      greedy[i] = json.get("greedy").get(i).asInt();
    }
    assertArrayEquals(c.greedy(), greedy);
    for (int i = 0; i < c.logits().length; i++) {
      JsonNode row = json.get("logits").get(i);
      float[] actual = new float[row.size()];
      for (int j = 0; j < actual.length; j++) {
        actual[j] = (float) row.get(j).asDouble();
      }
      assertTrue(Fixtures.maxAbsDiff(c.logits()[i], actual) <= 1e-3, "position " + i);
    }
  }
}
