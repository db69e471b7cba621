package dev.featurewatch.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}}: the one model this server serves. */
final class ModelsHandler {
  private final ServedModel served;
  private final long created = java.time.Instant.now().getEpochSecond();

  ModelsHandler(ServedModel served) {
    this.served = served;
  }

  void list(RoutingContext ctx) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("object", "list");
    root.putArray("data").add(model());
    ApiResponses.json(ctx, 200, root);
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("model");
    if (!served.id().equals(id)) {
      ApiResponses.error(ctx, new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
          "The model '" + id + "' does not exist"));
      return;
    }
    ApiResponses.json(ctx, 200, model());
  }

  private ObjectNode model() {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("id", served.id());
    m.put("object", "model");
    m.put("created", created);
    m.put("owned_by", "featurewatch");
    ObjectNode fw = m.putObject("featurewatch");
    fw.put("context_length", served.contextLength());
    fw.put("sae_hook", served.guardrail().saeHook().toString());
    fw.put("d_sae", served.sae().config().dSae());
    fw.putArray("probes").addAll(served.guardrail().probeNames().stream()
        .map(JsonNodeFactory.instance::textNode).toList());
    return m;
  }
}
