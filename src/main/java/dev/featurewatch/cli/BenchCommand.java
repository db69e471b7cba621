package dev.featurewatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures measured side by side in one run. */
@Command(name = "bench", description = "Benchmarks: runtime throughput, SAE encode, monitoring, server and rule overhead.",
    subcommands = {RuntimeBenchCommand.class, SaeBenchCommand.class, GuardrailBenchCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
