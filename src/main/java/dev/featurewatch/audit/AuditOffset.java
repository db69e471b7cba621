package dev.featurewatch.audit;

/**
 * A point between two lines of the audit log: a segment number and a byte offset in it. The index
 * records how far it has read as one of these, and scans start from one.
 *
 * @param segment segment number (the {@code 000001} of {@code audit-000001.jsonl}); 0 before the first
 * @param offset byte offset in that segment
 */
public record AuditOffset(int segment, long offset) implements Comparable<AuditOffset> {
  /** Before every record of every segment. */
  public static final AuditOffset START = new AuditOffset(0, 0);

  public AuditOffset {
    if (segment < 0 || offset < 0) {
      throw new IllegalArgumentException("segment and offset must be >= 0, got " + segment + ":" + offset);
    }
  }

  @Override
  public int compareTo(AuditOffset o) {
    return segment != o.segment ? Integer.compare(segment, o.segment) : Long.compare(offset, o.offset);
  }

  public boolean isAfter(AuditOffset o) {
    return compareTo(o) > 0;
  }

  @Override
  public String toString() {
    return segment + ":" + offset;
  }
}
