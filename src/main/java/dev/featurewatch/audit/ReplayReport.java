package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of replaying many exchanges under another rule set: counts over all of them, hit
 * counts per rule before and after, and the records that changed (the first {@code maxListed}).
 */
public final class ReplayReport {
  /** What replay cannot tell, said wherever its results are shown. */
  public static final String LIMITS = "Replay re-reads the features recorded when each exchange ran. It cannot know how "
      + "the output would have differed after a steer or block that did not happen then: tokens after a new block are "
      + "not evaluated, a new steer is reported but not simulated, and an exchange that is no longer blocked ends where "
      + "it was blocked then.";

  /** Hits and records per rule, before (as recorded) and after (replayed). */
  public record RuleCounts(int hitsBefore, int hitsAfter, int recordsBefore, int recordsAfter) {}

  private final int maxListed;
  private long examined;
  private long skipped;
  private long changed;
  private long newlyBlocked;
  private long unblocked;
  private long newlyFlagged;
  private long newlySteered;
  private long corruptLines;
  private final Map<String, int[]> rules = new TreeMap<>();
  private final List<ReplayOutcome> listed = new ArrayList<>();
  private boolean truncated;

  ReplayReport(int maxListed) {
    this.maxListed = maxListed;
  }

  void add(ReplayOutcome o, List<AuditHit> hitsBefore) {
    examined++;
    if (o.wasSkipped()) {
      skipped++;
      list(o);
      return;
    }
    count(hitsBefore, 0);
    count(o.hitsAfter(), 1);
    if (!o.changed()) {
      return;
    }
    changed++;
    newlyBlocked += o.newlyBlocked() ? 1 : 0;
    unblocked += o.unblocked() ? 1 : 0;
    newlyFlagged += o.newlyFlagged() ? 1 : 0;
    newlySteered += o.newlySteered() ? 1 : 0;
    list(o);
  }

  private void list(ReplayOutcome o) {
    if (listed.size() < maxListed) {
      listed.add(o);
    } else {
      truncated = true;
    }
  }

  /** Adds hit and record counts: {@code side} 0 is before, 1 after. */
  private void count(List<AuditHit> hits, int side) {
    List<String> seen = new ArrayList<>();
    for (AuditHit h : hits) {
      int[] c = rules.computeIfAbsent(h.rule(), k -> new int[4]);
      c[side]++;
      if (!seen.contains(h.rule())) {
        seen.add(h.rule());
        c[2 + side]++;
      }
    }
  }

  void corruptLines(long n) {
    corruptLines = n;
  }

  public long examined() {
    return examined;
  }

  public long skipped() {
    return skipped;
  }

  public long changed() {
    return changed;
  }

  public long newlyBlocked() {
    return newlyBlocked;
  }

  public long unblocked() {
    return unblocked;
  }

  /** Records in which a flag or alert rule newly fires. */
  public long newlyFlagged() {
    return newlyFlagged;
  }

  public long newlySteered() {
    return newlySteered;
  }

  /** Lines of the log that could not be read (replaying a folder only). */
  public long corruptLines() {
    return corruptLines;
  }

  /** Per rule id (sorted), hit and record counts before and after. */
  public Map<String, RuleCounts> rules() {
    Map<String, RuleCounts> out = new TreeMap<>();
    rules.forEach((id, c) -> out.put(id, new RuleCounts(c[0], c[1], c[2], c[3])));
    return Collections.unmodifiableMap(out);
  }

  /** The changed and the skipped records, in input order, at most {@code maxListed}. */
  public List<ReplayOutcome> records() {
    return Collections.unmodifiableList(listed);
  }

  /** Whether more records changed (or were skipped) than are listed. */
  public boolean truncated() {
    return truncated;
  }

  public ObjectNode toJson() {
    ObjectNode o = AuditJson.MAPPER.createObjectNode();
    ObjectNode s = o.putObject("summary");
    s.put("examined", examined);
    s.put("skipped", skipped);
    s.put("changed", changed);
    s.put("newly_blocked", newlyBlocked);
    s.put("unblocked", unblocked);
    s.put("newly_flagged", newlyFlagged);
    s.put("newly_steered", newlySteered);
    if (corruptLines > 0) {
      s.put("corrupt_lines", corruptLines);
    }
    ObjectNode r = o.putObject("rules");
    rules().forEach((id, c) -> r.putObject(id).put("hits_before", c.hitsBefore()).put("hits_after", c.hitsAfter())
        .put("records_before", c.recordsBefore()).put("records_after", c.recordsAfter()));
    ArrayNode records = o.putArray("records");
    listed.forEach(x -> records.add(x.toJson()));
    o.put("records_truncated", truncated);
    o.put("limits", LIMITS);
    return o;
  }

  /** A compact report for the command line. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append("replayed ").append(examined).append(" record").append(examined == 1 ? "" : "s");
    if (skipped > 0) {
      s.append(" (").append(skipped).append(" skipped)");
    }
    if (corruptLines > 0) {
      s.append(" (").append(corruptLines).append(" unreadable lines)");
    }
    s.append(": ").append(changed).append(" changed, ").append(newlyBlocked).append(" newly blocked, ").append(unblocked)
        .append(" unblocked, ").append(newlyFlagged).append(" newly flagged, ").append(newlySteered)
        .append(" newly steered\n");
    Map<String, RuleCounts> counts = rules();
    if (!counts.isEmpty()) {
      int width = Math.max(4, counts.keySet().stream().mapToInt(String::length).max().orElse(4));
      s.append(String.format("%-" + width + "s  %13s  %16s%n", "rule", "hits then->now", "records then->now"));
      counts.forEach((id, c) -> s.append(String.format("%-" + width + "s  %13s  %16s%n", id,
          c.hitsBefore() + " -> " + c.hitsAfter(), c.recordsBefore() + " -> " + c.recordsAfter())));
    }
    for (ReplayOutcome x : listed) {
      s.append("  ").append(x.toText()).append('\n');
    }
    if (truncated) {
      s.append("  (more records changed than are listed)\n");
    }
    return s.append("note: ").append(LIMITS).append('\n').toString();
  }
}
