package dev.featurewatch.audit;

/**
 * What opening an audit folder found in its last segment.
 *
 * @param segments segment files in the folder
 * @param lastSegment the segment appends continue in
 * @param records good records in the last segment
 * @param truncatedBytes bytes cut from the end of the last segment: a torn write (a final line
 *     without newline, failing its checksum or not JSON, and any bad lines before it with no good
 *     line after them)
 * @param corruptLines bad lines followed by good ones in the last segment: kept in the file (they
 *     are not a torn tail but damage), skipped when reading
 */
public record RecoveryReport(int segments, int lastSegment, long records, long truncatedBytes, long corruptLines) {
  /** Whether the folder was left as a clean shutdown leaves it. */
  public boolean isClean() {
    return truncatedBytes == 0 && corruptLines == 0;
  }

  @Override
  public String toString() {
    return "audit log: " + segments + " segment" + (segments == 1 ? "" : "s") + ", " + records + " records in segment "
        + lastSegment + (truncatedBytes > 0 ? ", torn tail of " + truncatedBytes + " bytes truncated" : "")
        + (corruptLines > 0 ? ", " + corruptLines + " corrupt line" + (corruptLines == 1 ? "" : "s") + " skipped" : "");
  }
}
