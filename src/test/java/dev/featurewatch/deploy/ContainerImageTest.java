package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.deploy.Dockerfile.Copy;
import dev.featurewatch.deploy.Dockerfile.Instruction;
import dev.featurewatch.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two images (deploy/container/Dockerfile for CPU, Dockerfile.cuda for NVIDIA GPUs), read as text
 * and checked against the repository and the real code: no engine builds images on the machines that
 * run these tests. {@code ContainerNativesIT} runs the jar the way the images do.
 */
class ContainerImageTest {
  /** The routes the probes may use ({@code ApiRouter}); KubernetesDeploymentIT asks the real server. */
  static final String LIVE = "/health/live";

  @TempDir
  Path tmp;

  private static Dockerfile dockerfile(String name) {
    return Dockerfile.read(Deploy.CONTAINER.resolve(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void whatItCopiesFromTheBuildContextExistsAndIsNotDockerignored(String name) throws IOException {
    Dockerfile d = dockerfile(name);
    List<String> ignored = dockerignore();
    int copies = 0;
    for (Dockerfile.Stage stage : d.stages) {
      for (Copy copy : Dockerfile.copies(stage)) {
        if (!copy.fromContext()) {
          continue;
        }
        for (String source : copy.sources()) {
          copies++;
          List<Path> files = Deploy.matching(source);
          assertFalse(files.isEmpty(), name + ":" + copy.line() + ": COPY " + source + " matches nothing in the repository");
          for (Path f : files) {
            try (Stream<Path> s = Files.walk(f)) {
              for (Path file : s.filter(Files::isRegularFile).toList()) {
                String excludedBy = excludedBy(ignored, file);
                assertEquals(null, excludedBy, name + ":" + copy.line() + ": COPY " + source + " needs " + file
                    + ", which .dockerignore leaves out of the build context (pattern '" + excludedBy + "')");
              }
            }
          }
        }
      }
    }
    assertTrue(copies >= 6, name + ": expected the pom, the sources, the organism, the rules and the config to be copied");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void runsAsAFixedNonRootUserThatOwnsTheAuditVolume(String name) {
    Dockerfile d = dockerfile(name);
    Instruction user = Deploy.present(d.runtime().last("USER"), name + ": the image must set USER");
    Matcher m = Pattern.compile("(\\d+)(?::(\\d+))?").matcher(user.args());
    assertTrue(m.matches(), name + ":" + user.line() + ": USER must be numeric (uid:gid), so Kubernetes' runAsNonRoot can check it, got "
        + user.args());
    assertNotEquals("0", m.group(1), name + ": USER must not be root");
    assertEquals(String.valueOf(KubernetesManifestsTest.IMAGE_UID), m.group(1), name + ": USER uid, the manifests' runAsUser");
    assertEquals(String.valueOf(KubernetesManifestsTest.IMAGE_UID), m.group(2), name + ": USER gid, the manifests' runAsGroup");
    String volume = volume(d);
    String runs = String.join("\n", d.runtime().all("RUN").stream().map(Instruction::args).toList());
    assertTrue(runs.contains("useradd --uid " + m.group(1)) && runs.contains("--gid " + m.group(2)),
        name + ": the user " + user.args() + " is created with that uid and gid");
    assertTrue(runs.contains("chown " + m.group(1) + ":" + m.group(2) + " " + volume),
        name + ": the audit volume " + volume + " must belong to the user, or a fresh volume cannot be written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void exposesTheConfiguredPortAndChecksLivenessOnIt(String name) {
    Dockerfile d = dockerfile(name);
    ServerConfig config = imageConfig(d);
    int port = config.integer("server.port", 1, 65535);
    Instruction expose = Deploy.present(d.runtime().last("EXPOSE"), name + ": EXPOSE");
    assertEquals(port + "", expose.args().replace("/tcp", ""), name + ":" + expose.line() + ": EXPOSE, the config's server.port");
    assertEquals("0.0.0.0", config.string("server.host"), name + ": the server must listen on every interface in a container");
    Instruction health = Deploy.present(d.runtime().last("HEALTHCHECK"), name + ": HEALTHCHECK");
    Matcher url = Pattern.compile("https?://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/[^\\s\"'|]*)").matcher(health.args());
    assertTrue(url.find(), name + ":" + health.line() + ": HEALTHCHECK must ask the server over loopback: " + health.args());
    assertEquals(port + "", url.group(1), name + ": HEALTHCHECK port");
    assertEquals(LIVE, url.group(2), name + ": HEALTHCHECK path");
    if (health.args().contains("curl")) {
      assertTrue(d.runtime().all("RUN").stream().anyMatch(r -> r.args().matches("(?s).*apt-get install[^&]*\\bcurl\\b.*")),
          name + ": HEALTHCHECK uses curl, so the runtime stage must install it");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void theImageConfigIsAcceptedAndNamesFilesTheImageHolds(String name) {
    Dockerfile d = dockerfile(name);
    ServerConfig config = imageConfig(d);
    for (String key : List.of("model.path", "sae.path", "dictionary.path", "probes.path")) {
      String inImage = config.string(key);
      Path source = Deploy.present(Deploy.sourceOf(d, inImage), name + ": " + key + " " + inImage
          + " is not in the image (no COPY from the repository puts it there)");
      assertTrue(Files.exists(source), source.toString());
    }
    assertTrue(Files.isRegularFile(Deploy.sourceOf(d, config.string("model.path") + "/config.json").orElseThrow()));
    String rules = config.string("rules.path");
    assertEquals(Path.of("rules"), Deploy.present(Deploy.sourceOf(d, rules), name + ": rules.path " + rules
        + " must be where the image copies rules/*.yaml"));
    assertTrue(config.bool("rules.watch"));
    assertEquals(volume(d), config.string("audit.path"), name + ": audit.path must be the image's VOLUME");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void djlLoadsTheNativeLibrariesLaidOutAtBuildTimeAndNothingAtRunTime(String name) throws IOException {
    Dockerfile d = dockerfile(name);
    Instruction entrypoint = Deploy.present(d.runtime().last("ENTRYPOINT"), name + ": ENTRYPOINT");
    List<String> command = Dockerfile.execForm(entrypoint);
    assertEquals("java", command.get(0), name + ": ENTRYPOINT");
    assertTrue(command.contains("-Dai.djl.offline=true"), name + ": DJL must not try the network: " + command);
    String jar = command.get(command.indexOf("-jar") + 1);
    Copy jarCopy = fromBuild(d, jar);
    assertTrue(jarCopy.sources().get(0).endsWith("target/featurewatch.jar"), name + ": " + jar + " is the built jar");
    String libDir = Path.of(jar).resolveSibling("lib").toString();
    assertTrue(fromBuild(d, libDir).sources().get(0).endsWith("target/lib"),
        name + ": the jar's manifest class path is lib/ beside it, so target/lib must be copied to " + libDir);

    List<String> cmd = Dockerfile.execForm(Deploy.present(d.runtime().last("CMD"), name + ": CMD"));
    assertEquals("serve", cmd.get(0), name + ": CMD");

    Map<String, String> env = d.runtime().env();
    Properties engine = resource("pytorch-engine.properties");
    assertEquals(engine.getProperty("pytorch_version"), env.get("PYTORCH_VERSION"),
        name + ": PYTORCH_VERSION must be the PyTorch of DJL's engine on the class path");
    assertEquals(pomProperty("pytorch.version"), env.get("PYTORCH_VERSION"), name + ": PYTORCH_VERSION, the pom's pytorch.version");
    String flavor = env.get("PYTORCH_FLAVOR");
    assertNotNull(getClass().getClassLoader().getResource("jnilib/linux-x86_64/" + flavor + "/libdjl_torch.so"),
        name + ": pytorch-jni has no JNI for PYTORCH_FLAVOR " + flavor);

    Instruction natives = d.stage("build").all("RUN").stream().filter(r -> r.args().contains("natives.sh")).findFirst()
        .orElseThrow(() -> new AssertionError(name + ": the build stage must run natives.sh"));
    List<String> words = Dockerfile.words(natives.args());
    int at = IntStream.range(0, words.size()).filter(i -> words.get(i).endsWith("natives.sh")).findFirst().orElseThrow();
    assertEquals("target/lib", words.get(at + 1), name + ":" + natives.line() + ": natives.sh reads the build's target/lib");
    String out = words.get(at + 2);
    assertEquals(flavor, words.get(at + 3), name + ":" + natives.line() + ": natives.sh's flavor, the runtime's PYTORCH_FLAVOR");
    String nativeDir = Dockerfile.copies(d.runtime()).stream().filter(c -> out.equals(c.from() == null ? null : c.sources().get(0)))
        .map(Copy::destination).findFirst().orElseThrow(() -> new AssertionError(name + ": " + out + " is not copied into the image"));
    assertEquals(nativeDir + "/libtorch", env.get("PYTORCH_LIBRARY_PATH"), name + ": PYTORCH_LIBRARY_PATH");
    assertEquals(nativeDir + "/tokenizers/libtokenizers.so", env.get("RUST_LIBRARY_PATH"),
        name + ": RUST_LIBRARY_PATH (a file, so no CUDA-architecture sub-folder is looked for)");
    assertTrue(env.get("DJL_CACHE_DIR").startsWith("/tmp/"),
        name + ": DJL_CACHE_DIR must be under /tmp, the one writable place of a read-only root file system");
  }

  @Test
  void theCudaImageIsBuiltWithTheCudaProfileOnACudaBaseOfTheSameVersion() throws IOException {
    Dockerfile cpu = dockerfile("Dockerfile");
    Dockerfile cuda = dockerfile("Dockerfile.cuda");
    assertEquals("cpu", cpu.runtime().env().get("PYTORCH_FLAVOR"));
    assertFalse(maven(cpu).contains("-Pcuda"), "the CPU image keeps the CPU libtorch");
    assertTrue(maven(cuda).contains("-Pcuda"), "the CUDA image is built with the cuda profile (no CPU libtorch): " + maven(cuda));
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher profile = Pattern.compile("(?s)<profile>\\s*(?:<!--.*?-->\\s*)?<id>cuda</id>(.*?)</profile>").matcher(pom);
    assertTrue(profile.find(), "pom.xml has a cuda profile");
    assertTrue(profile.group(1).contains("<pytorch.native.cpu.scope>provided</pytorch.native.cpu.scope>"),
        "the cuda profile takes pytorch-native-cpu off the runtime class path");
    assertTrue(pom.contains("<artifactId>pytorch-native-cpu</artifactId>") && pom.contains("<scope>${pytorch.native.cpu.scope}</scope>"));
    assertEquals("runtime", pomProperty("pytorch.native.cpu.scope"));

    String flavor = cuda.runtime().env().get("PYTORCH_FLAVOR");
    Matcher cu = Pattern.compile("cu(\\d\\d)(\\d)").matcher(flavor);
    assertTrue(cu.matches(), flavor);
    String base = cuda.runtime().from();
    assertTrue(base.startsWith("nvidia/cuda:" + Integer.parseInt(cu.group(1)) + "." + cu.group(2) + "."),
        "the runtime base " + base + " must be the CUDA of the libtorch flavor " + flavor);
    assertTrue(cuda.runtime().all("RUN").stream().anyMatch(r -> r.args().contains("openjdk-17-jre-headless")),
        "the CUDA base has no Java: the image installs a Java 17 runtime");
  }

  // --- helpers ---

  private ServerConfig imageConfig(Dockerfile d) {
    List<String> cmd = Dockerfile.execForm(Deploy.present(d.runtime().last("CMD"), d.path + ": CMD"));
    int at = cmd.indexOf("--config");
    assertTrue(at >= 0, d.path + ": CMD must pass --config: " + cmd);
    String inImage = cmd.get(at + 1);
    Path file = Deploy.present(Deploy.sourceOf(d, inImage), d.path + ": the config " + inImage + " is not copied into the image");
    try {
      return Deploy.serverConfig(Files.readString(file), d.runtime().env(), tmp);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String volume(Dockerfile d) {
    Instruction v = Deploy.present(d.runtime().last("VOLUME"), d.path + ": VOLUME for the audit log");
    List<String> volumes = Dockerfile.execForm(v);
    assertEquals(1, volumes.size(), d.path + ": one VOLUME, the audit log's");
    return volumes.get(0);
  }

  private static Copy fromBuild(Dockerfile d, String destination) {
    return Dockerfile.copies(d.runtime()).stream().filter(c -> "build".equals(c.from()) && c.destination().equals(destination))
        .findFirst().orElseThrow(() -> new AssertionError(d.path + ": nothing is copied from the build stage to " + destination));
  }

  private static String maven(Dockerfile d) {
    return d.stage("build").all("RUN").stream().map(Instruction::args).filter(a -> a.contains("mvn ")).findFirst()
        .orElseThrow(() -> new AssertionError(d.path + ": the build stage must run mvn"));
  }

  private static Properties resource(String name) throws IOException {
    try (InputStream in = ContainerImageTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " on the class path");
      Properties p = new Properties();
      p.load(in);
      return p;
    }
  }

  static String pomProperty(String name) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(m.find(), "pom.xml property " + name);
    return m.group(1).strip();
  }

  /** The .dockerignore patterns (Go filepath.Match, plus "**"), comments and blank lines left out. */
  private static List<String> dockerignore() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(".dockerignore"))) {
      String p = line.strip();
      if (!p.isEmpty() && !p.startsWith("#")) {
        assertFalse(p.startsWith("!"), "exceptions in .dockerignore are not read by this check: " + p);
        out.add(p.startsWith("/") ? p.substring(1) : p);
      }
    }
    return out;
  }

  /** The pattern that excludes the file (or a folder above it), or null. */
  private static String excludedBy(List<String> patterns, Path file) {
    Path normal = file.normalize();
    for (String pattern : patterns) {
      List<String> forms = pattern.startsWith("**/") ? List.of(pattern, pattern.substring(3)) : List.of(pattern);
      for (Path p = normal; p != null; p = p.getParent()) {
        for (String form : forms) {
          if (Deploy.matcher(form).matches(p)) {
            return pattern;
          }
        }
      }
    }
    return null;
  }
}
