package dev.featurewatch.audit;

/**
 * A JSON object that is not a valid audit record. The message names the record (when its id could
 * be read) and the path of the field at fault, e.g. {@code audit record 'chatcmpl-1': field
 * 'tokens[3].features[0]': expected [id, value], got "x"}.
 */
public final class MalformedAuditRecordException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  MalformedAuditRecordException(String recordId, String field, String problem) {
    super("audit record" + (recordId == null ? "" : " '" + recordId + "'") + ": "
        + (field == null ? "" : "field '" + field + "': ") + problem);
    this.field = field;
  }

  /** The path of the field at fault, or null when the whole value is. */
  public String field() {
    return field;
  }
}
