package dev.featurewatch.search;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.flexible.core.QueryNodeException;
import org.apache.lucene.queryparser.flexible.standard.StandardQueryParser;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Lucene's standard query syntax (StandardQueryParser: AND, OR, NOT, +, -, parentheses, phrases,
 * wildcards, ranges) over one index's fields, the way every FeatureWatch search box reads it: words
 * without a field go to the default fields, point fields take strict numbers, and a query naming a
 * field the index does not have is refused rather than left to match nothing (a typo in a rule would
 * otherwise make it silently never fire). Thread-safe: a parser is made per call.
 */
public final class FieldedQueryParser {
  private final String kind;
  private final Analyzer analyzer;
  private final List<String> fields;
  private final CharSequence[] defaultFields;
  private final Map<String, PointsConfig> points;

  /**
   * @param kind what the queries search, for messages ("feature", "audit", "rule")
   * @param analyzer the analyzer the index was written with
   * @param fields every field a query may name, in the order messages list them
   * @param defaultFields where words without a field go
   * @param points the numeric fields and how their numbers are read
   */
  public FieldedQueryParser(String kind, Analyzer analyzer, List<String> fields, List<String> defaultFields,
      Map<String, PointsConfig> points) {
    this.kind = kind;
    this.analyzer = analyzer;
    this.fields = List.copyOf(fields);
    this.defaultFields = defaultFields.toArray(new CharSequence[0]);
    this.points = Map.copyOf(points);
  }

  /** @throws InvalidQueryException naming the query and the reason */
  public Query parse(String query) {
    if (query == null || query.isBlank()) {
      throw new InvalidQueryException(kind, query == null ? "" : query, "the query is empty", null);
    }
    StandardQueryParser parser = new StandardQueryParser(analyzer); // cheap, not thread-safe: one per call
    parser.setMultiFields(defaultFields);
    parser.setPointsConfigMap(points);
    parser.setAllowLeadingWildcard(true); // label:* (labelled features); the indexes are small
    Query parsed;
    try {
      parsed = parser.parse(query, null); // field-less terms go to the default fields
    } catch (QueryNodeException e) {
      throw new InvalidQueryException(kind, query, reason(e), e);
    } catch (RuntimeException e) { // the parser signals some malformed input (bad escapes) this way
      throw new InvalidQueryException(kind, query, String.valueOf(e.getMessage()), e);
    }
    Set<String> unknown = new TreeSet<>();
    parsed.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        if (!fields.contains(field)) {
          unknown.add(field);
        }
        return true;
      }

      @Override
      public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        return this;
      }
    });
    if (!unknown.isEmpty()) {
      throw new InvalidQueryException(kind, query, "unknown field" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; fields are " + String.join(", ", fields), null);
    }
    return parsed;
  }

  /**
   * Lucene's reason in one line. The flexible parser's syntax errors carry the offending token but
   * not in their message, so that is rebuilt from the token.
   */
  private static String reason(QueryNodeException e) {
    if (e instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
      Token bad = p.currentToken.next;
      return bad.kind == 0 ? "syntax error: the query ends too early (an unclosed bracket or range, or a dangling operator?)"
          : "syntax error at column " + (bad.beginColumn + 1) + ": unexpected '" + bad.image + "'"; // columns count from 0
    }
    String message = String.valueOf(e.getLocalizedMessage())
        .replaceAll(" using [\\w.$]+", " as a number") // names our NumberFormat class otherwise
        .replaceAll("\\s*\\(in lexical state \\d+\\)", "")
        .strip();
    int newline = message.indexOf('\n');
    return (newline > 0 ? message.substring(0, newline) : message).replaceAll("\\s+", " ").strip();
  }
}
