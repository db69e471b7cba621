package dev.featurewatch.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as OpenAI's API reports it: HTTP status plus {@code {"error": {"message", "type",
 * "param", "code"}}}. Thrown anywhere a request is judged; the API layer writes it as is, so a client
 * never sees a stack trace.
 */
public final class OpenAiError extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;
  private final int retryAfterSeconds;

  public OpenAiError(int status, String type, String param, String code, String message) {
    this(status, type, param, code, message, 0);
  }

  private OpenAiError(int status, String type, String param, String code, String message, int retryAfterSeconds) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429: the server is at capacity; the answer carries {@code Retry-After}. */
  public static OpenAiError overloaded(String message, int retryAfterSeconds) {
    return new OpenAiError(429, "rate_limit_error", null, "server_overloaded", message, retryAfterSeconds);
  }

  /** 429: the client is over its own rate limit; the answer carries {@code Retry-After}. */
  public static OpenAiError rateLimited(String message, int retryAfterSeconds) {
    return new OpenAiError(429, "rate_limit_error", null, "rate_limit_exceeded", message, retryAfterSeconds);
  }

  /** 500 for a failure of the server itself, with a message fit for the client (never a stack trace). */
  public static OpenAiError serverError(String message) {
    return new OpenAiError(500, "server_error", null, null, message);
  }

  /** 400 {@code invalid_request_error} about one parameter. */
  public static OpenAiError invalid(String param, String message) {
    return new OpenAiError(400, "invalid_request_error", param, null, message);
  }

  /** 400 {@code invalid_request_error} with a machine-readable code. */
  public static OpenAiError invalid(String param, String code, String message) {
    return new OpenAiError(400, "invalid_request_error", param, code, message);
  }

  public static OpenAiError notFound(String message) {
    return new OpenAiError(404, "invalid_request_error", null, "not_found", message);
  }

  /** Seconds for {@code Retry-After}, or 0 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }

  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return root;
  }
}
