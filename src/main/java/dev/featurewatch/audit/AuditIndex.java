package dev.featurewatch.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index over an {@link AuditLog}, kept up to date as the log is written, so traffic can be
 * searched by rule, action, feature, client and text.
 *
 * <p>Fields a query may name (Lucene's standard syntax: AND, OR, NOT, phrases, wildcards, ranges;
 * words without a field search {@code text}):
 *
 * <ul>
 *   <li>{@code id}, {@code client}, {@code route}, {@code model}, {@code finish_reason}: one exact
 *       term each ({@code client:team-a}; quote values with slashes: {@code route:"/v1/chat/completions"});
 *   <li>{@code rule}, {@code action}, {@code mode}, {@code severity}: one term per distinct value
 *       among the record's hits ({@code action} also holds the enforced actions), lower case as in
 *       the log ({@code action:block AND mode:enforce});
 *   <li>{@code feature}: every SAE feature active on any token, an integer point ({@code
 *       feature:1250}, {@code feature:[1000 TO 1100]});
 *   <li>{@code text}: prompt and response text, StandardAnalyzer ({@code text:"golden gate"});
 *   <li>{@code status}: HTTP status, an integer point ({@code status:[500 TO 599]});
 *   <li>{@code time}: epoch milliseconds, a long point (the {@code from}/{@code to} arguments of
 *       {@link #search} are usually handier).
 * </ul>
 *
 * <p>Staying current: the index reads the log itself, in log order, up to the log's acknowledged
 * end ({@link AuditLog#end()}): a background thread wakes after every batch the log writes,
 * indexes the new lines and refreshes a near-real-time searcher, so a record is searchable
 * moments after its append completes ({@link #sync()} waits for it). A document is keyed by its
 * log position, so indexing a line twice replaces it. Commits happen every {@code commitInterval}
 * and on close, and each records in its user data how far into the log it has indexed; opening
 * indexes whatever the log holds past that point (a crash between a log write and the next commit
 * loses nothing, and a deleted index folder is rebuilt from the log).
 */
public final class AuditIndex implements AutoCloseable {
  public static final String ID = "id";
  public static final String CLIENT = "client";
  public static final String ROUTE = "route";
  public static final String MODEL = "model";
  public static final String RULE = "rule";
  /** Actions enforced (a shadow hit's action is under {@link #SHADOW_ACTION}). */
  public static final String ACTION = "action";
  /** Actions shadow rules would have taken. */
  public static final String SHADOW_ACTION = "shadow_action";
  public static final String MODE = "mode";
  public static final String SEVERITY = "severity";
  public static final String FINISH_REASON = "finish_reason";
  public static final String FEATURE = "feature";
  public static final String TEXT = "text";
  public static final String STATUS = "status";
  public static final String TIME = "time";

  /** Every field a query may name, in the order error messages list them. */
  public static final List<String> FIELDS =
      List.of(ID, CLIENT, ROUTE, MODEL, RULE, ACTION, SHADOW_ACTION, MODE, SEVERITY, FINISH_REASON, FEATURE, TEXT, STATUS, TIME);

  /** Most results one search returns. */
  public static final int MAX_LIMIT = 10_000;

  private static final String FORMAT_KEY = "featurewatch_audit_index";
  private static final String FORMAT = "2"; // 2: shadow hits' actions apart
  private static final String SEGMENT_KEY = "log_segment";
  private static final String OFFSET_KEY = "log_offset";
  private static final Sort NEWEST_FIRST =
      new Sort(new SortField(TIME, SortField.Type.LONG, true), new SortField(AuditDocuments.ORDER, SortField.Type.LONG, true));
  private static final int PROGRESS_EVERY = 1000;

  /** Reports a catch-up's progress: records indexed and log bytes read so far, of the total to read. */
  public interface Progress {
    Progress NONE = (records, bytesRead, bytesTotal) -> {};

    void onProgress(long records, long bytesRead, long bytesTotal);
  }

  private final AuditLog log;
  private final Path folder;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AuditQueryParser parser;
  private final long commitIntervalNanos;
  private final Object signal = new Object();
  private final Runnable unwatch;
  private final Thread indexer;
  private volatile AuditOffset indexed; // written under this
  private boolean uncommitted; // guarded by this
  private boolean woken; // guarded by signal
  private volatile boolean closing;
  private volatile RuntimeException failure;

  private AuditIndex(AuditLog log, Path folder, Duration commitInterval, Progress progress) throws IOException {
    this.log = log;
    this.folder = folder;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.parser = new AuditQueryParser(AuditQueryParser.analyzer());
    this.directory = FSDirectory.open(folder);
    IndexWriter opened = null;
    SearcherManager manager = null;
    try {
      opened = new IndexWriter(directory, new IndexWriterConfig(AuditQueryParser.analyzer())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      this.writer = opened;
      this.indexed = resumePoint();
      manager = new SearcherManager(writer, null);
      this.searchers = manager;
      catchUp(progress);
      commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException | RuntimeException e) {
      if (manager != null) {
        manager.close();
      }
      if (opened != null) {
        opened.rollback();
      }
      directory.close();
      throw e;
    }
    this.unwatch = log.watch(this::wake);
    this.indexer = new Thread(this::indexLoop, "audit-indexer");
    this.indexer.setDaemon(true);
    this.indexer.start();
  }

  /** Opens (or builds) the index in {@code <log folder>/index}, committing every 10 seconds. */
  public static AuditIndex open(AuditLog log) {
    return open(log, log.directory().resolve("index"), Duration.ofSeconds(10), Progress.NONE);
  }

  /**
   * Opens the index in {@code folder}, creating it if needed, and indexes what the log holds past
   * the index's last commit before returning ({@code progress} hears about that catch-up).
   *
   * @throws UncheckedIOException when the folder cannot be opened or the log read
   */
  public static AuditIndex open(AuditLog log, Path folder, Duration commitInterval, Progress progress) {
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("commitInterval must be positive, got " + commitInterval);
    }
    try {
      return new AuditIndex(log, folder, commitInterval, progress);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit index " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where the last commit left off; the start when there is none, when it was written by another
   * index format, or when it lies past the log's end (the log was replaced: indexed afresh).
   */
  private AuditOffset resumePoint() throws IOException {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
    if (committed != null) {
      committed.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    AuditOffset point = committedThrough(data);
    if (point == null || point.isAfter(log.end())) {
      writer.deleteAll();
      return AuditOffset.START;
    }
    return point;
  }

  /**
   * How far into the log a commit of this index had read, from its user data; null when another
   * index format wrote it or the data is unreadable (such an index is rebuilt, not trusted).
   */
  static AuditOffset committedThrough(Map<String, String> userData) {
    try {
      if (FORMAT.equals(userData.get(FORMAT_KEY))) {
        return new AuditOffset(Integer.parseInt(userData.get(SEGMENT_KEY)), Long.parseLong(userData.get(OFFSET_KEY)));
      }
    } catch (RuntimeException e) {
      // unreadable user data: as good as none
    }
    return null;
  }

  public Path folder() {
    return folder;
  }

  /** How far into the log this index has read. */
  public AuditOffset indexedThrough() {
    return indexed;
  }

  /**
   * Indexes everything the log has acknowledged so far and makes it searchable: for callers that
   * must see their own just-written records (tests, an API call that searches right after writing).
   */
  public void sync() {
    try {
      catchUp(Progress.NONE);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("audit indexing failed in " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records matching a query, newest first.
   *
   * @param query Lucene syntax over {@link #FIELDS}; null, empty or {@code *} match everything
   * @param from earliest arrival time (inclusive, to the millisecond), or null
   * @param to latest arrival time (exclusive), or null
   * @param limit most results, 1 to {@link #MAX_LIMIT}
   * @param onlyClient only this client's records, or null for everyone's
   * @throws InvalidQueryException when the query does not parse or names an unknown field
   */
  public List<AuditSummary> search(String query, Instant from, Instant to, int limit, String onlyClient) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(parser.parse(query), BooleanClause.Occur.MUST);
    if (from != null || to != null) {
      long low = from == null ? Long.MIN_VALUE : from.toEpochMilli();
      long high = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
      b.add(LongPoint.newRangeQuery(TIME, low, high), BooleanClause.Occur.FILTER);
    }
    if (onlyClient != null) {
      b.add(new TermQuery(new Term(CLIENT, onlyClient)), BooleanClause.Occur.FILTER);
    }
    return top(b.build(), limit);
  }

  /** The newest record with this id, read back from the log. */
  public Optional<AuditRecord> get(String id) {
    List<AuditSummary> found = top(new TermQuery(new Term(ID, id)), 1);
    return found.isEmpty() ? Optional.empty() : Optional.of(log.read(found.get(0).position()));
  }

  /** Records in the searchable view. */
  public int size() {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last error of the background indexer, if indexing is failing now; null when healthy. */
  public RuntimeException failure() {
    return failure;
  }

  private List<AuditSummary> top(Query query, int limit) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return newestFirst(s, query, limit);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit search failed: " + e.getMessage(), e);
    }
  }

  /** The newest {@code limit} matches of a searcher over audit documents, as summaries. */
  static List<AuditSummary> newestFirst(IndexSearcher s, Query query, int limit) throws IOException {
    ScoreDoc[] docs = s.search(query, limit, NEWEST_FIRST).scoreDocs;
    List<AuditSummary> out = new ArrayList<>(docs.length);
    var stored = s.storedFields();
    for (ScoreDoc d : docs) {
      out.add(AuditDocuments.summary(stored.document(d.doc)));
    }
    return out;
  }

  /** Indexes the log from where this index stopped to the log's acknowledged end. */
  private synchronized void catchUp(Progress progress) throws IOException {
    AuditOffset until = log.end();
    if (!until.isAfter(indexed)) {
      return;
    }
    long total = progress == Progress.NONE ? 0 : log.reader().bytesAfter(indexed);
    long records = 0;
    long bytes = 0;
    try (AuditCursor cursor = log.reader().scan(indexed, until)) {
      while (cursor.hasNext()) {
        AuditEntry e = cursor.next();
        writer.updateDocument(AuditDocuments.key(e.position()), AuditDocuments.document(e.record(), e.position()));
        records++;
        bytes += e.position().length();
        if (records % PROGRESS_EVERY == 0) {
          progress.onProgress(records, bytes, total);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (records > 0 || progress != Progress.NONE) {
      progress.onProgress(records, bytes, total);
    }
    indexed = until;
    uncommitted = true;
  }

  private synchronized void commit() throws IOException {
    if (!uncommitted && !writer.hasUncommittedChanges() && DirectoryReader.indexExists(directory)) {
      return;
    }
    writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT, SEGMENT_KEY, Integer.toString(indexed.segment()),
        OFFSET_KEY, Long.toString(indexed.offset())).entrySet());
    writer.commit();
    uncommitted = false;
  }

  private void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void indexLoop() {
    long lastCommit = System.nanoTime();
    while (!closing) {
      synchronized (signal) {
        long waitMillis = Math.max(1, (commitIntervalNanos - (System.nanoTime() - lastCommit)) / 1_000_000);
        if (!woken) {
          try {
            signal.wait(Math.min(waitMillis, 1000));
          } catch (InterruptedException e) {
            return;
          }
        }
        woken = false;
      }
      if (closing) {
        return;
      }
      try {
        catchUp(Progress.NONE);
        searchers.maybeRefresh();
        if (System.nanoTime() - lastCommit >= commitIntervalNanos) {
          commit();
          lastCommit = System.nanoTime();
        }
        failure = null;
      } catch (IOException | RuntimeException e) {
        failure = e instanceof IOException io ? new UncheckedIOException("audit indexing failed: " + e.getMessage(), io)
            : (RuntimeException) e;
      }
    }
  }

  /** Indexes what the log has acknowledged, commits, and stops the background thread. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    unwatch.run();
    wake();
    boolean interrupted = false;
    while (indexer.isAlive()) {
      try {
        indexer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      catchUp(Progress.NONE);
      commit();
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close audit index " + folder + ": " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
