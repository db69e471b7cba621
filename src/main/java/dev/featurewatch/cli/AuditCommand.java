package dev.featurewatch.cli;

import dev.featurewatch.audit.AuditLogReader;
import dev.featurewatch.audit.AuditReplay;
import dev.featurewatch.audit.ReplayReport;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleCompiler;
import dev.featurewatch.rules.RuleRepository;
import dev.featurewatch.rules.RuleValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit}: the server's audit trail, offline. */
@Command(name = "audit", description = "Work with a server's audit log.", subcommands = {AuditCommand.ReplayCommand.class,
    AuditSearchCommand.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: replay or search");
  }

  /**
   * {@code audit replay}: every exchange in a log, re-judged under a rules folder, with what would
   * change. Reads the log without locking it, so a running server may keep writing.
   */
  @Command(name = "replay", description = "Re-evaluate logged exchanges under another rules folder and report what would change.")
  static final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--log", description = "Audit log folder (default audit).", defaultValue = "audit")
    Path log;

    @Option(names = "--rules", required = true, description = "Rules folder to judge by.")
    Path rules;

    @Option(names = "--dictionary", description = "Feature dictionary for query rules (default dictionaries/organism/dictionary.jsonl).",
        defaultValue = "dictionaries/organism/dictionary.jsonl")
    Path dictionary;

    @Option(names = "--probes", description = "Probes folder, for the names probe rules use (default organism/probes).",
        defaultValue = "organism/probes")
    Path probes;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws RuleValidationException {
      if (!Files.isDirectory(log)) {
        throw new UsageException("no audit log folder " + log);
      }
      FeatureDictionary dict = Files.exists(dictionary) ? DictionaryFiles.read(dictionary) : null;
      try (DictionaryIndex index = dict == null ? null : DictionaryIndex.inMemory(dict)) {
        CompiledRules judged = RuleRepository.open(rules, new RuleCompiler(index, probeNames(), dict == null ? 0
            : dict.metadata().dSae())).current();
        java.io.PrintWriter err = spec.commandLine().getErr();
        ReplayReport report = new AuditReplay(judged).replayAll(AuditLogReader.open(log), n -> {
          err.println("replayed " + n + " records");
          err.flush();
        });
        spec.commandLine().getOut().println(json ? report.toJson().toPrettyString() : report.toText());
      }
      return 0;
    }

    private List<String> probeNames() {
      if (!Files.isDirectory(probes)) {
        return List.of();
      }
      try (Stream<Path> dirs = Files.list(probes)) {
        return dirs.filter(d -> Files.isRegularFile(d.resolve(Probe.CONFIG_FILE))).map(d -> d.getFileName().toString())
            .sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
