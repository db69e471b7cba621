package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.sae.SparseFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One exchange of the server as the audit log keeps it: who asked what, what was answered, every
 * monitored token with its active features, and what the rules did. Plain data; one JSON object a
 * line in the log ({@link #toJson}, {@link #fromJson}: snake_case names, enums in lower case, NaN
 * as null).
 *
 * <p>Build one with {@link #builder(String, Instant)}. {@code actions} defaults to the distinct
 * actions of the enforced hits, in order, which is what the server enforces.
 *
 * @param id the exchange's unique id (the response id, e.g. {@code chatcmpl-...})
 * @param time when the request arrived
 * @param client the caller's identity ({@code anonymous} or an API key's client name)
 * @param route the HTTP route, e.g. {@code /v1/chat/completions}
 * @param model the model name
 * @param status the HTTP status answered
 * @param finishReason OpenAI's finish reason, or null (an error)
 * @param request the request body verbatim, or null when it could not be read
 * @param promptText the templated prompt
 * @param responseText the output text actually sent
 * @param probeNames the names of the probe scores of each token's {@code probes}, in order
 * @param tokens the monitored tokens, in position order
 * @param hits every rule hit, in order
 * @param actions the distinct actions enforced
 * @param steer the request's own steering ({@code featurewatch.steer}) as given, or null
 * @param error what went wrong for a failed exchange, or null
 */
public record AuditRecord(
    String id,
    Instant time,
    String client,
    String route,
    String model,
    int status,
    String finishReason,
    JsonNode request,
    String promptText,
    String responseText,
    int promptTokens,
    int completionTokens,
    List<String> probeNames,
    List<AuditToken> tokens,
    List<AuditHit> hits,
    List<ActionKind> actions,
    JsonNode steer,
    AuditLatency latency,
    String error) {

  public AuditRecord {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an audit record needs an id");
    }
    Objects.requireNonNull(time, "time");
    client = client == null ? "" : client;
    route = route == null ? "" : route;
    model = model == null ? "" : model;
    promptText = promptText == null ? "" : promptText;
    responseText = responseText == null ? "" : responseText;
    probeNames = probeNames == null ? List.of() : List.copyOf(probeNames);
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    hits = hits == null ? List.of() : List.copyOf(hits);
    actions = actions == null ? enforcedActions(hits) : List.copyOf(new LinkedHashSet<>(actions));
    latency = latency == null ? AuditLatency.UNKNOWN : latency;
  }

  /** The distinct actions of the enforced hits, in the order they first appear. */
  public static List<ActionKind> enforcedActions(List<AuditHit> hits) {
    Set<ActionKind> enforced = new LinkedHashSet<>();
    for (AuditHit h : hits) {
      if (h.isEnforced()) {
        enforced.add(h.action());
      }
    }
    return List.copyOf(enforced);
  }

  public static Builder builder(String id, Instant time) {
    return new Builder(id, time);
  }

  /** A builder holding this record's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id, time).client(client).route(route).model(model).status(status).finishReason(finishReason)
        .request(request).promptText(promptText).responseText(responseText).promptTokens(promptTokens)
        .completionTokens(completionTokens).probeNames(probeNames).tokens(tokens).hits(hits).steer(steer)
        .latency(latency).error(error);
    b.actions = actions;
    return b;
  }

  /** The record as one JSON object (the form of a log line). */
  public ObjectNode toJson() {
    return AuditJson.toJson(this);
  }

  /**
   * Reads a record {@link #toJson} wrote. Unknown fields are ignored.
   *
   * @throws MalformedAuditRecordException naming the record and the field path at fault
   */
  public static AuditRecord fromJson(JsonNode json) {
    return AuditJson.fromJson(json);
  }

  /** The {@code features} array of a token: {@code [[id, value], ...]}, strongest first. */
  public static ArrayNode featuresToJson(SparseFeatures features) {
    return AuditJson.features(features);
  }

  /** Builds an {@link AuditRecord}; every field but id and time may be left out. */
  public static final class Builder {
    private final String id;
    private final Instant time;
    private String client;
    private String route;
    private String model;
    private int status;
    private String finishReason;
    private JsonNode request;
    private String promptText;
    private String responseText;
    private int promptTokens;
    private int completionTokens;
    private List<String> probeNames;
    private List<AuditToken> tokens;
    private List<AuditHit> hits;
    private List<ActionKind> actions;
    private JsonNode steer;
    private AuditLatency latency;
    private String error;

    private Builder(String id, Instant time) {
      this.id = id;
      this.time = time;
    }

    public Builder client(String client) {
      this.client = client;
      return this;
    }

    public Builder route(String route) {
      this.route = route;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder finishReason(String finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    public Builder request(JsonNode request) {
      this.request = request;
      return this;
    }

    public Builder promptText(String promptText) {
      this.promptText = promptText;
      return this;
    }

    public Builder responseText(String responseText) {
      this.responseText = responseText;
      return this;
    }

    public Builder promptTokens(int promptTokens) {
      this.promptTokens = promptTokens;
      return this;
    }

    public Builder completionTokens(int completionTokens) {
      this.completionTokens = completionTokens;
      return this;
    }

    public Builder probeNames(List<String> probeNames) {
      this.probeNames = probeNames;
      return this;
    }

    public Builder tokens(List<AuditToken> tokens) {
      this.tokens = tokens;
      return this;
    }

    public Builder hits(List<AuditHit> hits) {
      this.hits = hits;
      return this;
    }

    /** The evaluator's hits, converted. */
    public Builder ruleHits(List<RuleHit> ruleHits) {
      List<AuditHit> converted = new ArrayList<>(ruleHits.size());
      for (RuleHit h : ruleHits) {
        converted.add(AuditHit.of(h));
      }
      this.hits = converted;
      return this;
    }

    /** The actions enforced; when not set, those of the enforced hits. */
    public Builder actions(List<ActionKind> actions) {
      this.actions = actions;
      return this;
    }

    public Builder steer(JsonNode steer) {
      this.steer = steer;
      return this;
    }

    public Builder latency(AuditLatency latency) {
      this.latency = latency;
      return this;
    }

    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public AuditRecord build() {
      return new AuditRecord(id, time, client, route, model, status, finishReason, request, promptText, responseText,
          promptTokens, completionTokens, probeNames, tokens, hits, actions, steer, latency, error);
    }
  }
}
