package dev.featurewatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers and OpenAI error objects; the one place a status and a body are put together. */
final class ApiResponses {
  private ApiResponses() {}

  static void json(RoutingContext ctx, int status, JsonNode body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("content-type", "application/json").end(bytes(body));
  }

  static void error(RoutingContext ctx, OpenAiError error) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.end(); // a streamed answer already under way: the stream writes its own error event
      return;
    }
    if (error.retryAfterSeconds() > 0) {
      response.putHeader("retry-after", Integer.toString(error.retryAfterSeconds()));
    }
    json(ctx, error.status(), error.toJson());
  }

  /** Any failure as an OpenAI error: ours as they are, anything else a 500 without internals. */
  static void failure(RoutingContext ctx, Throwable failure) {
    error(ctx, CompletionService.asOpenAiError(failure));
  }

  static Buffer bytes(JsonNode body) {
    try {
      return Buffer.buffer(RequestJson.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
