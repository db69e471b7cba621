package dev.featurewatch.audit;

import org.apache.lucene.search.Query;

/**
 * A query over the audit index's fields, parsed once: the syntax of {@code GET /v1/audit?q=}
 * ({@link AuditQueryParser}, fields in {@link AuditIndex#FIELDS}). Lets a caller that searches
 * several folders refuse a bad query before opening any of them.
 */
public final class AuditQuery {
  private final String text;
  private final Query query;

  private AuditQuery(String text, Query query) {
    this.text = text;
    this.query = query;
  }

  /**
   * Empty, {@code *} and {@code *:*} match everything.
   *
   * @throws dev.featurewatch.search.InvalidQueryException naming the query and the reason
   */
  public static AuditQuery parse(String text) {
    return new AuditQuery(text == null ? "" : text, new AuditQueryParser(AuditQueryParser.analyzer()).parse(text));
  }

  /** The query as written. */
  public String text() {
    return text;
  }

  Query lucene() {
    return query;
  }

  @Override
  public String toString() {
    return text;
  }
}
