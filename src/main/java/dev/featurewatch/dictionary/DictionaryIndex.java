package dev.featurewatch.dictionary;

import dev.featurewatch.search.FieldAnalyzers;
import dev.featurewatch.search.FieldedQueryParser;
import dev.featurewatch.search.InvalidQueryException;
import dev.featurewatch.search.StrictNumberFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index over a dictionary's entries, so rules and people can select features by what
 * they mean ({@code label:deception}, {@code label:"golden gate"}) and by how they behave ({@code
 * density:[0 TO 0.01]}).
 *
 * <p>Fields (one document per feature):
 *
 * <ul>
 *   <li>{@code label}, {@code explanation}: full text (StandardAnalyzer: lower-cased words), so
 *       the phrase {@code label:"golden gate"} matches the label "golden gate bridge"; words
 *       without a field search both; {@code label:*} matches every labelled feature;
 *   <li>{@code concept}: the concept id as one exact, case-sensitive term ({@code
 *       concept:golden_gate});
 *   <li>{@code tokens}: full text of the tokens the feature promotes and the tokens it fires on
 *       in its top examples;
 *   <li>{@code index}: the feature index, an integer point ({@code index:17}, {@code index:[0 TO
 *       99]});
 *   <li>{@code density}, {@code max_activation}, {@code confidence}: double points for ranges
 *       ({@code confidence:[0.9 TO 1]}, {@code density:{* TO 0.01]}, {@code max_activation>=5});
 *       a value the entry does not know is not indexed, so no range matches it.
 * </ul>
 *
 * <p>Queries use Lucene's standard syntax (StandardQueryParser): AND, OR, NOT, +, -, parentheses,
 * phrases, wildcards ({@code label:decept*}), ranges; the default operator is OR. A query that
 * cannot be parsed, or that names a field not listed above (a typo would otherwise silently match
 * nothing, and a rule built on it would never fire), throws {@link InvalidQueryException}.
 *
 * <p>The index is built once and never changes; reads are thread-safe (one {@link IndexSearcher}
 * over one {@link DirectoryReader}). A dictionary that changes gets a new index.
 */
public final class DictionaryIndex implements AutoCloseable {
  public static final String INDEX = "index";
  public static final String LABEL = "label";
  public static final String EXPLANATION = "explanation";
  public static final String CONCEPT = "concept";
  public static final String TOKENS = "tokens";
  public static final String DENSITY = "density";
  public static final String MAX_ACTIVATION = "max_activation";
  public static final String CONFIDENCE = "confidence";

  /** Every field a query may name, in the order error messages list them. */
  public static final List<String> FIELDS =
      List.of(LABEL, EXPLANATION, CONCEPT, TOKENS, INDEX, DENSITY, MAX_ACTIVATION, CONFIDENCE);

  private static final Map<String, PointsConfig> POINTS = Map.of(
      INDEX, new PointsConfig(StrictNumberFormat.wholeNumbers(Integer.MIN_VALUE, Integer.MAX_VALUE), Integer.class),
      DENSITY, new PointsConfig(StrictNumberFormat.decimals(), Double.class),
      MAX_ACTIVATION, new PointsConfig(StrictNumberFormat.decimals(), Double.class),
      CONFIDENCE, new PointsConfig(StrictNumberFormat.decimals(), Double.class));

  private final Directory directory;
  private final Analyzer analyzer;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final FieldedQueryParser parser;

  private DictionaryIndex(Directory directory, Analyzer analyzer) throws IOException {
    this.directory = directory;
    this.analyzer = analyzer;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.parser = new FieldedQueryParser("feature", analyzer, FIELDS, List.of(LABEL, EXPLANATION), POINTS);
  }

  /** Indexes a dictionary in memory. */
  public static DictionaryIndex inMemory(FeatureDictionary dictionary) {
    return build(new ByteBuffersDirectory(), dictionary.entries(), "memory");
  }

