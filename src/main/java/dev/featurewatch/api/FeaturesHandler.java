package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.dictionary.DictionaryJson;
import dev.featurewatch.dictionary.FeatureEntry;
import dev.featurewatch.dictionary.FeatureHit;
import dev.featurewatch.search.InvalidQueryException;
import dev.featurewatch.engine.GenerationControl;
import dev.featurewatch.engine.GuardedListener;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.rules.CompiledRule;
import dev.featurewatch.rules.CompiledRules;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The features API: {@code GET /v1/features/search?q=} (Lucene over the dictionary), {@code GET
 * /v1/features/{id}} (a feature's dictionary entry and the rules that read it), and {@code POST
 * /v1/features/inspect} (text or messages → every token's top features and probe scores, and the
 * rules that would fire).
 */
final class FeaturesHandler {
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 500;

  private final CompletionService service;
  private final CompletionJson json;
  private final Supplier<CompiledRules> rules;
  private final WorkerExecutor workers;
  private final Duration timeout;

  FeaturesHandler(CompletionService service, CompletionJson json, Supplier<CompiledRules> rules, WorkerExecutor workers,
      Duration timeout) {
    this.service = service;
    this.json = json;
    this.rules = rules;
    this.workers = workers;
    this.timeout = timeout;
  }

  private ServedModel served() {
    return service.served();
  }

  void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    int limit;
    try {
      limit = limit(ctx.queryParams().get("limit"));
      if (q == null || q.isBlank()) {
        throw OpenAiError.invalid("q", "q is required: a Lucene query over the dictionary, e.g. label:deception");
      }
      requireDictionary();
    } catch (OpenAiError e) {
      ApiResponses.error(ctx, e);
      return;
    }
    workers.executeBlocking(() -> {
      try {
        return served().dictionaryIndex().search(q, limit);
      } catch (InvalidQueryException e) {
        throw OpenAiError.invalid("q", e.getMessage());
      }
    }, false).onComplete(r -> {
      if (r.failed()) {
        ApiResponses.failure(ctx, r.cause());
        return;
      }
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("object", "list");
      root.put("query", q);
      ArrayNode data = root.putArray("data");
      for (FeatureHit hit : r.result()) {
        served().dictionary().entry(hit.index()).ifPresent(e -> {
          ObjectNode summary = summary(e);
          summary.put("score", hit.score());
          data.add(summary);
        });
      }
      ApiResponses.json(ctx, 200, root);
    });
  }

  void get(RoutingContext ctx) {
    int id;
    try {
      id = Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ApiResponses.error(ctx, OpenAiError.invalid("id", "a feature id is a whole number, got '" + ctx.pathParam("id") + "'"));
      return;
    }
    int dSae = served().sae().config().dSae();
    if (id < 0 || id >= dSae) {
      ApiResponses.error(ctx, OpenAiError.notFound("feature " + id + " does not exist (the SAE has " + dSae + ")"));
      return;
    }
    ObjectNode root = served().dictionary() == null ? JsonNodeFactory.instance.objectNode()
        : served().dictionary().entry(id).map(DictionaryJson::toJson).orElse(JsonNodeFactory.instance.objectNode());
    root.put("index", id);
    root.set("rules", rulesReading(id));
    ApiResponses.json(ctx, 200, root);
  }

  /** Monitors a prompt without generating: {@code {"text": ...}} or {@code {"messages": [...]}}, optional {@code steer}. */
  void inspect(RoutingContext ctx) {
    Exchange exchange;
    try {
      JsonNode body = RequestJson.parseObject(ctx);
      ObjectNode asCompletion = ((ObjectNode) body).deepCopy();
      asCompletion.put("model", served().id());
      asCompletion.put("max_tokens", 0);
      if (body.has("steer")) {
        asCompletion.putObject("featurewatch").set("steer", body.get("steer"));
        asCompletion.remove("steer");
      }
      OpenAiRequest request;
      if (body.has("messages")) {
        request = OpenAiRequests.chat(asCompletion);
      } else {
        String text = Params.optionalString(body, "text");
        if (text == null || text.isEmpty()) {
          throw OpenAiError.invalid("text", "send text (a string) or messages (a conversation)");
        }
        asCompletion.put("prompt", text);
        asCompletion.remove("text");
        request = OpenAiRequests.completion(asCompletion);
      }
      exchange = new Exchange("inspect-", ctx.currentRoute().getPath(), ClientIdentity.of(ctx, request),
          Authentication.client(ctx), request, new GenerationControl(timeout.toNanos()));
    } catch (OpenAiError e) {
      ApiResponses.error(ctx, e);
      return;
    }
    Context eventLoop = ctx.vertx().getOrCreateContext();
    service.start(exchange, GuardedListener.NONE).whenComplete((g, failure) -> eventLoop.runOnContext(v -> {
      if (failure != null) {
        ApiResponses.failure(ctx, failure);
        return;
      }
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("object", "featurewatch.inspection");
      root.put("id", exchange.id());
      root.put("model", served().id());
      ArrayNode tokens = root.putArray("tokens");
      for (TokenActivity a : g.activity()) {
        tokens.add(json.token(a));
      }
      ArrayNode flags = root.putArray("flags");
      g.hits().forEach(h -> flags.add(CompletionJson.flag(h)));
      ApiResponses.json(ctx, 200, root);
    }));
  }

  private ArrayNode rulesReading(int feature) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (CompiledRule r : rules.get().rules()) {
      for (int f : r.features()) {
        if (f == feature) {
          out.add(r.id());
          break;
        }
      }
    }
    return out;
  }

  private static ObjectNode summary(FeatureEntry e) {
    ObjectNode full = DictionaryJson.toJson(e);
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    for (String field : List.of("index", "label", "concept", "confidence", "explanation", "density", "max_activation")) {
      if (full.has(field)) {
        s.set(field, full.get(field));
      }
    }
    return s;
  }

  private void requireDictionary() {
    if (served().dictionaryIndex() == null) {
      throw new OpenAiError(404, "invalid_request_error", null, "no_dictionary",
          "this server was started without a feature dictionary");
    }
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw OpenAiError.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
  }
}
