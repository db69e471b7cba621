package dev.featurewatch.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Typed reads of one JSON object's fields for the project's own JSON Lines formats (the feature
 * dictionary, labelled corpora, Neuronpedia exports, audit records). A wrong type fails with the
 * field's path inside the line, through the caller's {@link Errors}, so each format keeps its own
 * exception and location (file and line, or record id). Absent and {@code null} fields read as
 * unknown (null, NaN, the given default); the {@code required} reads insist.
 */
public final class JsonFields {
  /** Makes the exception for a problem with the value at {@code path} (null: the object itself). */
  @FunctionalInterface
  public interface Errors {
    RuntimeException at(String path, String problem);
  }

  /** Told each item of an array field with the item's path. */
  @FunctionalInterface
  public interface Item {
    void accept(JsonNode item, String path);
  }

  private final String prefix;
  private final JsonNode object;
  private final Errors errors;

  /**
   * @param prefix path of {@code object} inside the line, "" for the line itself
   * @param object the object to read; anything else fails through {@code errors}
   */
  public JsonFields(String prefix, JsonNode object, Errors errors) {
    this.prefix = prefix;
    this.object = object;
    this.errors = errors;
    if (object == null || !object.isObject()) {
      throw errors.at(prefix.isEmpty() ? null : prefix, "expected a JSON object, got " + describe(object));
    }
  }

  public JsonNode node() {
    return object;
  }

  public String path(String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  /** The exception for a problem with {@code field}. */
  public RuntimeException error(String field, String problem) {
    return errors.at(path(field), problem);
  }

  /** The exception for a problem at a full path (an array item's). */
  public RuntimeException errorAt(String path, String problem) {
    return errors.at(path, problem);
  }

  /** The field's node, or null when absent or JSON null. */
  public JsonNode get(String field) {
    JsonNode n = object.get(field);
    return n == null || n.isNull() ? null : n;
  }

  public boolean has(String field) {
    return get(field) != null;
  }

  public String text(String field) {
    JsonNode n = get(field);
    return n == null ? null : textAt(n, path(field));
  }

  public String requiredText(String field) {
    String text = text(field);
    if (text == null) {
      throw error(field, "is required");
    }
    return text;
  }

  /** A string item (of an array) at {@code path}. */
  public String textAt(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw errors.at(path, "expected a string, got " + describe(n));
    }
    return n.textValue();
  }

  /** A string, or a number written for one (Neuronpedia writes indices as strings, others as numbers). */
  public String textOrNumber(String field) {
    JsonNode n = get(field);
    return n != null && n.isNumber() ? n.asText() : text(field);
  }

  /** A number, or NaN when absent. */
  public double number(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return Double.NaN;
    }
    if (!n.isNumber()) {
      throw error(field, "expected a number, got " + describe(n));
    }
    return n.doubleValue();
  }

  /** Any int. */
  public int requiredInt(String field) {
    return integer(field, required(field), Integer.MIN_VALUE);
  }

  /** Any int, or {@code absent}. */
  public int optionalInt(String field, int absent) {
    JsonNode n = get(field);
    return n == null ? absent : integer(field, n, Integer.MIN_VALUE);
  }

  /** An int of at least 0 (an index, a count, a version). */
  public int requiredIndex(String field) {
    return integer(field, required(field), 0);
  }

  /** An int of at least 0, or {@code absent}. */
  public int optionalIndex(String field, int absent) {
    JsonNode n = get(field);
    return n == null ? absent : integer(field, n, 0);
  }

  /** A long of at least 0, or 0 when absent. */
  public long count(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw error(field, "expected a whole number >= 0, got " + describe(n));
    }
    return n.longValue();
  }

  /** The field as an array (empty when absent). */
  public JsonNode array(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw error(field, "expected an array, got " + describe(n));
    }
    return n;
  }

  /** Visits the items of an array field (absent: none) with each item's path. */
  public void each(String field, Item visitor) {
    JsonNode a = array(field);
    for (int i = 0; i < a.size(); i++) {
      visitor.accept(a.get(i), path(field) + "[" + i + "]");
    }
  }

  /** The object at {@code field}, for nested reads. */
  public JsonFields object(String field) {
    return new JsonFields(path(field), get(field), errors);
  }

  /** The object at {@code field[i]}, for nested reads. */
  public JsonFields object(String field, int i) {
    return new JsonFields(path(field) + "[" + i + "]", array(field).get(i), errors);
  }

  public float[] floats(String field) {
    JsonNode a = array(field);
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      if (!v.isNumber()) {
        throw error(field + "[" + i + "]", "expected a number, got " + describe(v));
      }
      out[i] = v.floatValue();
    }
    return out;
  }

  public long[] counts(String field) {
    JsonNode a = array(field);
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        throw error(field + "[" + i + "]", "expected a whole number >= 0, got " + describe(v));
      }
      out[i] = v.longValue();
    }
    return out;
  }

  public String[] texts(String field) {
    JsonNode a = array(field);
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = textAt(a.get(i), path(field) + "[" + i + "]");
    }
    return out;
  }

  /** A short description of a JSON value for messages: its text, cut to 60 characters. */
  public static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    String text = n.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  private JsonNode required(String field) {
    JsonNode n = get(field);
    if (n == null) {
      throw error(field, "is required");
    }
    return n;
  }

  private int integer(String field, JsonNode n, int min) {
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min) {
      throw error(field, min == 0 ? "expected a whole number >= 0, got " + describe(n) : "expected an integer, got " + describe(n));
    }
    return n.intValue();
  }
}
