package dev.featurewatch.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a text body (a rule's YAML) as bytes, whatever its content type says. Vert.x's body handler
 * would decode {@code application/x-www-form-urlencoded}, curl's default for {@code --data}, and
 * refuse YAML that is not a valid form; a rule file is never a form. Bodies over the limit are
 * answered 413.
 */
final class RawBodyHandler implements Handler<RoutingContext> {
  static final String BODY = "featurewatch.raw-body";

  private final long limit;

  RawBodyHandler(long limit) {
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(chunk -> {
      if (tooLarge[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        tooLarge[0] = true;
        ctx.fail(413);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!tooLarge[0]) {
        ctx.put(BODY, body);
        ctx.next();
      }
    });
    request.exceptionHandler(e -> ctx.fail(400, e));
    request.resume();
  }

  /** The body read by this handler, as UTF-8 text. */
  static String text(RoutingContext ctx) {
    Buffer b = ctx.get(BODY);
    return b == null ? "" : b.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