  /** Indexes a dictionary into a folder, replacing any index there; close it to release the folder. */
  public static DictionaryIndex onDisk(FeatureDictionary dictionary, Path folder) {
    try {
      return build(FSDirectory.open(folder), dictionary.entries(), folder.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open dictionary index folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Opens an index an earlier {@link #onDisk} wrote. */
  public static DictionaryIndex open(Path folder) {
    Directory directory = null;
    try {
      directory = FSDirectory.open(folder);
      return new DictionaryIndex(directory, analyzer());
    } catch (IOException e) {
      closeQuietly(directory, e);
      throw new UncheckedIOException("cannot open dictionary index " + folder + ": " + e.getMessage(), e);
    }
  }

  private static DictionaryIndex build(Directory directory, Collection<FeatureEntry> entries, String where) {
    Analyzer analyzer = analyzer();
    try {
      IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (FeatureEntry entry : entries) {
          writer.addDocument(document(entry));
        }
        writer.commit();
      }
      return new DictionaryIndex(directory, analyzer);
    } catch (IOException e) {
      closeQuietly(directory, e);
      throw new UncheckedIOException("cannot build dictionary index in " + where + ": " + e.getMessage(), e);
    }
  }

  /** StandardAnalyzer everywhere but the exact-match concept field. */
  private static Analyzer analyzer() {
    return FieldAnalyzers.keywordsOnly(Set.of(CONCEPT));
  }

  private static Document document(FeatureEntry e) {
    Document doc = new Document();
    doc.add(new IntPoint(INDEX, e.index()));
    doc.add(new StoredField(INDEX, e.index()));
    doc.add(new NumericDocValuesField(INDEX, e.index()));
    if (e.label() != null) {
      doc.add(new TextField(LABEL, e.label(), Field.Store.NO));
    }
    if (e.explanation() != null) {
      doc.add(new TextField(EXPLANATION, e.explanation(), Field.Store.NO));
    }
    if (e.concept() != null) {
      doc.add(new StringField(CONCEPT, e.concept(), Field.Store.NO));
    }
    for (String token : tokens(e)) {
      doc.add(new TextField(TOKENS, token, Field.Store.NO));
    }
    addDouble(doc, DENSITY, e.density());
    addDouble(doc, MAX_ACTIVATION, e.maxActivation());
    addDouble(doc, CONFIDENCE, e.confidence());
    return doc;
  }

  /** Promoted tokens, then the tokens the feature fires on in its top examples, each once. */
  private static Set<String> tokens(FeatureEntry e) {
    Set<String> tokens = new LinkedHashSet<>();
    e.topPromoted().forEach(t -> tokens.add(t.token()));
    for (ActivationExample x : e.topExamples()) {
      float[] values = x.values();
      for (int i = 0; i < values.length; i++) {
        if (values[i] > 0) {
          tokens.add(x.tokens().get(i));
        }
      }
    }
    return tokens;
  }

  private static void addDouble(Document doc, String field, double value) {
    if (!Double.isNaN(value)) {
      doc.add(new DoublePoint(field, value));
    }
  }

  /**
   * Parses a query against this index's fields.
   *
   * @throws InvalidQueryException naming the query and Lucene's reason, or the unknown field
   */
  public Query parse(String query) {
    return parser.parse(query);
  }

  /**
   * The best-matching features, best first (equal scores in index order).
   *
   * @param limit most hits to return, at least 1
   * @throws InvalidQueryException if the query is malformed
   */
  public List<FeatureHit> search(String query, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Query parsed = parse(query);
    try {
      ScoreDoc[] docs = searcher.search(parsed, limit).scoreDocs;
      List<FeatureHit> hits = new ArrayList<>(docs.length);
      var stored = searcher.storedFields();
      for (ScoreDoc d : docs) {
        hits.add(new FeatureHit(stored.document(d.doc, Set.of(INDEX)).getField(INDEX).numericValue().intValue(), d.score));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("dictionary search failed: " + e.getMessage(), e);
    }
  }

  /**
   * Every feature the query matches, in ascending index order: how rules select their features.
   *
   * @throws InvalidQueryException if the query is malformed
   */
  public int[] featureIds(String query) {
    Query parsed = parse(query);
    try {
      return searcher.search(parsed, new CollectorManager<IdCollector, int[]>() {
        @Override
        public IdCollector newCollector() {
          return new IdCollector();
        }

        @Override
        public int[] reduce(Collection<IdCollector> collectors) {
          int[] all = collectors.stream().flatMapToInt(c -> Arrays.stream(c.ids, 0, c.size)).toArray();
          Arrays.sort(all);
          return all;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("dictionary search failed: " + e.getMessage(), e);
    }
  }

  /** Number of features indexed. */
  public int size() {
    return reader.numDocs();
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(Directory directory, IOException cause) {
    if (directory != null) {
      try {
        directory.close();
      } catch (IOException suppressed) {
        cause.addSuppressed(suppressed);
      }
    }
  }

  /** Collects the index doc value of every matching document of one slice. */
  private static final class IdCollector extends SimpleCollector {
    private int[] ids = new int[16];
    private int size;
    private NumericDocValues values;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      values = DocValues.getNumeric(context.reader(), INDEX);
    }

    @Override
    public void collect(int doc) throws IOException {
      if (values.advanceExact(doc)) {
        if (size == ids.length) {
          ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = (int) values.longValue();
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
