package dev.featurewatch.cli;

import dev.featurewatch.api.ClientKeys;
import dev.featurewatch.api.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keys}: the server's API keys. */
@Command(name = "keys", description = "Manage the API key file (only key hashes are stored).",
    subcommands = {KeysCommand.AddCommand.class})
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: add");
  }

  /**
   * {@code keys add}: a new client with a new random key. The key is printed once, on standard
   * output; the file keeps only its SHA-256. The server reads the file at start-up.
   */
  @Command(name = "add", description = "Add a client with a new random key; prints the key once.")
  static final class AddCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--file", description = "Key file (default keys.yaml).", defaultValue = "keys.yaml")
    Path file;

    @Option(names = "--name", required = true, description = "Client name (audit records and alerts name it).")
    String name;

    @Option(names = "--scope", required = true, description = "chat, read-audit or admin (repeatable).")
    List<String> scopes;

    @Option(names = "--requests-per-minute", description = "Request limit (default none).", defaultValue = "0")
    int requestsPerMinute;

    @Option(names = "--tokens-per-minute", description = "Prompt + completion token limit (default none).", defaultValue = "0")
    int tokensPerMinute;

    @Override
    public Integer call() {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new UsageException("--name must be 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
      }
      String scopeList = scopes.stream().map(s -> Scope.of(s).label()).distinct().collect(Collectors.joining(", "));
      String key = ClientKeys.newKey();
      String entry = "  - name: " + name + "\n    key_sha256: " + ClientKeys.sha256(key) + "\n    scopes: [" + scopeList + "]\n"
          + (requestsPerMinute > 0 ? "    requests_per_minute: " + requestsPerMinute + "\n" : "")
          + (tokensPerMinute > 0 ? "    tokens_per_minute: " + tokensPerMinute + "\n" : "");
      try {
        String before = Files.exists(file) ? Files.readString(file) : "";
        String text = before.isBlank() ? "# FeatureWatch API keys: SHA-256 hashes only (featurewatch keys add).\nclients:\n" + entry
            : before + (before.endsWith("\n") ? "" : "\n") + entry;
        Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".keys", ".tmp");
        Files.writeString(written, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        try {
          ClientKeys.load(written); // the whole file still reads, or nothing is replaced
        } catch (IllegalArgumentException e) {
          Files.deleteIfExists(written);
          throw e;
        }
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      spec.commandLine().getOut().println(key);
      spec.commandLine().getErr().println("added client '" + name + "' (" + scopeList + ") to " + file
          + "; the key above is shown only now");
      return 0;
    }
  }
}
