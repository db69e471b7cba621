package dev.featurewatch.api;

import dev.featurewatch.engine.GenerationControl;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.sae.FeatureIntervention;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One request and its answer as it moves through the server: who asked, what, when, what the
 * model was given, and how it ended. Written by the request's own threads in order (event loop,
 * then inference thread, then event loop again), read by the observers when it has finished.
 */
public final class Exchange {
  private final String id;
  private final String route;
  private final String client;
  private final ApiClient caller;
  private final OpenAiRequest request;
  private final Instant arrived = Instant.now();
  private final long arrivedNanos = System.nanoTime();
  private final GenerationControl control;
  private volatile long startedNanos = -1;
  private volatile String promptText;
  private volatile int[] promptTokens;
  private volatile List<FeatureIntervention> steering = List.of();
  private volatile GuardedGeneration result;
  private volatile OpenAiError error;
  private volatile int status = 200;

  /**
   * @param client who asked, as the audit trail names it
   * @param caller the authenticated client (its scopes and limits)
   */
  public Exchange(String idPrefix, String route, String client, ApiClient caller, OpenAiRequest request,
      GenerationControl control) {
    this.id = idPrefix + UUID.randomUUID().toString().replace("-", "");
    this.route = route;
    this.client = client;
    this.caller = caller;
    this.request = request;
    this.control = control;
  }

  public String id() {
    return id;
  }

  public String route() {
    return route;
  }

  public String client() {
    return client;
  }

  public ApiClient caller() {
    return caller;
  }

  public OpenAiRequest request() {
    return request;
  }

  public Instant arrived() {
    return arrived;
  }

  public GenerationControl control() {
    return control;
  }

  /** Seconds since the request arrived. */
  public double secondsSinceArrival() {
    return (System.nanoTime() - arrivedNanos) / 1e9;
  }

  /** Seconds it waited in the admission queue, or NaN if it never started. */
  public double queueSeconds() {
    return startedNanos < 0 ? Double.NaN : (startedNanos - arrivedNanos) / 1e9;
  }

  void started() {
    startedNanos = System.nanoTime();
  }

  void prompt(String text, int[] tokens, List<FeatureIntervention> steering) {
    this.promptText = text;
    this.promptTokens = tokens;
    this.steering = List.copyOf(steering);
  }

  public String promptText() {
    return promptText;
  }

  public int[] promptTokens() {
    return promptTokens;
  }

  public List<FeatureIntervention> steering() {
    return steering;
  }

  void finished(GuardedGeneration result) {
    this.result = result;
  }

  void failed(OpenAiError error) {
    this.error = error;
    this.status = error.status();
  }

  /** The generation, or null if the request failed before or during it. */
  public GuardedGeneration result() {
    return result;
  }

  /** Why the request failed, or null. */
  public OpenAiError error() {
    return error;
  }

  /** The HTTP status the client was (or would have been) given. */
  public int status() {
    return status;
  }
}
