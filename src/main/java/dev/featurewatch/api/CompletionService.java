package dev.featurewatch.api;

import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.GuardedGenerator;
import dev.featurewatch.engine.GuardedListener;
import dev.featurewatch.engine.GuardedRequest;
import dev.featurewatch.engine.InferenceScheduler;
import dev.featurewatch.engine.QueueFullException;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.InvalidSteeringException;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.SteeringRequest;
import dev.featurewatch.sae.FeatureIntervention;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers completion requests: turns a validated request into a prompt (chat template,
 * tokenizer, context limits, the request's own steering), runs the monitored generation on an
 * inference thread, and tells the observers (audit, metrics, alerts) what happened. Everything but
 * the admission check runs on the inference thread, so a long prompt never holds an event loop.
 */
public final class CompletionService {
  private static final Logger LOG = Logger.getLogger(CompletionService.class.getName());

  private final ServedModel served;
  private final GuardedGenerator generator;
  private final SteeringRequest steeringParser;
  private final Supplier<CompiledRules> rules;
  private final InferenceScheduler scheduler;
  private final List<ExchangeObserver> observers;
  private final ExchangeRecorder recorder;
  private final int maxPromptTokens;

  /**
   * @param maxPromptTokens the longest prompt accepted (at most the context length less one)
   */
  public CompletionService(ServedModel served, int maxPromptTokens, Supplier<CompiledRules> rules, InferenceScheduler scheduler,
      List<ExchangeObserver> observers, ExchangeRecorder recorder) {
    this.maxPromptTokens = maxPromptTokens;
    this.recorder = recorder;
    this.served = served;
    this.generator = served.generator();
    this.steeringParser = served.steeringParser();
    this.rules = rules;
    this.scheduler = scheduler;
    this.observers = List.copyOf(observers);
  }

  public ServedModel served() {
    return served;
  }

  /**
   * Queues the exchange. The future completes with the generation once its audit record is
   * acknowledged, or with an {@link OpenAiError}; either way the observers have been told first.
   * When the record cannot be written and the recorder fails closed, the answer is withheld (503).
   *
   * @throws OpenAiError 404 for another model, 429 when the queue is full
   */
  public CompletableFuture<GuardedGeneration> submit(Exchange exchange, GuardedListener listener) {
    if (!served.id().equals(exchange.request().model())) {
      OpenAiError e = new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
          "The model '" + exchange.request().model() + "' does not exist; this server serves '" + served.id() + "'");
      finish(exchange, null, e);
      recorder.record(exchange);
      throw e;
    }
    CompletableFuture<GuardedGeneration> future;
    try {
      future = scheduler.submit(() -> run(exchange, listener));
    } catch (QueueFullException e) {
      OpenAiError error = OpenAiError.overloaded(e.getMessage(), e.retryAfterSeconds());
      finish(exchange, null, error);
      recorder.record(exchange);
      throw error;
    }
    return future.handle((generation, failure) -> {
      OpenAiError error = failure == null ? null : asOpenAiError(failure, exchange.id());
      finish(exchange, generation, error);
      return error;
    }).thenCompose(error -> recorder.record(exchange).handle((ok, auditFailure) -> {
      if (error != null) {
        throw new CompletionException(error);
      }
      if (auditFailure != null && recorder.failClosed()) {
        LOG.log(Level.SEVERE, "audit record of " + exchange.id() + " not written; answer withheld", auditFailure);
        throw new CompletionException(new OpenAiError(503, "server_error", null, "audit_unavailable",
            "the answer was withheld because its audit record could not be written"));
      }
      return exchange.result();
    }));
  }

  /** {@link #submit}, with a refusal (404, 429) as a failed future rather than a throw. */
  public CompletableFuture<GuardedGeneration> start(Exchange exchange, GuardedListener listener) {
    try {
      return submit(exchange, listener);
    } catch (OpenAiError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private GuardedGeneration run(Exchange exchange, GuardedListener listener) {
    exchange.started();
    tell(exchange, o -> o.onStarted(exchange));
    OpenAiRequest request = exchange.request();
    PromptTokens prompt = PromptTokens.of(served, request, maxPromptTokens);
    List<FeatureIntervention> steering;
    try {
      steering = steeringParser.parse(request.steer());
    } catch (InvalidSteeringException e) {
      throw OpenAiError.invalid(e.param(), e.getMessage());
    }
    exchange.prompt(prompt.text(), prompt.tokens(), steering);
    SamplingParams sampling = new SamplingParams(request.temperature(), 0, request.topP(), request.seed(),
        prompt.maxTokens(), null, request.stop());
    GuardedRequest guarded = new GuardedRequest(prompt.tokens(), sampling, steering, rules.get(), request.ignoreEos());
    return generator.generate(guarded, exchange.control(), new GuardedListener() {
      @Override
      public void onReleased(int tokenId, String text, TokenActivity activity) {
        listener.onReleased(tokenId, text, activity);
      }

      @Override
      public void onHits(List<RuleHit> hits) {
        tell(exchange, o -> o.onHits(exchange, hits));
        listener.onHits(hits);
      }
    });
  }

  private void finish(Exchange exchange, GuardedGeneration generation, OpenAiError error) {
    if (error != null) {
      exchange.failed(error);
    } else {
      exchange.finished(generation);
    }
    tell(exchange, o -> o.onFinished(exchange));
  }

  /** Tells every observer; one observer's fault is logged and never ends the exchange or its generation. */
  private void tell(Exchange exchange, java.util.function.Consumer<ExchangeObserver> event) {
    for (ExchangeObserver o : observers) {
      try {
        event.accept(o);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "observer failed on exchange " + exchange.id(), e);
      }
    }
  }

  static OpenAiError asOpenAiError(Throwable failure) {
    return asOpenAiError(failure, null);
  }

  /**
   * The client's error for a failure: an {@link OpenAiError} as it is, anything else a 500 whose
   * message names no internals (the server log has the exception, under the request's id).
   */
  static OpenAiError asOpenAiError(Throwable failure, String exchangeId) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (t instanceof OpenAiError e) {
      return e;
    }
    String request = exchangeId == null ? "the request" : "request " + exchangeId;
    LOG.log(Level.SEVERE, request + " failed", t);
    return OpenAiError.serverError("the server failed to answer " + request + "; the server log has the details");
  }
}
