package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.GuardedListener;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.rules.RuleHit;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * One answer streamed as server-sent events, OpenAI style: {@code data: <chunk>} per released
 * piece of text, a chunk announcing rule hits as they fire, the finish chunk with the
 * {@code featurewatch} extension, optionally a usage chunk, then {@code data: [DONE]}. The
 * inference thread calls in; every write hops to the request's event loop, in order. The status
 * line goes out with the first event, so a request that fails before generating still gets a
 * plain JSON error with its real status.
 */
final class StreamedAnswer implements GuardedListener {
  private final RoutingContext ctx;
  private final Context eventLoop;
  private final Exchange exchange;
  private final CompletionJson json;
  private boolean roleSent;

  StreamedAnswer(RoutingContext ctx, Exchange exchange, CompletionJson json) {
    this.ctx = ctx;
    this.eventLoop = ctx.vertx().getOrCreateContext();
    this.exchange = exchange;
    this.json = json;
  }

  @Override
  public void onReleased(int tokenId, String text, TokenActivity activity) {
    if (text.isEmpty() && !exchange.request().returnFeatures()) {
      return;
    }
    eventLoop.runOnContext(v -> {
      send(json.textChunk(exchange, text, !roleSent, activity));
      roleSent = true;
    });
  }

  @Override
  public void onHits(List<RuleHit> hits) {
    List<RuleHit> copy = List.copyOf(hits);
    eventLoop.runOnContext(v -> send(json.flagsChunk(exchange, copy)));
  }

  /** Ends the stream; called on the event loop. */
  void finish(GuardedGeneration g) {
    String notice = json.blockNotice(g);
    if (!notice.isEmpty() || !roleSent) {
      send(json.textChunk(exchange, notice, !roleSent, null));
      roleSent = true;
    }
    send(json.finalChunk(exchange, g));
    if (exchange.request().includeUsage()) {
      send(json.usageChunk(exchange, g));
    }
    done();
  }

  /** Ends the stream with an error: a JSON error if nothing was sent yet, else an error event. */
  void fail(OpenAiError error) {
    if (!ctx.response().headWritten()) {
      ApiResponses.error(ctx, error);
      return;
    }
    send(error.toJson());
    done();
  }

  private void send(JsonNode chunk) {
    HttpServerResponse response = open();
    if (response != null) {
      response.write("data: " + ApiResponses.bytes(chunk).toString() + "\n\n");
    }
  }

  private void done() {
    HttpServerResponse response = open();
    if (response != null) {
      response.end("data: [DONE]\n\n");
    }
  }

  /** The response, its head written on first use; null once the client has gone. */
  private HttpServerResponse open() {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return null;
    }
    if (!response.headWritten()) {
      response.setStatusCode(200).setChunked(true)
          .putHeader("content-type", "text/event-stream")
          .putHeader("cache-control", "no-cache");
    }
    return response;
  }
}
