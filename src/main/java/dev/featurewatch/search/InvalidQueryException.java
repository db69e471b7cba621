package dev.featurewatch.search;

/**
 * A query that cannot be parsed or names a field its index does not have. The message names the
 * kind of query, the query and the reason, in one line, fit to show the person who wrote it (in a
 * rule file, an API error, a search box).
 */
public final class InvalidQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String query;

  InvalidQueryException(String kind, String query, String reason, Throwable cause) {
    super("invalid " + kind + " query '" + query + "': " + reason, cause);
    this.query = query;
  }

  /** The query as written. */
  public String query() {
    return query;
  }
}
