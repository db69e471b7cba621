package dev.featurewatch.audit;

import java.util.List;

/**
 * One replica's audit trail as {@code audit search} reads it: a folder on disk
 * ({@link AuditFolderSnapshot}) or a running server's {@code GET /v1/audit}.
 */
public interface AuditSource extends AutoCloseable {

  /**
   * One search's answer.
   *
   * @param total how many records match; for a server, which does not count, at least the number returned
   * @param exact whether {@code total} is the full count
   * @param newest the newest matches, newest first
   */
  record Hits(long total, boolean exact, List<AuditSummary> newest) {
    public Hits {
      newest = List.copyOf(newest);
    }
  }

  /** The matches of {@code query}: how many, and the newest {@code limit}. */
  Hits search(AuditQuery query, int limit);

  @Override
  void close();
}
