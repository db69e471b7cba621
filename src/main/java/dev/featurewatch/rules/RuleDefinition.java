package dev.featurewatch.rules;

/**
 * One rule as written in its file, checked for form but not yet resolved against a dictionary or
 * the loaded probes ({@link RuleCompiler} does that).
 *
 * @param id unique across all rule files; letters, digits, '.', '_' and '-' (it names a file, a
 *     URL path segment and a metrics label)
 * @param description free text for people, may be null
 * @param selection what the rule reads
 * @param condition when it fires
 * @param action what it does then
 * @param mode enforce or shadow
 * @param severity info, warning or critical
 * @param onMonitorFailure what happens when the monitor cannot give the rule its values
 * @param holdBack how many output tokens the server holds back so the rule sees them before they
 *     leave (at least 1: no token leaves before its own activations were checked)
 * @param origin file and line of the rule
 */
public record RuleDefinition(
    String id,
    String description,
    Selection selection,
    Condition condition,
    RuleAction action,
    RuleMode mode,
    Severity severity,
    MonitorFailurePolicy onMonitorFailure,
    int holdBack,
    RuleOrigin origin) {}
