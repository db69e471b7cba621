package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.audit.AuditIndex;
import dev.featurewatch.audit.AuditRecord;
import dev.featurewatch.audit.AuditReplay;
import dev.featurewatch.audit.AuditSummary;
import dev.featurewatch.search.InvalidQueryException;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleRepository;
import dev.featurewatch.rules.RuleValidationException;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The audit API: {@code GET /v1/audit?q=&from=&to=&limit=} (Lucene syntax over rule, action, shadow_action, mode,
 * severity, feature, text, client, route, status, finish_reason; times as ISO-8601 instants),
 * {@code GET /v1/audit/{id}} (the whole record), and {@code POST /v1/audit/replay}: the exchanges a
 * query finds, re-judged under other rules ({@code rules}: YAML documents; the serving rules when
 * absent), with what would change. Index and log work runs on a worker pool.
 */
final class AuditHandler {
  private static final int DEFAULT_LIMIT = 50;
  private static final int DEFAULT_REPLAY_LIMIT = 1000;

  private final AuditIndex index;
  private final RuleRepository rules;
  private final WorkerExecutor workers;

  AuditHandler(AuditIndex index, RuleRepository rules, WorkerExecutor workers) {
    this.index = index;
    this.rules = rules;
    this.workers = workers;
  }

  void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    Instant from;
    Instant to;
    int limit;
    try {
      from = instant("from", ctx.queryParams().get("from"));
      to = instant("to", ctx.queryParams().get("to"));
      limit = limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT);
    } catch (OpenAiError e) {
      ApiResponses.error(ctx, e);
      return;
    }
    String only = ownRecordsOnly(ctx);
    blocking(ctx, () -> {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("object", "list");
      ArrayNode data = root.putArray("data");
      for (AuditSummary s : find(q, from, to, limit, only)) {
        data.add(s.toJson());
      }
      return root;
    });
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String only = ownRecordsOnly(ctx);
    blocking(ctx, () -> {
      index.sync();
      return index.get(id).filter(r -> only == null || only.equals(r.client())).map(AuditRecord::toJson)
          .orElseThrow(() -> OpenAiError.notFound("no audit record '" + id + "'")); // another client's: as if absent
    });
  }

  void replay(RoutingContext ctx) {
    JsonNode body;
    String q;
    Instant from;
    Instant to;
    int limit;
    String yaml;
    try {
      body = RequestJson.parseObject(ctx);
      q = Params.optionalString(body, "q");
      from = instant("from", Params.optionalString(body, "from"));
      to = instant("to", Params.optionalString(body, "to"));
      Long n = Params.optionalInteger(body, "limit", 1, AuditIndex.MAX_LIMIT);
      limit = n == null ? DEFAULT_REPLAY_LIMIT : n.intValue();
      yaml = Params.optionalString(body, "rules");
    } catch (OpenAiError e) {
      ApiResponses.error(ctx, e);
      return;
    }
    blocking(ctx, () -> {
      CompiledRules under;
      try {
        under = yaml == null ? rules.current() : rules.compile(yaml);
      } catch (RuleValidationException e) {
        throw OpenAiError.invalid("rules", "invalid_rule", "the rules are not valid:\n" + e.getMessage());
      }
      List<AuditRecord> records = new ArrayList<>();
      for (AuditSummary s : find(q, from, to, limit, null)) { // replay needs admin, which sees everything
        index.get(s.id()).ifPresent(records::add);
      }
      ObjectNode report = new AuditReplay(under).replay(records, n -> { }).toJson();
      report.put("judged_by", yaml == null ? "serving rules" : "rules given");
      return report;
    });
  }

  /** The caller's own client name when it may not read everyone's records, else null. */
  private static String ownRecordsOnly(RoutingContext ctx) {
    ApiClient caller = Authentication.client(ctx);
    return caller.may(Scope.READ_AUDIT) ? null : caller.name();
  }

  private List<AuditSummary> find(String q, Instant from, Instant to, int limit, String onlyClient) {
    index.sync(); // an exchange just answered is searchable at once
    try {
      return index.search(q, from, to, limit, onlyClient);
    } catch (InvalidQueryException e) {
      throw OpenAiError.invalid("q", e.getMessage());
    }
  }

  private void blocking(RoutingContext ctx, Callable<ObjectNode> work) {
    workers.executeBlocking(work, false).onComplete(r -> {
      if (r.succeeded()) {
        ApiResponses.json(ctx, 200, r.result());
      } else {
        ApiResponses.failure(ctx, r.cause());
      }
    });
  }

  private static Instant instant(String param, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw OpenAiError.invalid(param, param + " must be an ISO-8601 instant such as 2026-11-25T12:00:00Z, got '" + text + "'");
    }
  }

  private static int limit(String text, int absent) {
    if (text == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= AuditIndex.MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw OpenAiError.invalid("limit", "limit must be a whole number from 1 to " + AuditIndex.MAX_LIMIT + ", got '" + text + "'");
  }
}
