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
 * Searches the audit folders of several replicas (each server owns one) as one trail: every folder
 * through its own read-only {@link AuditFolderSnapshot}, the results merged newest first.
 *
 * <p>A replica is named by its folder's name; when two folders share a name ({@code /mnt/a/audit},
 * {@code /mnt/b/audit}) each is named by its path as given instead, so lines stay tellable apart.
 */
public final class ReplicaSearch implements AutoCloseable {
  /** One record found, with the replica (and its index among the folders) it came from. */
  public record Hit(String replica, int folderIndex, AuditSummary summary) {}

  /** How many records of one replica match. */
  public record FolderCount(String replica, Path folder, long total) {}

  /** Matches per folder, in the order the folders were given, and the newest of all merged. */
  public record Result(List<FolderCount> counts, List<Hit> hits) {
    public Result {
      counts = List.copyOf(counts);
      hits = List.copyOf(hits);
    }

    public long total() {
      return counts.stream().mapToLong(FolderCount::total).sum();
    }
  }

  /**
   * Newest first by the record's time; a tie between folders goes to the folder given first, one
   * within a folder to the record later in its log (as each folder's own index orders them).
   */
  static final Comparator<Hit> NEWEST_FIRST = Comparator.comparing((Hit h) -> h.summary().time()).reversed()
      .thenComparingInt(Hit::folderIndex)
      .thenComparing((Hit h) -> h.summary().position(), Comparator.reverseOrder());

  private final List<String> replicas;
  private final List<AuditFolderSnapshot> snapshots;

  private ReplicaSearch(List<String> replicas, List<AuditFolderSnapshot> snapshots) {
    this.replicas = replicas;
    this.snapshots = snapshots;
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
    List<String> names = replicaNames(folders);
    List<AuditFolderSnapshot> opened = new ArrayList<>();
    try {
      for (Path f : folders) {
        opened.add(AuditFolderSnapshot.open(f));
      }
    } catch (RuntimeException e) {
      opened.forEach(AuditFolderSnapshot::close);
      throw e;
    }
    return new ReplicaSearch(names, List.copyOf(opened));
  }

  /** The folders' names, or their paths where names repeat. */
  static List<String> replicaNames(List<Path> folders) {
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

  public List<AuditFolderSnapshot> snapshots() {
    return snapshots;
  }

  /** Each folder's matches counted, and the newest {@code limit} of all folders together. */
  public Result search(AuditQuery query, int limit) {
    List<FolderCount> counts = new ArrayList<>();
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < snapshots.size(); i++) {
      AuditFolderSnapshot.Hits found = snapshots.get(i).search(query, limit); // each folder's newest `limit` cover the merged top
      counts.add(new FolderCount(replicas.get(i), snapshots.get(i).folder(), found.total()));
      for (AuditSummary s : found.newest()) {
        hits.add(new Hit(replicas.get(i), i, s));
      }
    }
    hits.sort(NEWEST_FIRST);
    return new Result(counts, hits.subList(0, Math.min(limit, hits.size())));
  }

  @Override
  public void close() {
    snapshots.forEach(AuditFolderSnapshot::close);
  }
}
