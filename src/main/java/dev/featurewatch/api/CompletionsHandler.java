package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.engine.GenerationControl;
import dev.featurewatch.engine.GuardedListener;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions}: validates, hands the work to
 * the {@link CompletionService}, and writes the answer whole or as a stream. A client that goes
 * away cancels its generation.
 */
final class CompletionsHandler implements Handler<RoutingContext> {
  private final CompletionService service;
  private final CompletionJson json;
  private final boolean chat;
  private final Duration timeout;

  CompletionsHandler(CompletionService service, CompletionJson json, boolean chat, Duration timeout) {
    this.service = service;
    this.json = json;
    this.chat = chat;
    this.timeout = timeout;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Exchange exchange;
    try {
      JsonNode body = RequestJson.parseObject(ctx);
      OpenAiRequest request = chat ? OpenAiRequests.chat(body) : OpenAiRequests.completion(body);
      exchange = new Exchange(chat ? "chatcmpl-" : "cmpl-", ctx.currentRoute().getPath(), ClientIdentity.of(ctx, request),
          Authentication.client(ctx), request, new GenerationControl(timeout.toNanos()));
    } catch (OpenAiError e) {
      ApiResponses.error(ctx, e);
      return;
    }
    ctx.response().closeHandler(v -> exchange.control().cancel());
    Context eventLoop = ctx.vertx().getOrCreateContext();
    if (exchange.request().stream()) {
      StreamedAnswer stream = new StreamedAnswer(ctx, exchange, json);
      service.start(exchange, stream).whenComplete((g, failure) -> eventLoop.runOnContext(v -> {
        if (failure != null) {
          stream.fail(CompletionService.asOpenAiError(failure));
        } else {
          stream.finish(g);
        }
      }));
    } else {
      service.start(exchange, GuardedListener.NONE).whenComplete((g, failure) -> eventLoop.runOnContext(v -> {
        if (failure != null) {
          ApiResponses.failure(ctx, failure);
        } else {
          ApiResponses.json(ctx, 200, json.completion(exchange, g));
        }
      }));
    }
  }
}
