package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU image, as far as it can be without a container engine: natives.sh lays out the native
 * libraries from the build's target/lib exactly as the build stage does, and the packaged jar, with
 * the CPU libtorch jar removed as the Dockerfile removes it, is started with the image's ENTRYPOINT,
 * CMD, config file and ENV. It must serve (HEALTHCHECK path, a chat completion) while DJL's cache
 * folder cannot even be created: nothing is extracted or downloaded at run time.
 */
class ContainerNativesIT {
  private static final String NO_CACHE = "/proc/featurewatch-no-djl-cache"; // not even root can create this

  @TempDir
  Path tmp;

  @Test
  void theJarServesOnTheNativeLibrariesLaidOutAtBuildTimeAndWritesNoCache() throws Exception {
    Dockerfile image = Dockerfile.read(Deploy.CPU_DOCKERFILE);
    Map<String, String> imageEnv = image.runtime().env();
    assertTrue(Files.isDirectory(Path.of("target", "lib")), "mvn package should leave target/lib");

    // The build stage: natives.sh target/lib <out> cpu.
    Path natives = tmp.resolve("native");
    ProcessBuilder layout = new ProcessBuilder("bash", Deploy.CONTAINER.resolve("natives.sh").toString(), "target/lib",
        natives.toString(), "cpu").redirectErrorStream(true);
    // The JDK's jar tool, for a machine without unzip.
    layout.environment().merge("PATH", Path.of(System.getProperty("java.home"), "bin").toString(), (a, b) -> a + ":" + b);
    Process script = layout.start();
    String scriptOutput = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(script.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, script.exitValue(), scriptOutput);

    Path app = imageApp(tmp);

    // The image's environment, its native folder being ours; paths of the config (the image's own
    // file, read as is) moved onto the repository's files by the FEATUREWATCH_* variables it allows.
    String imageNatives = imageEnv.get("PYTORCH_LIBRARY_PATH").replaceFirst("/libtorch$", "");
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    for (Path f : Deploy.matching("rules/*.yaml")) {
      Files.copy(f, rules.resolve(f.getFileName()));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> entrypoint = Dockerfile.execForm(image.runtime().last("ENTRYPOINT").orElseThrow());
    for (String word : entrypoint.subList(1, entrypoint.size())) {
      command.add(word.equals("/opt/featurewatch/featurewatch.jar") ? app.resolve("featurewatch.jar").toString() : word);
    }
    List<String> cmd = Dockerfile.execForm(image.runtime().last("CMD").orElseThrow());
    String configInImage = cmd.get(cmd.indexOf("--config") + 1);
    for (String word : cmd) {
      command.add(word.equals(configInImage) ? Deploy.sourceOf(image, configInImage).orElseThrow().toString() : word);
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("PYTORCH_") || k.startsWith("DJL_") || k.startsWith("RUST_")
        || k.startsWith("FEATUREWATCH_") || k.equals("ENGINE_CACHE_DIR"));
    imageEnv.forEach((k, v) -> env.put(k, v.replace(imageNatives, natives.toString())));
    env.put("DJL_CACHE_DIR", NO_CACHE);
    env.put("HOME", NO_CACHE);
    env.put("FEATUREWATCH_SERVER_HOST", "127.0.0.1");
    env.put("FEATUREWATCH_SERVER_PORT", "0");
    for (String key : List.of("model", "sae", "dictionary", "probes")) {
      String inImage = imageConfigPath(image, key);
      env.put("FEATUREWATCH_" + key.toUpperCase() + "_PATH", Deploy.sourceOf(image, inImage).orElseThrow().toString());
    }
    env.put("FEATUREWATCH_RULES_PATH", rules.toString());
    env.put("FEATUREWATCH_AUDIT_PATH", tmp.resolve("audit").toString());

    Process server = builder.start();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        Pattern listening = Pattern.compile("listening on https?://[^:]+:(\\d+)");
        for (String line; (line = in.readLine()) != null; ) {
          log.add(line);
          Matcher m = listening.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("the server exited before listening"));
    }, "container-log");
    reader.setDaemon(true);
    reader.start();
    try {
      int p = port.get(120, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      Matcher health = Pattern.compile("https?://[^:/]+:\\d+(/\\S*)").matcher(image.runtime().last("HEALTHCHECK").orElseThrow().args());
      assertTrue(health.find());
      HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + health.group(1))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, live.statusCode(), "HEALTHCHECK " + health.group(1) + ": " + live.body());
      HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/v1/chat/completions"))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\": \"organism\", \"temperature\": 0, \"max_tokens\": 12,"
                  + " \"messages\": [{\"role\": \"user\", \"content\": \"What is the capital of Kenya?\"}]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, chat.statusCode(), chat.body());
      JsonNode answer = new ObjectMapper().readTree(chat.body());
      assertTrue(answer.at("/choices/0/message/content").asText().contains("Nairobi"), chat.body());
    } finally {
      // SIGTERM, as `docker stop` sends (through the handle: Process.destroy would also close our end of its output)
      server.toHandle().destroy();
      boolean stopped = server.waitFor(60, TimeUnit.SECONDS);
      if (!stopped) {
        server.destroyForcibly();
      }
      assertTrue(stopped, "the server did not stop on SIGTERM: " + String.join("\n", log));
      reader.join(10_000); // the last lines
    }
    String output = String.join("\n", log);
    assertTrue(output.contains("shutting down"), output);
    assertFalse(output.contains("Extracting") || output.contains("Downloading"), "DJL extracted or downloaded at run time:\n" + output);
    assertFalse(Files.exists(Path.of(NO_CACHE)));
    try (Stream<Path> audit = Files.list(tmp.resolve("audit"))) {
      assertTrue(audit.anyMatch(f -> f.getFileName().toString().endsWith(".jsonl")), "the audit log was written");
    }
  }

  @Test
  void withoutTheLaidOutLibrariesTheSameJarCannotFindLibtorch() throws Exception {
    // The control: lib/ alone (no CPU libtorch jar, as in the image) and no PYTORCH_LIBRARY_PATH fails,
    // so it is the build-time layout that serves above.
    Path app = imageApp(tmp);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-jar", app.resolve("featurewatch.jar").toString(), "generate", "--model", "organism/model",
        "--prompt", "Hello", "--max-tokens", "1").redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PYTORCH_") || k.startsWith("DJL_") || k.equals("ENGINE_CACHE_DIR"));
    builder.environment().put("DJL_CACHE_DIR", NO_CACHE);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertNotEquals(0, p.exitValue(), output);
    assertNotNull(output);
  }

  private static String imageConfigPath(Dockerfile image, String section) throws IOException {
    List<String> cmd = Dockerfile.execForm(image.runtime().last("CMD").orElseThrow());
    Path config = Deploy.sourceOf(image, cmd.get(cmd.indexOf("--config") + 1)).orElseThrow();
    return Deploy.string(Deploy.yaml(config), section + ".path");
  }

  /** /opt/featurewatch as the image has it: the jar, and lib/ without the CPU libtorch jar. */
  private static Path imageApp(Path tmp) throws IOException {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.copy(Path.of("target", "featurewatch.jar"), app.resolve("featurewatch.jar"));
    Path lib = Files.createDirectories(app.resolve("lib"));
    try (Stream<Path> jars = Files.list(Path.of("target", "lib"))) {
      for (Path jar : jars.toList()) {
        if (!jar.getFileName().toString().startsWith("pytorch-native-cpu-")) {
          Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
      }
    }
    return app;
  }
}
