package dev.featurewatch.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.engine.FinishReason;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseFeatures;
import java.util.List;

/**
 * Writes answers in OpenAI's shapes ({@code chat.completion}, {@code chat.completion.chunk},
 * {@code text_completion}) plus the {@code featurewatch} extension: the rule hits ("flags"), the
 * block if any, the steering applied, and with {@code featurewatch.features} the top features of
 * every token. Clients that do not know the extension ignore it, as OpenAI's SDKs do unknown fields.
 */
public final class CompletionJson {
  /** Top features reported per token. */
  static final int TOP_FEATURES = 5;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ServedModel served;

  public CompletionJson(ServedModel served) {
    this.served = served;
  }

  /** The whole answer of a finished, non-streamed exchange. */
  public ObjectNode completion(Exchange exchange, GuardedGeneration g) {
    ObjectNode root = header(exchange, exchange.request().isChat() ? "chat.completion" : "text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    String content = g.text() + blockNotice(g);
    if (exchange.request().isChat()) {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", content);
      message.putNull("refusal");
    } else {
      choice.put("text", content);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", g.finishReason().openAiName());
    root.set("usage", usage(g));
    root.set("featurewatch", extension(exchange, g, exchange.request().returnFeatures()));
    return root;
  }

  /** The text that tells the reader an answer was stopped, or "". */
  public static String blockNotice(GuardedGeneration g) {
    if (g.finishReason() != FinishReason.CONTENT_FILTER || g.blockedBy() == null) {
      return "";
    }
    RuleHit b = g.blockedBy();
    String message = b.message() != null ? b.message() : "[This answer was stopped by the guardrail (rule " + b.ruleId() + ").]";
    return g.text().isEmpty() ? message : "\n\n" + message;
  }

  /** One streamed piece of text, with its token's features when asked for. */
  public ObjectNode textChunk(Exchange exchange, String text, boolean first, TokenActivity activity) {
    ObjectNode root = chunk(exchange);
    ObjectNode choice = (ObjectNode) root.get("choices").get(0);
    if (exchange.request().isChat()) {
      ObjectNode delta = choice.putObject("delta");
      if (first) {
        delta.put("role", "assistant");
      }
      delta.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    if (activity != null && exchange.request().returnFeatures()) {
      root.putObject("featurewatch").putArray("tokens").add(token(activity));
    }
    return root;
  }

  /** A streamed chunk with no text announcing rule hits as they happen. */
  public ObjectNode flagsChunk(Exchange exchange, List<RuleHit> hits) {
    ObjectNode root = emptyChunk(exchange, null);
    ArrayNode flags = root.putObject("featurewatch").putArray("flags");
    hits.forEach(h -> flags.add(flag(h)));
    return root;
  }

  /** The last chunk with a choice: the finish reason and the whole extension (without per-token features). */
  public ObjectNode finalChunk(Exchange exchange, GuardedGeneration g) {
    ObjectNode root = emptyChunk(exchange, g.finishReason().openAiName());
    root.set("featurewatch", extension(exchange, g, false));
    return root;
  }

  /** A chunk whose one choice adds no text. */
  private ObjectNode emptyChunk(Exchange exchange, String finishReason) {
    ObjectNode root = chunk(exchange);
    ObjectNode choice = (ObjectNode) root.get("choices").get(0);
    if (exchange.request().isChat()) {
      choice.putObject("delta");
    } else {
      choice.put("text", "");
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    return root;
  }

  /** {@code stream_options.include_usage}: a chunk with no choices and the usage. */
  public ObjectNode usageChunk(Exchange exchange, GuardedGeneration g) {
    ObjectNode root = header(exchange, chunkObject(exchange));
    root.putArray("choices");
    root.set("usage", usage(g));
    return root;
  }

  private ObjectNode chunk(Exchange exchange) {
    ObjectNode root = header(exchange, chunkObject(exchange));
    root.putArray("choices").addObject().put("index", 0);
    return root;
  }

  private static String chunkObject(Exchange exchange) {
    return exchange.request().isChat() ? "chat.completion.chunk" : "text_completion";
  }

  private ObjectNode header(Exchange exchange, String object) {
    ObjectNode root = JSON.objectNode();
    root.put("id", exchange.id());
    root.put("object", object);
    root.put("created", exchange.arrived().getEpochSecond());
    root.put("model", served.id());
    root.putNull("system_fingerprint");
    return root;
  }

  private static ObjectNode usage(GuardedGeneration g) {
    ObjectNode usage = JSON.objectNode();
    usage.put("prompt_tokens", g.promptTokens().length);
    usage.put("completion_tokens", g.releasedTokens().length);
    usage.put("total_tokens", g.promptTokens().length + g.releasedTokens().length);
    return usage;
  }

  /** The {@code featurewatch} extension of an answer. */
  public ObjectNode extension(Exchange exchange, GuardedGeneration g, boolean withTokens) {
    ObjectNode ext = JSON.objectNode();
    ext.put("audit_id", exchange.id());
    ArrayNode flags = ext.putArray("flags");
    g.hits().forEach(h -> flags.add(flag(h)));
    if (g.blockedBy() != null) {
      ext.set("blocked", flag(g.blockedBy()));
    }
    ArrayNode steered = ext.putArray("steering");
    for (FeatureIntervention iv : exchange.steering()) {
      steered.add(intervention(iv, "request"));
    }
    for (RuleHit h : g.hits()) {
      if (h.isEnforced()) {
        h.interventions().forEach(iv -> steered.add(intervention(iv, h.ruleId())));
      }
    }
    ext.put("seed", g.seed());
    if (withTokens) {
      ArrayNode tokens = ext.putArray("tokens");
      for (TokenActivity a : g.activity()) {
        tokens.add(token(a));
      }
    }
    return ext;
  }

  /** One rule hit: rule, action, mode, severity, token span, peak and aggregate. */
  public static ObjectNode flag(RuleHit h) {
    ObjectNode f = JSON.objectNode();
    f.put("rule", h.ruleId());
    f.put("action", h.action().name().toLowerCase(java.util.Locale.ROOT));
    f.put("mode", h.mode().name().toLowerCase(java.util.Locale.ROOT));
    f.put("severity", h.severity().name().toLowerCase(java.util.Locale.ROOT));
    f.put("cause", h.cause().name().toLowerCase(java.util.Locale.ROOT));
    ObjectNode span = f.putObject("span");
    span.put("first_position", h.firstPosition());
    span.put("last_position", h.lastPosition());
    putFinite(f, "peak", h.peak());
    putFinite(f, "value", h.value());
    if (h.message() != null) {
      f.put("message", h.message());
    }
    return f;
  }

  private static ObjectNode intervention(FeatureIntervention iv, String from) {
    ObjectNode o = JSON.objectNode();
    o.put("feature", iv.feature());
    o.put("mode", iv.kind().name().toLowerCase(java.util.Locale.ROOT));
    o.put("value", iv.value());
    o.put("from_position", iv.fromPosition());
    o.put("source", from);
    return o;
  }

  /** One token: position, id, text, source, top features (with labels) and probe scores. */
  public ObjectNode token(TokenActivity a) {
    ObjectNode t = JSON.objectNode();
    t.put("position", a.position());
    t.put("token_id", a.tokenId());
    t.put("text", served.tokenizer().decode(new int[] {a.tokenId()}, false));
    t.put("source", a.source().name().toLowerCase(java.util.Locale.ROOT));
    if (a.features() == null) {
      t.put("monitor_failed", true);
    } else {
      ArrayNode features = t.putArray("features");
      SparseFeatures f = a.features();
      for (int i = 0; i < Math.min(TOP_FEATURES, f.size()); i++) {
        ObjectNode e = features.addObject();
        e.put("id", f.ids()[i]);
        e.put("value", f.values()[i]);
        String label = served.label(f.ids()[i]);
        if (label != null) {
          e.put("label", label);
        }
      }
    }
    List<String> names = served.guardrail().probeNames();
    if (!names.isEmpty()) {
      ObjectNode probes = t.putObject("probes");
      for (int i = 0; i < names.size(); i++) {
        putFinite(probes, names.get(i), a.probeScores()[i]);
      }
    }
    return t;
  }

  private static void putFinite(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
