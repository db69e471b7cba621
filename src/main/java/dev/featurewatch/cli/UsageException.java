package dev.featurewatch.cli;

/** A command was given options that do not fit together. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
