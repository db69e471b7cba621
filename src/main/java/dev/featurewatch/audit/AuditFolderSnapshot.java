package dev.featurewatch.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;

/**
 * A searchable, point-in-time view of one audit folder that never writes to it: what {@code
 * featurewatch audit search} opens, possibly while the folder's server is running and appending.
 *
 * <p>Why not {@link AuditLog} and {@link AuditIndex}: the log takes {@code audit.lock} and truncates
 * a torn tail when it opens, and the index takes Lucene's {@code index/write.lock} and commits into
 * the folder. Against a running server both fail on its locks; against a stopped one they would
 * repair and rewrite a folder an auditor should only read. So this view:
 *
 * <ul>
 *   <li>opens the folder's committed index ({@code <folder>/index}) with {@link DirectoryReader}:
 *       a reader of the last commit, which Lucene lets open beside a live {@code IndexWriter}; it
 *       takes no lock ({@link NoLockFactory}) and writes nothing. Files the writer later deletes
 *       stay readable through the reader's open handles (POSIX; on Windows the writer retries the
 *       delete later);
 *   <li>reads from the commit's user data how far into the log that commit had indexed, and indexes
 *       the log past that point (at most the server's commit interval of records) from the segments,
 *       in memory, through {@link AuditCursor}: read-only, and a final line without newline is taken
 *       as one being written and left alone, never truncated;
 *   <li>when the folder has no usable index (none, no commit yet, another format, unreadable, or a
 *       commit past the log's end), indexes the whole log in memory the same way.
 * </ul>
 *
 * <p>Nothing in the folder is created, locked, repaired or written. Limit: a line the server has
 * written but not yet acknowledged (its fsync still pending, or failing and about to be cut back)
 * may show here although the server's own search would not show it yet. Memory grows with the
 * records indexed in memory: seconds of traffic normally, the whole log when there is no index.
 */
public final class AuditFolderSnapshot implements AuditSource {
  private final Path folder;
  private final List<Directory> directories;
  private final IndexReader reader;
  private final IndexSearcher searcher;
  private final AuditOffset committedThrough;
  private final String indexProblem;
  private final long recordsFromLog;
  private final long unreadableLines;

  private AuditFolderSnapshot(Path folder, List<Directory> directories, IndexReader reader, AuditOffset committedThrough,
      String indexProblem, long recordsFromLog, long unreadableLines) {
    this.folder = folder;
    this.directories = directories;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.committedThrough = committedThrough;
    this.indexProblem = indexProblem;
    this.recordsFromLog = recordsFromLog;
    this.unreadableLines = unreadableLines;
  }

