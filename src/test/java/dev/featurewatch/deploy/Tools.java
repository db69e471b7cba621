package dev.featurewatch.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus tools from Debian's {@code prometheus} and {@code prometheus-alertmanager}
 * packages, which CI installs (.ci/run): a missing one fails the test with the command that
 * installs it, never skips it.
 */
final class Tools {
  static final String PROMTOOL = "promtool";
  static final String AMTOOL = "amtool";
  static final String PROMETHEUS = "prometheus";
  static final String ALERTMANAGER = "prometheus-alertmanager";

  /** What a command printed (stdout and stderr together) and its exit status. */
  record Result(List<String> command, int exit, String output) {
    /** Fails unless the command exited 0, showing the command and everything it printed. */
    Result assertSuccess() {
      if (exit != 0) {
        throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + output);
      }
      return this;
    }
  }

  private Tools() {}

  /** The binary's path on PATH (or the path given), or an AssertionError saying how to install it. */
  static Path require(String binary) {
    if (binary.contains(File.separator) && Files.isExecutable(Path.of(binary))) {
      return Path.of(binary);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(binary + " is not installed (not on PATH). Install Debian's tools as CI does:"
        + " apt-get install prometheus prometheus-alertmanager");
  }

  /** Runs {@code binary args...} in {@code dir} to completion (at most a minute). */
  static Result run(Path dir, String binary, String... args) {
    return run(60, dir, binary, args);
  }

  /** Runs {@code binary args...} in {@code dir} to completion, at most {@code seconds}. */
  static Result run(int seconds, Path dir, String binary, String... args) {
    List<String> command = new ArrayList<>();
    command.add(require(binary).toString());
    command.addAll(List.of(args));
    try {
      // Output to a file, so that the time limit holds even when the command hangs with its output open.
      Path log = Files.createTempFile("featurewatch-tool", ".log");
      try {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(command, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
