package dev.featurewatch.audit;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.queryparser.flexible.core.QueryNodeException;
import org.apache.lucene.queryparser.flexible.standard.StandardQueryParser;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Lucene query syntax over the audit index's fields, the way {@code DictionaryIndex} parses its
 * own: StandardQueryParser, words without a field search {@code text}, whole numbers for the point
 * fields, and a query naming an unknown field rejected (a typo would otherwise match nothing,
 * silently). Empty, {@code *} and {@code *:*} match everything.
 */
final class AuditQueryParser {
  private static final Map<String, PointsConfig> POINTS = Map.of(
      AuditIndex.FEATURE, new PointsConfig(new WholeNumberFormat(0, Integer.MAX_VALUE), Integer.class),
      AuditIndex.STATUS, new PointsConfig(new WholeNumberFormat(Integer.MIN_VALUE, Integer.MAX_VALUE), Integer.class),
      AuditIndex.TIME, new PointsConfig(new WholeNumberFormat(Long.MIN_VALUE, Long.MAX_VALUE), Long.class));

  private final Analyzer analyzer;

  AuditQueryParser(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** StandardAnalyzer for {@code text}, one exact term for every other field. */
  static Analyzer analyzer() {
    Analyzer text = new StandardAnalyzer();
    Analyzer whole = new WholeValueAnalyzer();
    return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return AuditIndex.TEXT.equals(fieldName) ? text : whole;
      }
    };
  }

  /** @throws InvalidAuditQueryException naming the query and the reason */
  Query parse(String query) {
    if (query == null || query.isBlank() || query.strip().equals("*")) {
      return new MatchAllDocsQuery();
    }
    StandardQueryParser parser = new StandardQueryParser(analyzer); // cheap, not thread-safe: one per call
    parser.setMultiFields(new CharSequence[] {AuditIndex.TEXT});
    parser.setPointsConfigMap(POINTS);
    parser.setAllowLeadingWildcard(true);
    Query parsed;
    try {
      parsed = parser.parse(query, null);
    } catch (QueryNodeException e) {
      throw new InvalidAuditQueryException(query, reason(e), e);
    } catch (RuntimeException e) { // the parser signals some malformed input (bad escapes) this way
      throw new InvalidAuditQueryException(query, String.valueOf(e.getMessage()), e);
    }
    Set<String> unknown = new TreeSet<>();
    parsed.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        if (!AuditIndex.FIELDS.contains(field)) {
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
      throw new InvalidAuditQueryException(query, "unknown field" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; fields are " + String.join(", ", AuditIndex.FIELDS), null);
    }
    return parsed;
  }

  /** The parser's reason in one line (its syntax errors keep the offending token out of the message). */
  private static String reason(QueryNodeException e) {
    if (e instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
      Token bad = p.currentToken.next;
      return bad.kind == 0 ? "syntax error: the query ends too early (an unclosed bracket or range, or a dangling operator?)"
          : "syntax error at column " + (bad.beginColumn + 1) + ": unexpected '" + bad.image + "'";
    }
    String message = String.valueOf(e.getLocalizedMessage())
        .replaceAll(" using [\\w.$]+", " as a whole number")
        .replaceAll("\\s*\\(in lexical state \\d+\\)", "")
        .strip();
    int newline = message.indexOf('\n');
    return (newline > 0 ? message.substring(0, newline) : message).replaceAll("\\s+", " ").strip();
  }
}
