package dev.featurewatch.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches the audit trails of several replicas (each server owns one) as one: every replica through
 * its own {@link AuditSource} (a folder read-only, or a running server's API), the results merged
 * newest first.
 *
 * <p>A folder replica is named by its folder's name; when two folders share a name
 * ({@code /mnt/a/audit}, {@code /mnt/b/audit}) each is named by its path as given instead, so lines
 * stay tellable apart.
 */
public final class ReplicaSearch implements AutoCloseable {
  /** One record found, with the replica (and its index among the sources) it came from. */
  public record Hit(String replica, int sourceIndex, AuditSummary summary) {}

  /** How many records of one replica match (at least, when not {@code exact}). */
  public record ReplicaCount(String replica, long total, boolean exact) {}

  /** Matches per replica, in the order the replicas were given, and the newest of all merged. */
  public record Result(List<ReplicaCount> counts, List<Hit> hits) {
    public Result {
      counts = List.copyOf(counts);
      hits = List.copyOf(hits);
    }

    public long total() {
      return counts.stream().mapToLong(ReplicaCount::total).sum();
    }
  }

  /**
   * Newest first by the record's time; a tie between replicas goes to the replica given first, one
   * within a replica to the record later in its log (as each replica's own index orders them).
   */
  static final Comparator<Hit> NEWEST_FIRST = Comparator.comparing((Hit h) -> h.summary().time()).reversed()
      .thenComparingInt(Hit::sourceIndex)
      .thenComparing((Hit h) -> h.summary().position(), Comparator.reverseOrder());

  private final List<String> replicas;
  private final List<AuditSource> sources;

  /**
   * @param replicas each source's name, as results show it
   * @param sources opened; closed with this search
   */
  public ReplicaSearch(List<String> replicas, List<? extends AuditSource> sources) {
    if (sources.isEmpty() || replicas.size() != sources.size()) {
      throw new IllegalArgumentException("need at least one replica, and a name for each");
    }
    this.replicas = List.copyOf(replicas);
    this.sources = List.copyOf(sources);
  }

  /**
   * Opens every folder read-only.
   *
   * @throws IllegalArgumentException when a folder is not an audit folder or is given twice
   */
  public static ReplicaSearch open(List<Path> folders) {
    if (folders.isEmpty()) {
      throw new IllegalArgumentException("no audit folder given");
    }
    return new ReplicaSearch(replicaNames(folders), openFolders(folders));
  }

  /** Every folder as a read-only snapshot; none left open if one fails. */
  public static List<AuditFolderSnapshot> openFolders(List<Path> folders) {
    List<AuditFolderSnapshot> opened = new ArrayList<>();
    try {
      for (Path f : folders) {
        opened.add(AuditFolderSnapshot.open(f));
      }
    } catch (RuntimeException e) {
      opened.forEach(AuditFolderSnapshot::close);
      throw e;
    }
    return List.copyOf(opened);
  }

  /** The folders' names, or their paths where names repeat. */
  public static List<String> replicaNames(List<Path> folders) {
    Set<Path> seen = new HashSet<>();
    Map<String, Integer> nameCounts = new HashMap<>();
    for (Path f : folders) {
      if (!seen.add(f.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("audit folder " + f + " is given twice");
      }
      nameCounts.merge(name(f), 1, Integer::sum);
    }
    return folders.stream().map(f -> nameCounts.get(name(f)) > 1 ? f.toString() : name(f)).toList();
  }

  private static String name(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return name == null ? folder.toString() : name.toString();
  }

  public List<String> replicas() {
    return replicas;
  }

  public List<AuditSource> sources() {
    return sources;
  }

  /** Each replica's matches counted, and the newest {@code limit} of all replicas together. */
  public Result search(AuditQuery query, int limit) {
    List<ReplicaCount> counts = new ArrayList<>();
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      AuditSource.Hits found = sources.get(i).search(query, limit); // each replica's newest `limit` cover the merged top
      counts.add(new ReplicaCount(replicas.get(i), found.total(), found.exact()));
      for (AuditSummary s : found.newest()) {
        hits.add(new Hit(replicas.get(i), i, s));
      }
    }
    hits.sort(NEWEST_FIRST);
    return new Result(counts, hits.subList(0, Math.min(limit, hits.size())));
  }

  @Override
  public void close() {
    sources.forEach(AuditSource::close);
  }
}
