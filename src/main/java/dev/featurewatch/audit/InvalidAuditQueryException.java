package dev.featurewatch.audit;

/**
 * An audit search query that cannot be parsed or names a field the audit index does not have. The
 * message names the query and the parser's reason in one line, fit for an API error.
 */
public final class InvalidAuditQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String query;

  InvalidAuditQueryException(String query, String reason, Throwable cause) {
    super("invalid audit query '" + query + "': " + reason, cause);
    this.query = query;
  }

  /** The query as written. */
  public String query() {
    return query;
  }
}
