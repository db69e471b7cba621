package dev.featurewatch.audit;

import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleEvaluator;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.TokenSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Re-evaluates stored exchanges under another rule set, to see what a rule change would do to real
 * traffic before it is deployed: which rules would fire that did not, which would stop firing,
 * which exchanges would be blocked or no longer blocked (and where), and where steering would
 * apply.
 *
 * <p>Each record's tokens go in order through a fresh {@link RuleEvaluator}, exactly as the engine
 * feeds it: features as recorded, probe scores mapped by name from the record's {@code
 * probe_names} to the rule set's {@link CompiledRules#probeNames()} (a probe the record lacks is
 * NaN: rules on it follow their {@code on_monitor_failure}, by default failing closed), tokens
 * whose monitoring failed as monitor failures. Evaluation stops at an enforced block.
 *
 * <p>Limits: {@value ReplayReport#LIMITS}
 */
public final class AuditReplay {
  /** Progress is reported every this many records, and at the end. */
  public static final int PROGRESS_EVERY = 100;

  private final CompiledRules rules;
  private final int maxListed;

  /** Replays under {@code rules}, listing at most 1,000 changed records in a report. */
  public AuditReplay(CompiledRules rules) {
    this(rules, 1000);
  }

  public AuditReplay(CompiledRules rules, int maxListed) {
    this.rules = Objects.requireNonNull(rules, "rules");
    if (maxListed < 0) {
      throw new IllegalArgumentException("maxListed must be >= 0, got " + maxListed);
    }
    this.maxListed = maxListed;
  }

  /**
   * Replays the given records (e.g. a search's results, read back from the log).
   *
   * @param progress hears the number of records examined so far
   */
  public ReplayReport replay(Iterable<AuditRecord> records, LongConsumer progress) {
    ReplayReport report = new ReplayReport(maxListed);
    for (AuditRecord r : records) {
      report.add(replay(r), r.hits());
      if (report.examined() % PROGRESS_EVERY == 0) {
        progress.accept(report.examined());
      }
    }
    progress.accept(report.examined());
    return report;
  }

  /** Replays every record in a log folder, in log order; unreadable lines are counted, not replayed. */
  public ReplayReport replayAll(AuditLogReader log, LongConsumer progress) {
    ReplayReport report = new ReplayReport(maxListed);
    try (AuditCursor cursor = log.scan(AuditOffset.START)) {
      while (cursor.hasNext()) {
        AuditRecord r = cursor.next().record();
        report.add(replay(r), r.hits());
        if (report.examined() % PROGRESS_EVERY == 0) {
          progress.accept(report.examined());
        }
      }
      report.corruptLines(cursor.corruptLines());
    }
    progress.accept(report.examined());
    return report;
  }

  /** Replays one record. */
  public ReplayOutcome replay(AuditRecord record) {
    if (record.tokens().isEmpty()) {
      return ReplayOutcome.skipped(record, "no tokens recorded");
    }
    RuleEvaluator evaluator = rules.newEvaluator();
    int[] probeIndex = probeIndex(record.probeNames());
    double[] probes = new double[probeIndex.length];
    try {
      for (AuditToken t : record.tokens()) {
        if (evaluator.isStopped()) {
          break;
        }
        if (t.monitorFailed()) {
          evaluator.monitorFailed(t.position(), t.source());
        } else {
          for (int i = 0; i < probeIndex.length; i++) {
            int from = probeIndex[i];
            probes[i] = from >= 0 && t.probes() != null && from < t.probes().length ? t.probes()[from] : Double.NaN;
          }
          evaluator.accept(t.position(), t.source(), t.features(), probes);
        }
      }
    } catch (IllegalArgumentException e) { // positions out of order: the record is damaged
      return ReplayOutcome.skipped(record, e.getMessage());
    }
    List<AuditHit> after = new ArrayList<>(evaluator.hits().size());
    for (RuleHit h : evaluator.hits()) {
      after.add(AuditHit.of(h));
    }
    return compare(record, after);
  }

  /** For each probe the rules read, its index in the record's probe scores, or -1. */
  private int[] probeIndex(List<String> recorded) {
    List<String> wanted = rules.probeNames();
    int[] index = new int[wanted.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = recorded.indexOf(wanted.get(i));
    }
    return index;
  }

  private static ReplayOutcome compare(AuditRecord record, List<AuditHit> after) {
    List<AuditHit> before = record.hits();
    Set<String> firedBefore = ruleIds(before);
    Set<String> firedAfter = ruleIds(after);
    List<String> newly = firedAfter.stream().filter(r -> !firedBefore.contains(r)).toList();
    List<String> gone = firedBefore.stream().filter(r -> !firedAfter.contains(r)).toList();
    ReplayOutcome.Block blockedBefore = block(record, before);
    ReplayOutcome.Block blockedAfter = block(record, after);
    String outputBeforeBlock = null;
    if (blockedAfter != null) {
      StringBuilder text = new StringBuilder();
      for (AuditToken t : record.tokens()) {
        if (t.source() == TokenSource.OUTPUT && t.position() < blockedAfter.position()) {
          text.append(t.text());
        }
      }
      outputBeforeBlock = text.toString();
    }
    return new ReplayOutcome(record.id(), record.time(), null, newly, gone, blockedBefore, blockedAfter, outputBeforeBlock,
        steerRules(before), steerRules(after), after);
  }

  private static Set<String> ruleIds(List<AuditHit> hits) {
    Set<String> ids = new LinkedHashSet<>();
    hits.forEach(h -> ids.add(h.rule()));
    return ids;
  }

  private static List<String> steerRules(List<AuditHit> hits) {
    Set<String> ids = new LinkedHashSet<>();
    for (AuditHit h : hits) {
      if (h.isEnforced() && h.action() == ActionKind.STEER) {
        ids.add(h.rule());
      }
    }
    return List.copyOf(ids);
  }

  /** The first enforced block among the hits, with the source of the token it fired at. */
  private static ReplayOutcome.Block block(AuditRecord record, List<AuditHit> hits) {
    for (AuditHit h : hits) {
      if (h.stopsGeneration()) {
        TokenSource source = TokenSource.OUTPUT;
        for (AuditToken t : record.tokens()) {
          if (t.position() == h.lastPosition()) {
            source = t.source();
            break;
          }
        }
        return ReplayOutcome.Block.of(h, source);
      }
    }
    return null;
  }
}