  /**
   * Opens a view of an audit folder as it is now.
   *
   * @throws IllegalArgumentException naming the folder when it does not exist or holds no segment
   * @throws UncheckedIOException when the segments cannot be read
   */
  public static AuditFolderSnapshot open(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no audit folder " + folder + ": no such directory");
    }
    if (SegmentFiles.list(folder).length == 0) {
      throw new IllegalArgumentException(folder + " is not an audit folder: it holds no audit-NNNNNN.jsonl segment");
    }
    List<Directory> directories = new ArrayList<>();
    List<IndexReader> readers = new ArrayList<>();
    try {
      Committed committed = Committed.open(folder);
      AuditOffset from = AuditOffset.START;
      if (committed.reader != null) {
        directories.add(committed.directory);
        readers.add(committed.reader);
        from = committed.through;
      }
      ByteBuffersDirectory memory = new ByteBuffersDirectory();
      directories.add(memory);
      long[] counts = indexLog(folder, from, memory);
      readers.add(DirectoryReader.open(memory));
      IndexReader reader = readers.size() == 1 ? readers.get(0) : new MultiReader(readers.toArray(new IndexReader[0]));
      return new AuditFolderSnapshot(folder, directories, reader, committed.reader == null ? null : committed.through,
          committed.problem, counts[0], counts[1]);
    } catch (IOException | RuntimeException e) {
      closeAll(readers, directories);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot read audit folder " + folder + ": " + e.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Indexes the log's records from {@code from} on into {@code into}; returns {records, unreadable lines}. */
  private static long[] indexLog(Path folder, AuditOffset from, Directory into) throws IOException {
    long records = 0;
    long unreadable;
    try (IndexWriter writer = new IndexWriter(into, new IndexWriterConfig(AuditQueryParser.analyzer()));
        AuditCursor cursor = AuditLogReader.open(folder).scan(from)) {
      while (cursor.hasNext()) {
        AuditEntry e = cursor.next();
        writer.addDocument(AuditDocuments.document(e.record(), e.position()));
        records++;
      }
      unreadable = cursor.corruptLines();
      writer.commit(); // an empty log still needs a commit for a reader to open
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new long[] {records, unreadable};
  }

  /** The folder's committed index, opened read-only, or why it cannot be used. */
  private record Committed(Directory directory, DirectoryReader reader, AuditOffset through, String problem) {
    static Committed unusable(String problem) {
      return new Committed(null, null, null, problem);
    }

    static Committed open(Path folder) {
      Path index = folder.resolve("index");
      if (!Files.isDirectory(index)) { // checked first: FSDirectory would create a missing folder
        return unusable("no index folder");
      }
      Directory directory = null;
      DirectoryReader reader = null;
      try {
        directory = FSDirectory.open(index, NoLockFactory.INSTANCE);
        reader = DirectoryReader.open(directory);
        AuditOffset through = AuditIndex.committedThrough(reader.getIndexCommit().getUserData());
        // Measured after the commit was read: a commit made since cannot look ahead of the log.
        AuditOffset logEnd = logEnd(folder);
        String problem = through == null ? "the index was written by another format"
            : through.isAfter(logEnd) ? "the index (through " + through + ") is ahead of the log (ends at " + logEnd + ")"
            : null;
        if (problem == null) {
          return new Committed(directory, reader, through, null);
        }
        closeAll(List.of(reader), List.of(directory));
        return unusable(problem);
      } catch (IndexNotFoundException e) {
        closeAll(List.of(), directory == null ? List.of() : List.of(directory));
        return unusable("the index has no commit yet");
      } catch (IOException | RuntimeException e) {
        closeAll(reader == null ? List.of() : List.of(reader), directory == null ? List.of() : List.of(directory));
        return unusable("the index cannot be read (" + e.getMessage() + ")");
      }
    }

    private static AuditOffset logEnd(Path folder) throws IOException {
      int last = SegmentFiles.last(folder);
      return last == 0 ? AuditOffset.START : new AuditOffset(last, Files.size(SegmentFiles.path(folder, last)));
    }
  }

  private static void closeAll(List<? extends IndexReader> readers, List<? extends Directory> directories) {
    for (AutoCloseable c : concat(readers, directories)) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing what was only read: nothing to lose
      }
    }
  }

  private static List<AutoCloseable> concat(List<? extends AutoCloseable> a, List<? extends AutoCloseable> b) {
    List<AutoCloseable> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  public Path folder() {
    return folder;
  }

  /** Records in this view. */
  public int size() {
    return reader.numDocs();
  }

  /** How far the folder's committed index reached, or null when it was not used (see {@link #indexProblem()}). */
  public AuditOffset committedThrough() {
    return committedThrough;
  }

  /** Why the folder's own index was not used and the whole log was indexed in memory; null when it was used. */
  public String indexProblem() {
    return indexProblem;
  }

  /** Records read from the log's segments (past the committed index, or all of them). */
  public long recordsFromLog() {
    return recordsFromLog;
  }

  /** Lines of the segments read that failed their checksum or held no record; skipped. */
  public long unreadableLines() {
    return unreadableLines;
  }

  /**
   * Records matching a query: their count, and the newest {@code limit} of them (newest first,
   * records of the same millisecond latest in the log first, as {@link AuditIndex#search}).
   */
  @Override
  public Hits search(AuditQuery query, int limit) {
    if (limit < 1 || limit > AuditIndex.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + AuditIndex.MAX_LIMIT + ", got " + limit);
    }
    try {
      return new Hits(searcher.count(query.lucene()), true, AuditIndex.newestFirst(searcher, query.lucene(), limit));
    } catch (IOException e) {
      throw new UncheckedIOException("audit search in " + folder + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeAll(List.of(reader), directories); // a MultiReader closes its parts
  }
}
