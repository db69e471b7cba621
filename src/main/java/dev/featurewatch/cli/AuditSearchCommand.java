package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.audit.AuditFolderSnapshot;
import dev.featurewatch.audit.AuditIndex;
import dev.featurewatch.audit.AuditQuery;
import dev.featurewatch.audit.AuditSummary;
import dev.featurewatch.audit.ReplicaSearch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code audit search}: the audit trail of several replicas searched as one, with the query syntax
 * of {@code GET /v1/audit?q=}. Each folder is opened read-only ({@link AuditFolderSnapshot}), so the
 * replicas' servers may keep running and writing.
 */
@Command(name = "search", description = "Search one or more audit folders (one per replica) with the API's Lucene query syntax,"
    + " newest first. Reads the folders without writing or locking them, so servers may keep running.")
final class AuditSearchCommand implements Callable<Integer> {
  private static final int EXCERPT_CHARS = 80;

  @Spec CommandSpec spec;

  @Option(names = "--audit", required = true, paramLabel = "DIR",
      description = "An audit folder (a replica's audit.path); repeat for several replicas.")
  List<Path> folders;

  @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "Most records shown, newest first of all folders (default 50).")
  int limit;

  @Option(names = "--json", description = "One JSON object per record (its summary and replica); the per-folder counts go to stderr.")
  boolean json;

  @Parameters(index = "0", arity = "0..1", defaultValue = "*", paramLabel = "QUERY",
      description = "Lucene query over id client route model rule action shadow_action mode severity finish_reason"
          + " feature text status time, as GET /v1/audit?q= (default *: everything).")
  String query;

  @Override
  public Integer call() {
    if (limit < 1 || limit > AuditIndex.MAX_LIMIT) {
      throw new UsageException("--limit must be between 1 and " + AuditIndex.MAX_LIMIT + ", got " + limit);
    }
    AuditQuery parsed = AuditQuery.parse(query); // a bad query fails before any folder is read
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ReplicaSearch search = ReplicaSearch.open(folders)) {
      notes(search, err);
      ReplicaSearch.Result result = search.search(parsed, limit);
      (json ? err : out).println(header(result));
      for (ReplicaSearch.Hit h : result.hits()) {
        out.println(json ? json(h) : line(h));
      }
    }
    out.flush();
    err.flush();
    return 0;
  }

  /** What an auditor should know about how a folder was read: its index unused, lines skipped. */
  private static void notes(ReplicaSearch search, PrintWriter err) {
    for (int i = 0; i < search.snapshots().size(); i++) {
      AuditFolderSnapshot s = search.snapshots().get(i);
      String replica = search.replicas().get(i);
      if (s.indexProblem() != null) {
        err.println(replica + ": its index was not used (" + s.indexProblem() + "); indexed " + s.recordsFromLog()
            + " records from the log in memory");
      }
      if (s.unreadableLines() > 0) {
        err.println(replica + ": skipped " + s.unreadableLines() + " unreadable log lines");
      }
    }
  }

  static String header(ReplicaSearch.Result result) {
    String counts = result.counts().stream().map(c -> c.replica() + ": " + c.total() + (c.total() == 1 ? " hit" : " hits"))
        .collect(Collectors.joining(", "));
    return counts + " (" + result.hits().size() + " shown, newest first)";
  }

  static String line(ReplicaSearch.Hit h) {
    AuditSummary s = h.summary();
    String actions = s.actions().stream().map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    return String.join("  ", s.time().toString(), h.replica(), s.id(), "client=" + orDash(s.client()),
        "model=" + orDash(s.model()), "actions=" + orDash(actions), "rules=" + orDash(String.join(",", s.rules())),
        excerpt(s.snippet()));
  }

  static String json(ReplicaSearch.Hit h) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("replica", h.replica());
    o.setAll(h.summary().toJson());
    return o.toString();
  }

  private static String excerpt(String snippet) {
    String s = snippet == null ? "" : snippet;
    return s.length() <= EXCERPT_CHARS ? s : s.substring(0, EXCERPT_CHARS - 1) + "…";
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
