package dev.featurewatch.testing;

import dev.featurewatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
public final class CliRunner {
  private CliRunner() {}

  /** Exit code and captured streams. */
  public record Output(int exitCode, String stdout, String stderr) {}

  public static Output run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Output(code, out.toString(), err.toString());
  }
}
