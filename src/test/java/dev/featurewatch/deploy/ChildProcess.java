package dev.featurewatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running tool (Prometheus, Alertmanager) started for a test: its output goes to a log file
 * the test prints when it fails, and {@link #close()} stops it (forcibly if it does not stop).
 */
final class ChildProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code binary args...} with its output in {@code <folder>/<binary>.log}. */
  static ChildProcess start(Path folder, String binary, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Tools.require(binary).toString());
    command.addAll(List.of(args));
    Path log = folder.resolve(binary + ".log");
    try {
      Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      return new ChildProcess(binary, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A loopback port free now (bound, then released for the child to take). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until GET {@code url} answers 200, failing with the log if the process exits or time runs out. */
  void awaitReady(URI url, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready:\n" + log());
      }
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " was not ready at " + url + " within " + timeout + ":\n" + log());
  }

  /** The last 8,000 characters of what the process printed, headed by its name. */
  String log() {
    try {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      return "--- " + name + " log ---\n" + (text.length() > 8000 ? "..." + text.substring(text.length() - 8000) : text);
    } catch (IOException e) {
      return "--- " + name + " log unreadable: " + e;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
