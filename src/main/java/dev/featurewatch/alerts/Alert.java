package dev.featurewatch.alerts;

import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One alert to deliver: which rule fired, for whom, and where its audit record is. Sinks turn it
 * into their own payload; it carries no prompt or completion text, only a pointer to the audit
 * record, so an alert never copies user content to a third system.
 *
 * @param ruleId the rule that fired
 * @param severity the rule's severity (sent lowercase, Alertmanager's usual values)
 * @param client who made the request (API key name or similar), or null when unknown
 * @param summary one line for the alert's title
 * @param description longer text, or null
 * @param auditRecordId the audit record of the exchange, or null
 * @param auditUrl where that record can be read, e.g. {@code http://host:port/v1/audit/<id>}, or
 *     null
 * @param startsAt when the rule fired
 * @param endsAt when the alert is over, or null to let the receiver decide (Alertmanager resolves
 *     it after its {@code resolve_timeout})
 * @param extraLabels further labels (valid Prometheus label names, none of the reserved ones:
 *     alertname, rule, severity, client)
 */
public record Alert(
    String ruleId,
    Severity severity,
    String client,
    String summary,
    String description,
    String auditRecordId,
    URI auditUrl,
    Instant startsAt,
    Instant endsAt,
    Map<String, String> extraLabels) {

  /** The {@code alertname} label of every FeatureWatch alert: receivers route on it. */
  public static final String ALERT_NAME = "FeatureWatchRule";

  private static final Set<String> RESERVED_LABELS = Set.of("alertname", "rule", "severity", "client");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public Alert {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(startsAt, "startsAt");
    if (endsAt != null && endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("alert ends (" + endsAt + ") before it starts (" + startsAt + ")");
    }
    extraLabels = extraLabels == null ? Map.of() : Map.copyOf(extraLabels);
    for (String name : extraLabels.keySet()) {
      if (!LABEL_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a valid label name: '" + name + "'");
      }
      if (RESERVED_LABELS.contains(name)) {
        throw new IllegalArgumentException("label '" + name + "' is set by the alert itself");
      }
    }
  }

  /**
   * The alert for a rule hit with action {@code alert} (or any hit the server chooses to report):
   * the rule's message as summary when it has one, the hit's action and mode as labels.
   */
  public static Alert forRuleHit(RuleHit hit, String client, String auditRecordId, URI auditUrl, Instant at) {
    String action = hit.action().name().toLowerCase(Locale.ROOT);
    String mode = hit.mode().name().toLowerCase(Locale.ROOT);
    String summary = hit.message() != null && !hit.message().isBlank()
        ? hit.message()
        : "FeatureWatch rule '" + hit.ruleId() + "' fired (" + action + ", " + mode + ")";
    String description = switch (hit.cause()) {
      case CONDITION -> String.format(Locale.ROOT,
          "Rule '%s' reached %.4g (peak %.4g) over token positions %d-%d.",
          hit.ruleId(), hit.value(), hit.peak(), hit.firstPosition(), hit.lastPosition());
      case MONITOR_FAILURE -> "Rule '" + hit.ruleId() + "' failed closed: the monitor could not read token position "
          + hit.lastPosition() + ".";
    };
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("action", action);
    labels.put("mode", mode);
    labels.put("cause", hit.cause().name().toLowerCase(Locale.ROOT));
    return new Alert(hit.ruleId(), hit.severity(), client, summary, description, auditRecordId, auditUrl, at, null, labels);
  }

  /**
   * Every label of the alert, reserved ones first: alertname, rule, severity, client (when known),
   * then the extra labels in name order. This set is the alert's identity for Alertmanager.
   */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", ALERT_NAME);
    labels.put("rule", ruleId);
    labels.put("severity", severityLabel());
    if (client != null && !client.isEmpty()) {
      labels.put("client", client);
    }
    extraLabels.entrySet().stream()
        .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> labels.put(e.getKey(), e.getValue()));
    return labels;
  }

  /** The severity as receivers expect it: {@code info}, {@code warning}, {@code critical}. */
  public String severityLabel() {
    return severity.name().toLowerCase(Locale.ROOT);
  }
}
