package dev.featurewatch.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.json.JsonFields;

/**
 * A dictionary or explanation file that cannot be read as one: the message names the file, the
 * line (or array element) and the field, e.g. {@code features.jsonl:12: field 'density': expected
 * a number, got "high"}.
 */
public final class DictionaryFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String field;

  DictionaryFormatException(String location, String field, String problem) {
    super(location + ": " + (field == null ? "" : "field '" + field + "': ") + problem);
    this.location = location;
    this.field = field;
  }

  /** A reader of one line's fields whose problems are this exception, at {@code location}. */
  static JsonFields fields(String location, JsonNode object) {
    return new JsonFields("", object, (path, problem) -> new DictionaryFormatException(location, path, problem));
  }

  /** {@code file:line}, or {@code file: element N} for a JSON array. */
  public String location() {
    return location;
  }

  /** The field at fault (a path such as {@code top_examples[2].values}), or null for the whole line. */
  public String field() {
    return field;
  }
}
