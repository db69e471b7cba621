package dev.featurewatch.cli;

import dev.featurewatch.model.ModelLoadException;
import picocli.CommandLine;

/**
 * Prints an expected failure (a bad model directory, a bad argument) as one line instead of a
 * stack trace; anything else is a bug and keeps its trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof ModelLoadException || e instanceof IllegalArgumentException || e instanceof UsageException
        || e instanceof dev.featurewatch.rules.RuleValidationException) {
      cli.getErr().println("featurewatch: " + e.getMessage());
      return 2;
    }
    if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
      Throwable cause = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
      cli.getErr().println("featurewatch: " + e.getMessage() + (cause != e && cause != null ? ": " + cause : ""));
      return 2;
    }
    throw new RuntimeException(e);
  }
}
