package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.audit.AuditFolderSnapshot;
import dev.featurewatch.audit.AuditIndex;
import dev.featurewatch.audit.AuditQuery;
import dev.featurewatch.audit.AuditSource;
import dev.featurewatch.audit.AuditSummary;
import dev.featurewatch.audit.ReplicaSearch;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * replicas' servers may keep running and writing; a running replica can also be asked through its
 * API ({@link ServerAuditSource}).
 */
@Command(name = "search", description = "Search the audit trails of one or more replicas (folders, or running servers) with the"
    + " API's Lucene query syntax, newest first. Reads folders without writing or locking them, so servers may keep running.")
final class AuditSearchCommand implements Callable<Integer> {
  private static final int EXCERPT_CHARS = 80;

  @Spec CommandSpec spec;

  @Option(names = "--audit", paramLabel = "DIR",
      description = "An audit folder (a replica's audit.path); repeat for several replicas.")
  List<Path> folders = new ArrayList<>();

  @Option(names = "--server", paramLabel = "URL",
      description = "A running replica's address (its GET /v1/audit is asked); repeat for several.")
  List<URI> servers = new ArrayList<>();

  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:FEATUREWATCH_API_KEY}",
      description = "Bearer key for --server (a read-audit key sees every client's records); default: $FEATUREWATCH_API_KEY.")
  String apiKey;

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
    if (folders.isEmpty() && servers.isEmpty()) {
      throw new UsageException("give at least one --audit folder or --server address");
    }
    AuditQuery parsed = AuditQuery.parse(query); // a bad query fails before any folder is read
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ReplicaSearch search = open()) {
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

  /** The folders, then the servers, as replicas; the addresses are checked before any folder is opened. */
  private ReplicaSearch open() {
    List<ServerAuditSource> remote = new ArrayList<>();
    for (URI server : servers) {
      remote.add(new ServerAuditSource(server, apiKey == null || apiKey.isBlank() ? null : apiKey));
    }
    List<String> names = new ArrayList<>(folders.isEmpty() ? List.of() : ReplicaSearch.replicaNames(folders));
    List<AuditSource> sources = new ArrayList<>(ReplicaSearch.openFolders(folders));
    for (ServerAuditSource source : remote) {
      names.add(source.replicaName());
      sources.add(source);
    }
    return new ReplicaSearch(names, sources);
  }

  /** What an auditor should know about how a folder was read: its index unused, lines skipped. */
  private static void notes(ReplicaSearch search, PrintWriter err) {
    for (int i = 0; i < search.sources().size(); i++) {
      if (!(search.sources().get(i) instanceof AuditFolderSnapshot s)) {
        continue;
      }
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
    String counts = result.counts().stream()
        .map(c -> c.replica() + ": " + c.total() + (c.exact() ? "" : "+") + (c.total() == 1 && c.exact() ? " hit" : " hits"))
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
