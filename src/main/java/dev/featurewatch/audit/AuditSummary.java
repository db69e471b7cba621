package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.json.JsonFields;
import dev.featurewatch.rules.ActionKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One search hit: what a result list shows, read from the index alone. {@link AuditIndex#get} or
 * the log's {@code read(position)} gives the whole record.
 *
 * @param rules the rules that hit, each once, in the order they first hit
 * @param actions the actions enforced
 * @param snippet the start of the response text (of the prompt when there is no response)
 */
public record AuditSummary(String id, Instant time, String client, String route, String model, int status,
    String finishReason, List<String> rules, List<ActionKind> actions, String snippet, AuditPosition position) {

  public AuditSummary {
    rules = List.copyOf(rules);
    actions = List.copyOf(actions);
  }

  /**
   * Reads the form {@link #toJson} writes (a server's {@code GET /v1/audit} answer).
   *
   * @param errors how a problem is reported (which server's answer it was)
   */
  public static AuditSummary fromJson(JsonNode json, JsonFields.Errors errors) {
    JsonFields f = new JsonFields("", json, errors);
    Instant time;
    try {
      time = Instant.parse(f.requiredText("time"));
    } catch (DateTimeParseException e) {
      throw f.error("time", "expected an ISO-8601 instant, got " + JsonFields.describe(f.get("time")));
    }
    AuditPosition position;
    try {
      position = AuditPosition.parse(f.requiredText("position"));
    } catch (IllegalArgumentException e) {
      throw f.error("position", e.getMessage());
    }
    List<String> rules = new ArrayList<>();
    f.each("rules", (item, path) -> rules.add(f.textAt(item, path)));
    List<ActionKind> actions = new ArrayList<>();
    f.each("actions", (item, path) -> actions.add(AuditJson.enumAt(f, item, path, ActionKind.class)));
    return new AuditSummary(f.requiredText("id"), time, f.text("client"), f.text("route"), f.text("model"),
        f.requiredInt("status"), f.text("finish_reason"), rules, actions, f.text("snippet"), position);
  }

  public ObjectNode toJson() {
    ObjectNode o = AuditJson.MAPPER.createObjectNode();
    o.put("id", id);
    o.put("time", time.toString());
    o.put("client", client);
    o.put("route", route);
    o.put("model", model);
    o.put("status", status);
    o.put("finish_reason", finishReason);
    ArrayNode r = o.putArray("rules");
    rules.forEach(r::add);
    ArrayNode a = o.putArray("actions");
    actions.forEach(x -> a.add(AuditJson.name(x)));
    o.put("snippet", snippet);
    o.put("position", position.toString());
    return o;
  }
}
