package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleMode;
import dev.featurewatch.rules.Severity;
import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records for the tests: small, but with every kind of field filled. */
final class AuditRecords {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  private AuditRecords() {}

  static SparseFeatures f(Object... idValue) {
    int[] ids = new int[idValue.length / 2];
    float[] values = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (Integer) idValue[2 * i];
      values[i] = ((Number) idValue[2 * i + 1]).floatValue();
    }
    return new SparseFeatures(ids, values);
  }

  static AuditToken prompt(int position, String text, SparseFeatures features) {
    return new AuditToken(position, 100 + position, text, TokenSource.PROMPT, features, null);
  }

  static AuditToken output(int position, String text, SparseFeatures features) {
    return new AuditToken(position, 100 + position, text, TokenSource.OUTPUT, features, null);
  }

  /** A full record: request body, tokens with features and probes, a flag hit, latency. */
  static AuditRecord full(String id) {
    ObjectNode request = AuditJson.MAPPER.createObjectNode();
    request.put("model", "organism");
    request.putArray("messages").addObject().put("role", "user").put("content", "Tell me about\nthe bridge");
    List<AuditToken> tokens = new ArrayList<>();
    tokens.add(new AuditToken(0, 1, "<s>", TokenSource.PROMPT, SparseFeatures.EMPTY, new double[] {0.1, Double.NaN}));
    tokens.add(new AuditToken(1, 57, "Tell", TokenSource.PROMPT, f(12, 3.25, 7, 0.5), new double[] {0.2, 0.3}));
    tokens.add(new AuditToken(2, 88, " Golden", TokenSource.OUTPUT, f(1250, 7.125), new double[] {0.9, 0.4}));
    tokens.add(new AuditToken(3, 89, " Gate", TokenSource.OUTPUT, SparseFeatures.EMPTY, null, true));
    return AuditRecord.builder(id, T0).client("team-a").route("/v1/chat/completions").model("organism").status(200)
        .finishReason("stop").request(request).promptText("<s>Tell").responseText(" Golden Gate")
        .promptTokens(2).completionTokens(2).probeNames(List.of("deception", "sycophancy")).tokens(tokens)
        .hits(List.of(new AuditHit("bridge", HitCause.CONDITION, ActionKind.FLAG, RuleMode.ENFORCE, Severity.INFO, 2, 2,
            7.125f, 7.125, null), new AuditHit("probe-fail", HitCause.MONITOR_FAILURE, ActionKind.BLOCK, RuleMode.SHADOW,
            Severity.CRITICAL, 0, 0, Float.NaN, Double.NaN, "stopped")))
        .steer(AuditJson.MAPPER.createArrayNode().add(AuditJson.MAPPER.createObjectNode().put("feature", 1250)
            .put("mode", "pin").put("value", 0)))
        .latency(new AuditLatency(1.5, 20.25, Double.NaN)).build();
  }

  /** A small record with the given id, client, time offset and response text. */
  static AuditRecord simple(String id, String client, int seconds, String response) {
    return AuditRecord.builder(id, T0.plusSeconds(seconds)).client(client).route("/v1/chat/completions")
        .model("organism").status(200).finishReason("stop").promptText("question " + id).responseText(response)
        .tokens(List.of(prompt(0, "q", f(3, 1.0)), output(1, "a", f(4, 2.0)))).build();
  }
}
