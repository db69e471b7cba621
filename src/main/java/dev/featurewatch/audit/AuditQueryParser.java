package dev.featurewatch.audit;

import dev.featurewatch.search.FieldAnalyzers;
import dev.featurewatch.search.FieldedQueryParser;
import dev.featurewatch.search.InvalidQueryException;
import dev.featurewatch.search.StrictNumberFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Lucene query syntax over the audit index's fields ({@link FieldedQueryParser}, as every search in
 * FeatureWatch): words without a field search {@code text}, whole numbers for the point fields, a
 * query naming an unknown field refused. Empty, {@code *} and {@code *:*} match everything.
 */
final class AuditQueryParser {
  private static final Map<String, PointsConfig> POINTS = Map.of(
      AuditIndex.FEATURE, new PointsConfig(StrictNumberFormat.wholeNumbers(0, Integer.MAX_VALUE), Integer.class),
      AuditIndex.STATUS, new PointsConfig(StrictNumberFormat.wholeNumbers(Integer.MIN_VALUE, Integer.MAX_VALUE), Integer.class),
      AuditIndex.TIME, new PointsConfig(StrictNumberFormat.wholeNumbers(Long.MIN_VALUE, Long.MAX_VALUE), Long.class));

  private final FieldedQueryParser parser;

  AuditQueryParser(Analyzer analyzer) {
    this.parser = new FieldedQueryParser("audit", analyzer, AuditIndex.FIELDS, List.of(AuditIndex.TEXT), POINTS);
  }

  /** StandardAnalyzer for {@code text}, one exact term for every other field. */
  static Analyzer analyzer() {
    return FieldAnalyzers.textOnly(Set.of(AuditIndex.TEXT));
  }

  /**
   * Empty, {@code *} and {@code *:*} match everything.
   *
   * @throws InvalidQueryException naming the query and the reason
   */
  Query parse(String query) {
    if (query == null || query.isBlank() || query.strip().equals("*") || query.strip().equals("*:*")) {
      return new MatchAllDocsQuery();
    }
    return parser.parse(query);
  }
}
