package dev.featurewatch.search;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/** Per-field analyzers for indexes that mix prose fields with exact-match keyword fields. */
public final class FieldAnalyzers {
  private FieldAnalyzers() {}

  /** StandardAnalyzer for {@code textFields}, one exact term ({@link WholeValueAnalyzer}) for every other field. */
  public static Analyzer textOnly(Set<String> textFields) {
    return of(textFields, true);
  }

  /** One exact term for {@code keywordFields}, StandardAnalyzer for every other field. */
  public static Analyzer keywordsOnly(Set<String> keywordFields) {
    return of(keywordFields, false);
  }

  private static Analyzer of(Set<String> named, boolean namedAreText) {
    Set<String> fields = Set.copyOf(named);
    Analyzer text = new StandardAnalyzer();
    Analyzer whole = new WholeValueAnalyzer();
    return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return fields.contains(fieldName) == namedAreText ? text : whole;
      }
    };
  }
}
