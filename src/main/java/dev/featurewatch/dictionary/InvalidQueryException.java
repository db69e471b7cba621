package dev.featurewatch.dictionary;

/**
 * A dictionary query that cannot be parsed or names a field the dictionary does not have. The
 * message names the query and the reason, in one line, fit to show a person who wrote a rule.
 */
public final class InvalidQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String query;

  InvalidQueryException(String query, String reason, Throwable cause) {
    super("invalid feature query '" + query + "': " + reason, cause);
    this.query = query;
  }

  /** The query as written. */
  public String query() {
    return query;
  }
}
