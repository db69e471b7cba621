package dev.featurewatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code featurewatch} command line. */
@Command(
    name = "featurewatch",
    mixinStandardHelpOptions = true,
    version = "featurewatch 0.1.0",
    description = "Inline guardrail and safety monitor that reads a language model's sparse-autoencoder features.",
    subcommands = {ServeCommand.class, AuditCommand.class, KeysCommand.class, GenerateCommand.class, SampleCommand.class, SaeCommand.class, ProbeCommand.class, DictionaryCommand.class, OrganismCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line on the process's stdout and stderr and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command line writing to the given streams (tests capture them) and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli.execute(args);
  }
}
