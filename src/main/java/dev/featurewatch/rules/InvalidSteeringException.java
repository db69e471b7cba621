package dev.featurewatch.rules;

/**
 * A request's {@code featurewatch.steer} cannot be used. Carries what an OpenAI error object needs:
 * the message and the offending parameter ({@code featurewatch.steer[1].mode}), so the API layer
 * answers 400 {@code invalid_request_error} with {@code param} set.
 */
public final class InvalidSteeringException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String param;

  InvalidSteeringException(String param, String reason) {
    super(param + ": " + reason);
    this.param = param;
  }

  /** The parameter at fault, as a path into the request body. */
  public String param() {
    return param;
  }
}
