package dev.featurewatch.audit;

/** A record read from the log with the place it was read from. */
public record AuditEntry(AuditRecord record, AuditPosition position) {}
