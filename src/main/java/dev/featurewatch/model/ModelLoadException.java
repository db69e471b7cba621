package dev.featurewatch.model;

/**
 * A model directory could not be loaded; the message names the file and, where known, the tensor
 * or field.
 */
public class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
