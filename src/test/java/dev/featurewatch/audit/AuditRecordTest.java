package dev.featurewatch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordTest {
  @Test
  void roundTripsThroughJsonText() throws Exception {
    AuditRecord record = AuditRecords.full("chatcmpl-1");
    String line = AuditJson.MAPPER.writeValueAsString(record.toJson());
    assertFalse(line.contains("\n"), "one line: newlines in strings are escaped");
    AuditRecord back = AuditRecord.fromJson(AuditJson.MAPPER.readTree(line));
    assertEquals(record, back);
    assertTrue(Double.isNaN(back.tokens().get(0).probes()[1]), "a NaN probe score survives as null");
    assertTrue(back.tokens().get(3).monitorFailed());
    assertEquals(List.of(ActionKind.FLAG), back.actions(), "enforced actions derived from the enforced hits");
  }

  @Test
  void writesTheDocumentedFieldNames() {
    ObjectNode json = AuditRecords.full("chatcmpl-2").toJson();
    assertEquals("2025-03-01T12:00:00Z", json.get("time").asText());
    assertEquals("stop", json.get("finish_reason").asText());
    JsonNode token = json.get("tokens").get(1);
    assertEquals("prompt", token.get("source").asText());
    assertEquals("[[12,3.25],[7,0.5]]", token.get("features").toString());
    assertEquals("[0.2,0.3]", token.get("probes").toString());
    assertFalse(token.has("monitor_failed"));
    assertFalse(json.get("tokens").get(3).has("probes"), "no probes: absent");
    JsonNode failure = json.get("hits").get(1);
    assertEquals("monitor_failure", failure.get("cause").asText());
    assertEquals("shadow", failure.get("mode").asText());
    assertTrue(failure.get("peak").isNull() && failure.get("value").isNull(), "NaN written as null");
    assertEquals("[\"flag\"]", json.get("actions").toString());
    assertEquals("{\"queue\":1.5,\"first_token\":20.25,\"total\":null}", json.get("latency_ms").toString());
    assertEquals("[\"deception\",\"sycophancy\"]", json.get("probe_names").toString());
    assertFalse(json.has("error"));
  }

  @Test
  void convertsRuleHits() {
    RuleHit hit = new RuleHit("r", HitCause.CONDITION, ActionKind.STEER, RuleMode.SHADOW, Severity.WARNING, 3, 5, 2.5f, 2.0,
        null, List.of());
    AuditRecord record = AuditRecord.builder("x", AuditRecords.T0).ruleHits(List.of(hit)).build();
    assertEquals(new AuditHit("r", HitCause.CONDITION, ActionKind.STEER, RuleMode.SHADOW, Severity.WARNING, 3, 5, 2.5, 2.0,
        null), record.hits().get(0));
    assertEquals(List.of(), record.actions(), "a shadow hit enforces nothing");
  }

  @Test
  void minimalRecordNeedsOnlyTheCoreFields() throws Exception {
    AuditRecord r = AuditRecord.fromJson(AuditJson.MAPPER.readTree(
        "{\"id\":\"e1\",\"time\":\"2025-03-01T12:00:00Z\",\"client\":\"c\",\"route\":\"/r\",\"model\":\"m\",\"status\":500,"
            + "\"error\":\"model crashed\",\"future_field\":1}"));
    assertEquals("model crashed", r.error());
    assertNull(r.finishReason());
    assertNull(r.request());
    assertEquals(List.of(), r.tokens());
  }

  @Test
  void malformedRecordsNameTheFieldAtFault() throws Exception {
    ObjectNode good = AuditRecords.full("chatcmpl-3").toJson();
    assertEquals("audit record 'chatcmpl-3': field 'tokens[1].features[0]': expected [id, value] with id a non-negative "
        + "integer, got [\"x\",1]", error(good, "/tokens/1/features/0", "[\"x\", 1]"));
    assertEquals("audit record 'chatcmpl-3': field 'hits[0].action': expected one of [flag, alert, block, steer], got 'kill'",
        error(good, "/hits/0/action", "\"kill\""));
    assertEquals("audit record 'chatcmpl-3': field 'time': expected an ISO-8601 instant such as 2025-01-31T12:00:00Z, "
        + "got 'yesterday'", error(good, "/time", "\"yesterday\""));
    assertEquals("audit record 'chatcmpl-3': field 'status': expected an integer, got \"ok\"", error(good, "/status", "\"ok\""));
    assertEquals("audit record 'chatcmpl-3': field 'tokens[0].probes[0]': expected a number or null, got \"high\"",
        error(good, "/tokens/0/probes/0", "\"high\""));
    ObjectNode noId = good.deepCopy();
    noId.remove("id");
    assertEquals("audit record: field 'id': is required",
        assertThrows(MalformedAuditRecordException.class, () -> AuditRecord.fromJson(noId)).getMessage());
    assertEquals("audit record: expected a JSON object, got [1]",
        assertThrows(MalformedAuditRecordException.class, () -> AuditRecord.fromJson(AuditJson.MAPPER.readTree("[1]")))
            .getMessage());
  }

  /** Replaces the node at a JSON pointer and returns the error reading the result gives. */
  private static String error(ObjectNode good, String pointer, String replacement) throws Exception {
    ObjectNode bad = good.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = bad.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    JsonNode value = AuditJson.MAPPER.readTree(replacement);
    if (parent.isArray()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
    MalformedAuditRecordException e = assertThrows(MalformedAuditRecordException.class, () -> AuditRecord.fromJson(bad));
    return e.getMessage();
  }
}
