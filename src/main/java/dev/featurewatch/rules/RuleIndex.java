package dev.featurewatch.rules;

import dev.featurewatch.search.FieldAnalyzers;
import dev.featurewatch.search.FieldedQueryParser;
import dev.featurewatch.search.InvalidQueryException;
import dev.featurewatch.search.StrictNumberFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A rule set in Lucene, to find rules the way features and exchanges are found: {@code
 * severity:critical AND action:block}, {@code feature:1250} (the rules that read a feature),
 * {@code probe:deception}, words of the description. Built in memory from one {@link
 * CompiledRules} snapshot and read-only; the hot path never touches it (it reads the snapshot's
 * feature → rules map).
 */
public final class RuleIndex {
  public static final String ID = "id";
  public static final String DESCRIPTION = "description";
  public static final String MODE = "mode";
  public static final String SEVERITY = "severity";
  public static final String ACTION = "action";
  public static final String SCOPE = "scope";
  public static final String PROBE = "probe";
  public static final String QUERY = "query";
  public static final String FEATURE = "feature";
  public static final String FILE = "file";
  /** Every field a query may name. */
  public static final List<String> FIELDS = List.of(ID, DESCRIPTION, MODE, SEVERITY, ACTION, SCOPE, PROBE, QUERY, FEATURE, FILE);

  private static final String ORDINAL = "ordinal";
  private static final Map<String, PointsConfig> POINTS =
      Map.of(FEATURE, new PointsConfig(StrictNumberFormat.wholeNumbers(0, Integer.MAX_VALUE), Integer.class));

  private final CompiledRules rules;
  private final IndexSearcher searcher;
  private final FieldedQueryParser parser;

  private RuleIndex(CompiledRules rules, IndexSearcher searcher, Analyzer analyzer) {
    this.rules = rules;
    this.searcher = searcher;
    this.parser = new FieldedQueryParser("rule", analyzer, FIELDS, List.of(ID, DESCRIPTION), POINTS);
  }

  /** Indexes a snapshot's rules. */
  public static RuleIndex of(CompiledRules rules) {
    Analyzer analyzer = analyzer();
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      for (CompiledRule r : rules.rules()) {
        writer.addDocument(document(r));
      }
      writer.commit();
      return new RuleIndex(rules, new IndexSearcher(DirectoryReader.open(directory)), analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index rules in memory: " + e.getMessage(), e);
    }
  }

  private static Document document(CompiledRule r) {
    RuleDefinition d = r.definition();
    Document doc = new Document();
    doc.add(new StoredField(ORDINAL, r.ordinal()));
    doc.add(new StringField(ID, d.id(), Field.Store.NO));
    if (d.description() != null) {
      doc.add(new TextField(DESCRIPTION, d.description(), Field.Store.NO));
    }
    doc.add(new StringField(MODE, lower(d.mode()), Field.Store.NO));
    doc.add(new StringField(SEVERITY, lower(d.severity()), Field.Store.NO));
    doc.add(new StringField(ACTION, lower(d.action().kind()), Field.Store.NO));
    doc.add(new StringField(SCOPE, lower(d.condition().scope()), Field.Store.NO));
    if (d.selection() instanceof Selection.Probe p) {
      doc.add(new StringField(PROBE, p.name(), Field.Store.NO));
    } else if (d.selection() instanceof Selection.Query q) {
      doc.add(new TextField(QUERY, q.query(), Field.Store.NO));
    }
    for (int f : r.features()) {
      doc.add(new IntPoint(FEATURE, f));
    }
    doc.add(new StringField(FILE, d.origin().file(), Field.Store.NO));
    return doc;
  }

  /** StandardAnalyzer for the description and a selection's query text, one exact term for every other field. */
  private static Analyzer analyzer() {
    return FieldAnalyzers.textOnly(Set.of(DESCRIPTION, QUERY));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The snapshot this index was built from. */
  public CompiledRules rules() {
    return rules;
  }

  /**
   * The rules a query matches, in rule order.
   *
   * @throws InvalidQueryException when the query does not parse or names an unknown field
   */
  public List<CompiledRule> search(String query) {
    try {
      ScoreDoc[] hits = searcher.search(parser.parse(query), Math.max(1, rules.size()),
          new Sort(SortField.FIELD_DOC)).scoreDocs;
      List<CompiledRule> found = new ArrayList<>(hits.length);
      for (ScoreDoc hit : hits) {
        int ordinal = searcher.storedFields().document(hit.doc).getField(ORDINAL).numericValue().intValue();
        found.add(rules.rules().get(ordinal));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
