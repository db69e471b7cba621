package dev.featurewatch.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.rules.CompiledRule;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleDefinition;
import dev.featurewatch.rules.RuleIndex;
import dev.featurewatch.rules.RuleProblem;
import dev.featurewatch.rules.RuleRepository;
import dev.featurewatch.rules.RuleValidationException;
import dev.featurewatch.rules.RulesNotWritableException;
import dev.featurewatch.rules.Validation;
import dev.featurewatch.search.InvalidQueryException;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules API. Rules are sent and returned as their YAML documents, exactly as they are kept in
 * the rules folder; every change is validated as a whole rule set before anything is written, and
 * the answer to a bad rule lists every problem with file, line and field. File work runs on a worker
 * pool, never the event loop.
 */
final class RulesHandler {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RuleRepository repository;
  private final WorkerExecutor workers;
  private final AtomicReference<RuleIndex> index = new AtomicReference<>();

  RulesHandler(RuleRepository repository, WorkerExecutor workers) {
    this.repository = repository;
    this.workers = workers;
  }

  /** {@code GET /v1/rules[?q=]}: every serving rule, or those a Lucene query over {@link RuleIndex#FIELDS} finds. */
  void list(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    blocking(ctx, () -> {
      CompiledRules rules = repository.current();
      List<CompiledRule> found;
      try {
        found = q == null || q.isBlank() ? rules.rules() : index(rules).search(q);
      } catch (InvalidQueryException e) {
        throw OpenAiError.invalid("q", e.getMessage());
      }
      ObjectNode root = JSON.objectNode();
      root.put("object", "list");
      ArrayNode data = root.putArray("data");
      for (CompiledRule r : found) {
        data.add(summary(r));
      }
      root.set("warnings", problems(rules.warnings()));
      root.put("hold_back", rules.holdBack());
      return root;
    }, 200);
  }

  /** The index of the serving snapshot, rebuilt when the rules change. */
  private RuleIndex index(CompiledRules rules) {
    RuleIndex current = index.get();
    if (current == null || current.rules() != rules) {
      current = RuleIndex.of(rules);
      index.set(current);
    }
    return current;
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      CompiledRule rule = repository.current().rule(id)
          .orElseThrow(() -> OpenAiError.notFound("no rule '" + id + "'"));
      ObjectNode out = summary(rule);
      out.put("source", repository.source(id).orElse(null));
      return out;
    }, 200);
  }

  void put(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String yaml = body(ctx);
    blocking(ctx, () -> {
      boolean created;
      try {
        created = repository.put(id, yaml);
      } catch (RuleValidationException e) {
        throw invalid(e.problems());
      } catch (RulesNotWritableException e) {
        throw notWritable(e);
      }
      ObjectNode out = summary(repository.current().rule(id).orElseThrow());
      out.put("created", created);
      return out;
    }, 200);
  }

  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      boolean deleted;
      try {
        deleted = repository.delete(id);
      } catch (RuleValidationException e) {
        throw invalid(e.problems());
      } catch (RulesNotWritableException e) {
        throw notWritable(e);
      }
      if (!deleted) {
        throw OpenAiError.notFound("no rule '" + id + "'");
      }
      ObjectNode out = JSON.objectNode();
      out.put("id", id);
      out.put("deleted", true);
      return out;
    }, 200);
  }

  void validate(RoutingContext ctx) {
    String yaml = body(ctx);
    blocking(ctx, () -> {
      Validation v = repository.validate(yaml);
      ObjectNode out = JSON.objectNode();
      out.put("valid", v.isValid());
      out.set("errors", problems(v.errors()));
      out.set("warnings", problems(v.warnings()));
      return out;
    }, 200);
  }

  private void blocking(RoutingContext ctx, Callable<ObjectNode> work, int status) {
    workers.executeBlocking(work, false).onComplete(r -> {
      if (r.succeeded()) {
        ApiResponses.json(ctx, status, r.result());
      } else {
        ApiResponses.failure(ctx, r.cause());
      }
    });
  }

  private static String body(RoutingContext ctx) {
    return RawBodyHandler.text(ctx);
  }

  /** 409 when the rules belong to a ConfigMap (the change goes there), 503 when the write failed; nothing changed either way. */
  private static OpenAiError notWritable(RulesNotWritableException e) {
    return e.managedElsewhere() ? new OpenAiError(409, "invalid_request_error", null, "rules_managed_elsewhere", e.getMessage())
        : new OpenAiError(503, "server_error", null, "rules_not_saved", e.getMessage());
  }

  /** 400 whose message lists every problem, one a line (file:line: field: message). */
  private static OpenAiError invalid(List<RuleProblem> problems) {
    StringBuilder message = new StringBuilder("the rule is not valid:");
    for (RuleProblem p : problems) {
      message.append('\n').append(p);
    }
    return OpenAiError.invalid(problems.isEmpty() ? null : problems.get(0).field(), "invalid_rule", message.toString());
  }

  private static ObjectNode summary(CompiledRule rule) {
    RuleDefinition d = rule.definition();
    ObjectNode o = JSON.objectNode();
    o.put("id", d.id());
    o.put("description", d.description());
    o.put("mode", lower(d.mode()));
    o.put("severity", lower(d.severity()));
    o.put("action", lower(d.action().kind()));
    o.put("scope", lower(d.condition().scope()));
    o.put("aggregate", lower(d.condition().aggregate()));
    o.put("window", d.condition().window());
    o.put("threshold", d.condition().threshold());
    o.put("hold_back", d.holdBack());
    o.put("on_monitor_failure", lower(d.onMonitorFailure()));
    ArrayNode features = o.putArray("features");
    for (int f : rule.features()) {
      features.add(f);
    }
    o.put("file", d.origin().file());
    o.put("line", d.origin().line());
    return o;
  }

  private static ArrayNode problems(List<RuleProblem> problems) {
    ArrayNode out = JSON.arrayNode();
    for (RuleProblem p : problems) {
      out.addObject().put("file", p.file()).put("line", p.line()).put("field", p.field()).put("message", p.message());
    }
    return out;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
