package dev.featurewatch.rules;

/**
 * A rule change through the API that cannot be saved: the folder is owned by something else (a
 * Kubernetes ConfigMap mount, replaced whole on every update), or writing failed. Nothing changed;
 * the served rules are as before.
 */
public final class RulesNotWritableException extends RuntimeException {
  private final boolean managedElsewhere;

  RulesNotWritableException(String message, boolean managedElsewhere, Throwable cause) {
    super(message, cause);
    this.managedElsewhere = managedElsewhere;
  }

  /** True when the folder is managed outside the server and the change belongs there; false for a failed write. */
  public boolean managedElsewhere() {
    return managedElsewhere;
  }
}
