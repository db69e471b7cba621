package dev.featurewatch.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.json.JsonFields;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of {@link AuditRecord}: the one place that knows the field names. Writing never
 * fails on a valid record; reading checks every type and names the field path at fault.
 */
final class AuditJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AuditJson() {}

  static ObjectNode toJson(AuditRecord r) {
    ObjectNode o = NODES.objectNode();
    o.put("id", r.id());
    o.put("time", r.time().toString());
    o.put("client", r.client());
    o.put("route", r.route());
    o.put("model", r.model());
    o.put("status", r.status());
    o.put("finish_reason", r.finishReason());
    o.set("request", r.request() == null ? NODES.nullNode() : r.request());
    o.put("prompt_text", r.promptText());
    o.put("response_text", r.responseText());
    o.put("prompt_tokens", r.promptTokens());
    o.put("completion_tokens", r.completionTokens());
    ArrayNode probeNames = o.putArray("probe_names");
    r.probeNames().forEach(probeNames::add);
    ArrayNode tokens = o.putArray("tokens");
    for (AuditToken t : r.tokens()) {
      tokens.add(token(t));
    }
    ArrayNode hits = o.putArray("hits");
    for (AuditHit h : r.hits()) {
      hits.add(hit(h));
    }
    ArrayNode actions = o.putArray("actions");
    r.actions().forEach(a -> actions.add(name(a)));
    if (r.steer() != null) {
      o.set("steer", r.steer());
    }
    ObjectNode latency = o.putObject("latency_ms");
    number(latency, "queue", r.latency().queueMs());
    number(latency, "first_token", r.latency().firstTokenMs());
    number(latency, "total", r.latency().totalMs());
    if (r.error() != null) {
      o.put("error", r.error());
    }
    return o;
  }

  /** The record as the UTF-8 bytes of one line of JSON (no newline: JSON escapes those in strings). */
  static byte[] bytes(AuditRecord r) {
    try {
      return MAPPER.writeValueAsBytes(toJson(r));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write audit record '" + r.id() + "' as JSON: " + e.getMessage(), e);
    }
  }

  /** Parses one line's JSON; a syntax error becomes a {@link MalformedAuditRecordException}. */
  static AuditRecord parse(byte[] buffer, int offset, int length) {
    JsonNode node;
    try {
      node = MAPPER.readTree(buffer, offset, length);
    } catch (JsonProcessingException e) {
      throw new MalformedAuditRecordException(null, null, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) { // reading a byte array does no I/O
      throw new UncheckedIOException(e);
    }
    return fromJson(node);
  }

  private static ObjectNode token(AuditToken t) {
    ObjectNode o = NODES.objectNode();
    o.put("position", t.position());
    o.put("token_id", t.tokenId());
    o.put("text", t.text());
    o.put("source", name(t.source()));
    o.set("features", features(t.features()));
    if (t.probes() != null) {
      ArrayNode probes = o.putArray("probes");
      for (double p : t.probes()) {
        if (Double.isNaN(p)) {
          probes.addNull();
        } else {
          probes.add(p);
        }
      }
    }
    if (t.monitorFailed()) {
      o.put("monitor_failed", true);
    }
    return o;
  }

  static ArrayNode features(SparseFeatures f) {
    ArrayNode a = NODES.arrayNode(f.size());
    int[] ids = f.ids();
    float[] values = f.values();
    for (int i = 0; i < ids.length; i++) {
      a.addArray().add(ids[i]).add(values[i]);
    }
    return a;
  }

  static ObjectNode hit(AuditHit h) {
    ObjectNode o = NODES.objectNode();
    o.put("rule", h.rule());
    o.put("cause", name(h.cause()));
    o.put("action", name(h.action()));
    o.put("mode", name(h.mode()));
    o.put("severity", name(h.severity()));
    o.put("first_position", h.firstPosition());
    o.put("last_position", h.lastPosition());
    number(o, "peak", h.peak());
    number(o, "value", h.value());
    o.put("message", h.message());
    return o;
  }

  private static void number(ObjectNode o, String field, double value) {
    if (Double.isNaN(value)) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  /** An enum constant as the JSON writes it: lower case ({@code monitor_failure}). */
  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static AuditRecord fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new MalformedAuditRecordException(null, null, "expected a JSON object, got " + describe(json));
    }
    JsonNode idNode = json.get("id");
    String id = idNode != null && idNode.isTextual() && !idNode.textValue().isEmpty() ? idNode.textValue() : null;
    JsonFields f = fields(id, "", json);
    if (id == null) {
      throw f.error("id", idNode == null || idNode.isNull() ? "is required" : "expected a non-empty string, got " + describe(idNode));
    }
    Instant time = instant(f, "time");
    List<String> probeNames = new ArrayList<>();
    f.each("probe_names", (item, path) -> probeNames.add(f.textAt(item, path)));
    List<AuditToken> tokens = new ArrayList<>();
    f.each("tokens", (item, path) -> tokens.add(token(fields(id, path, item))));
    List<AuditHit> hits = new ArrayList<>();
    f.each("hits", (item, path) -> hits.add(hit(fields(id, path, item))));
    List<ActionKind> actions = new ArrayList<>();
    f.each("actions", (item, path) -> actions.add(enumAt(f, item, path, ActionKind.class)));
    AuditLatency latency = AuditLatency.UNKNOWN;
    if (f.get("latency_ms") != null) {
      JsonFields l = f.object("latency_ms");
      latency = new AuditLatency(l.number("queue"), l.number("first_token"), l.number("total"));
    }
    return new AuditRecord(id, time, f.requiredText("client"), f.requiredText("route"), f.requiredText("model"),
        f.requiredInt("status"), f.text("finish_reason"), f.get("request"), f.text("prompt_text"), f.text("response_text"),
        f.optionalInt("prompt_tokens", 0), f.optionalInt("completion_tokens", 0), probeNames, tokens, hits,
        f.get("actions") == null ? null : actions, f.get("steer"), latency, f.text("error"));
  }

  private static AuditToken token(JsonFields t) {
    int[] ids;
    float[] values;
    JsonNode features = t.get("features");
    if (features == null) {
      ids = new int[0];
      values = new float[0];
    } else {
      if (!features.isArray()) {
        throw t.error("features", "expected an array of [id, value] pairs, got " + describe(features));
      }
      ids = new int[features.size()];
      values = new float[features.size()];
      for (int i = 0; i < ids.length; i++) {
        JsonNode pair = features.get(i);
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToInt() || !pair.get(0).isIntegralNumber()
            || pair.get(0).intValue() < 0 || !pair.get(1).isNumber()) {
          throw t.error("features[" + i + "]", "expected [id, value] with id a non-negative integer, got " + describe(pair));
        }
        ids[i] = pair.get(0).intValue();
        values[i] = pair.get(1).floatValue();
      }
    }
    double[] probes = null;
    JsonNode probeNode = t.get("probes");
    if (probeNode != null) {
      if (!probeNode.isArray()) {
        throw t.error("probes", "expected an array of numbers, got " + describe(probeNode));
      }
      probes = new double[probeNode.size()];
      for (int i = 0; i < probes.length; i++) {
        JsonNode p = probeNode.get(i);
        if (p.isNull()) {
          probes[i] = Double.NaN;
        } else if (p.isNumber()) {
          probes[i] = p.doubleValue();
        } else {
          throw t.error("probes[" + i + "]", "expected a number or null, got " + describe(p));
        }
      }
    }
    JsonNode failed = t.get("monitor_failed");
    if (failed != null && !failed.isBoolean()) {
      throw t.error("monitor_failed", "expected true or false, got " + describe(failed));
    }
    return new AuditToken(t.requiredInt("position"), t.requiredInt("token_id"), t.text("text"),
        requiredEnum(t, "source", TokenSource.class), new SparseFeatures(ids, values), probes,
        failed != null && failed.booleanValue());
  }

  private static AuditHit hit(JsonFields h) {
    return new AuditHit(h.requiredText("rule"), requiredEnum(h, "cause", HitCause.class),
        requiredEnum(h, "action", ActionKind.class), requiredEnum(h, "mode", RuleMode.class),
        requiredEnum(h, "severity", Severity.class), h.requiredInt("first_position"), h.requiredInt("last_position"),
        h.number("peak"), h.number("value"), h.text("message"));
  }

  static String describe(JsonNode n) {
    return JsonFields.describe(n);
  }

  /** A reader of one record's fields (at {@code prefix} inside it) whose problems name the record. */
  private static JsonFields fields(String recordId, String prefix, JsonNode node) {
    return new JsonFields(prefix, node, (path, problem) -> new MalformedAuditRecordException(recordId, path, problem));
  }

  private static Instant instant(JsonFields f, String field) {
    String text = f.requiredText(field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw f.error(field, "expected an ISO-8601 instant such as 2025-01-31T12:00:00Z, got '" + text + "'");
    }
  }

  private static <E extends Enum<E>> E requiredEnum(JsonFields f, String field, Class<E> type) {
    JsonNode n = f.get(field);
    if (n == null) {
      throw f.error(field, "is required");
    }
    return enumAt(f, n, f.path(field), type);
  }

  /** The constant written {@link #name} at {@code path}. */
  static <E extends Enum<E>> E enumAt(JsonFields f, JsonNode n, String path, Class<E> type) {
    String allowed = Arrays.stream(type.getEnumConstants()).map(AuditJson::name).toList().toString();
    if (!n.isTextual()) {
      throw f.errorAt(path, "expected one of " + allowed + ", got " + describe(n));
    }
    for (E e : type.getEnumConstants()) {
      if (name(e).equals(n.textValue())) {
        return e;
      }
    }
    throw f.errorAt(path, "expected one of " + allowed + ", got '" + n.textValue() + "'");
  }


  /** Typed reads of one object's fields; every failure names the record and the field's path. */
}
