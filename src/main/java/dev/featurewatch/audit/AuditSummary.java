package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.rules.ActionKind;
import java.time.Instant;
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
