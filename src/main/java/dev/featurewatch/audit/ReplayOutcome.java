package dev.featurewatch.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.TokenSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one stored exchange would have met under another rule set, against what it met then.
 *
 * @param id the exchange's id
 * @param time when it arrived
 * @param skipped why it could not be replayed (no tokens recorded, positions out of order), or null
 * @param newlyFiring rules that fire now and did not then, in the order they first fire
 * @param noLongerFiring rules that fired then and do not now, in the order they fired then
 * @param blockedBefore the enforced block that ended the exchange then, or null
 * @param blockedAfter the enforced block that would end it now, or null
 * @param outputBeforeBlock the recorded output text before {@code blockedAfter}'s position (what
 *     could at most have been sent; hold-back sends less), or null when not blocked now
 * @param steerBefore enforced steer rules that fired then
 * @param steerAfter enforced steer rules that would fire now (reported, not simulated)
 * @param hitsAfter every hit under the new rules
 */
public record ReplayOutcome(String id, Instant time, String skipped, List<String> newlyFiring, List<String> noLongerFiring,
    Block blockedBefore, Block blockedAfter, String outputBeforeBlock, List<String> steerBefore, List<String> steerAfter,
    List<AuditHit> hitsAfter) {

  /** An enforced block: the rule and the position of the token it fired at. */
  public record Block(String rule, int position, TokenSource source) {
    static Block of(AuditHit hit, TokenSource source) {
      return new Block(hit.rule(), hit.lastPosition(), source);
    }

    ObjectNode toJson() {
      ObjectNode o = AuditJson.MAPPER.createObjectNode();
      o.put("rule", rule);
      o.put("position", position);
      o.put("source", AuditJson.name(source));
      return o;
    }

    @Override
    public String toString() {
      return "'" + rule + "' at " + AuditJson.name(source) + " position " + position;
    }
  }

  public ReplayOutcome {
    newlyFiring = List.copyOf(newlyFiring);
    noLongerFiring = List.copyOf(noLongerFiring);
    steerBefore = List.copyOf(steerBefore);
    steerAfter = List.copyOf(steerAfter);
    hitsAfter = List.copyOf(hitsAfter);
  }

  static ReplayOutcome skipped(AuditRecord r, String reason) {
    return new ReplayOutcome(r.id(), r.time(), reason, List.of(), List.of(), null, null, null, List.of(), List.of(), List.of());
  }

  public boolean wasSkipped() {
    return skipped != null;
  }

  /** Whether anything differs: rules firing, blocking (or where), or steering. */
  public boolean changed() {
    return !wasSkipped() && (!newlyFiring.isEmpty() || !noLongerFiring.isEmpty()
        || !Objects.equals(blockedBefore, blockedAfter) || !steerBefore.equals(steerAfter));
  }

  public boolean newlyBlocked() {
    return blockedBefore == null && blockedAfter != null;
  }

  public boolean unblocked() {
    return blockedBefore != null && blockedAfter == null;
  }

  /** Whether a flag or alert rule (enforced or shadow) fires now that did not fire then. */
  public boolean newlyFlagged() {
    return hitsAfter.stream().anyMatch(h -> (h.action() == ActionKind.FLAG || h.action() == ActionKind.ALERT)
        && newlyFiring.contains(h.rule()));
  }

  /** Whether enforced steering would apply now where none did then. */
  public boolean newlySteered() {
    return steerBefore.isEmpty() && !steerAfter.isEmpty();
  }

  public ObjectNode toJson() {
    ObjectNode o = AuditJson.MAPPER.createObjectNode();
    o.put("id", id);
    o.put("time", time.toString());
    if (wasSkipped()) {
      o.put("skipped", skipped);
      return o;
    }
    strings(o.putArray("newly_firing"), newlyFiring);
    strings(o.putArray("no_longer_firing"), noLongerFiring);
    o.set("blocked_before", blockedBefore == null ? null : blockedBefore.toJson());
    o.set("blocked_after", blockedAfter == null ? null : blockedAfter.toJson());
    o.put("newly_blocked", newlyBlocked());
    o.put("unblocked", unblocked());
    if (outputBeforeBlock != null) {
      o.put("output_before_block", outputBeforeBlock);
    }
    strings(o.putArray("steer_before"), steerBefore);
    strings(o.putArray("steer_after"), steerAfter);
    ArrayNode hits = o.putArray("hits_after");
    hitsAfter.forEach(h -> hits.add(AuditJson.hit(h)));
    return o;
  }

  /** The text as one line (newlines shown as a backslash and n), cut to 160 characters; leading spaces kept, they are tokens too. */
  private static String abbreviate(String text) {
    String line = text.replace("\n", "\\n");
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }

  private static void strings(ArrayNode to, List<String> values) {
    values.forEach(to::add);
  }

  /** One line for the command line. */
  public String toText() {
    StringBuilder s = new StringBuilder(id).append("  ").append(time);
    if (wasSkipped()) {
      return s.append("  skipped: ").append(skipped).toString();
    }
    if (newlyBlocked()) {
      s.append("  newly blocked by ").append(blockedAfter);
    } else if (unblocked()) {
      s.append("  unblocked (was blocked by ").append(blockedBefore).append(')');
    } else if (blockedAfter != null && !blockedAfter.equals(blockedBefore)) {
      s.append("  blocked by ").append(blockedAfter).append(" (was ").append(blockedBefore).append(')');
    }
    if (outputBeforeBlock != null && blockedAfter != null && !blockedAfter.equals(blockedBefore)) {
      s.append("; output before the block: \"").append(abbreviate(outputBeforeBlock)).append('"');
    }
    newlyFiring.forEach(r -> s.append("  +").append(r));
    noLongerFiring.forEach(r -> s.append("  -").append(r));
    if (!steerAfter.equals(steerBefore)) {
      s.append("  steer ").append(steerBefore).append(" -> ").append(steerAfter).append(" (not simulated)");
    }
    return s.toString();
  }
}
