package dev.featurewatch.audit;

/**
 * Where one record's line lies in the log: enough to read it back with a single positioned read.
 *
 * @param segment segment number
 * @param offset byte offset of the line's first byte (its checksum)
 * @param length the line's length in bytes, its newline included, so {@code offset + length} is
 *     where the next line starts
 */
public record AuditPosition(int segment, long offset, int length) implements Comparable<AuditPosition> {
  public AuditPosition {
    if (segment < 1 || offset < 0 || length < 1) {
      throw new IllegalArgumentException("invalid audit position " + segment + ":" + offset + "+" + length);
    }
  }

  /** The point just before this line. */
  public AuditOffset start() {
    return new AuditOffset(segment, offset);
  }

  /** The point just after this line. */
  public AuditOffset end() {
    return new AuditOffset(segment, offset + length);
  }

  @Override
  public int compareTo(AuditPosition o) {
    return start().compareTo(o.start());
  }

  /** {@code segment:offset+length}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return segment + ":" + offset + "+" + length;
  }

  /** Reads the form {@link #toString} writes. */
  public static AuditPosition parse(String text) {
    int colon = text.indexOf(':');
    int plus = text.indexOf('+', colon + 1);
    if (colon < 1 || plus < 0) {
      throw new IllegalArgumentException("not an audit position (segment:offset+length): '" + text + "'");
    }
    try {
      return new AuditPosition(Integer.parseInt(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1, plus)),
          Integer.parseInt(text.substring(plus + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an audit position (segment:offset+length): '" + text + "'", e);
    }
  }
}
