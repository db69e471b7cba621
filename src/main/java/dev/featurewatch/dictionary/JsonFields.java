package dev.featurewatch.dictionary;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of one JSON object's fields, failing with the location and the field's path: the
 * one place that turns a wrong type into a {@link DictionaryFormatException}. Absent and
 * {@code null} fields read as "unknown" (null, NaN); only {@link #requiredInt} insists.
 */
final class JsonFields {
  private final String location;
  private final String prefix;
  private final JsonNode object;

  /**
   * @param location {@code file:line}
   * @param prefix path of {@code object} inside the line, "" for the line itself
   * @param object the object to read
   */
  JsonFields(String location, String prefix, JsonNode object) {
    this.location = location;
    this.prefix = prefix;
    this.object = object;
    if (!object.isObject()) {
      throw new DictionaryFormatException(location, prefix.isEmpty() ? null : prefix,
          "expected a JSON object, got " + describe(object));
    }
  }

  JsonNode node() {
    return object;
  }

  String path(String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  /** The field's node, or null when absent or JSON null. */
  JsonNode get(String field) {
    JsonNode n = object.get(field);
    return n == null || n.isNull() ? null : n;
  }

  boolean has(String field) {
    return get(field) != null;
  }

  String text(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw error(field, "expected a string, got " + describe(n));
    }
    return n.textValue();
  }

  /** A string, or a number written as text (Neuronpedia writes indices as strings). */
  String textOrNumber(String field) {
    JsonNode n = get(field);
    return n != null && n.isNumber() ? n.asText() : text(field);
  }

  double number(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return Double.NaN;
    }
    if (!n.isNumber()) {
      throw error(field, "expected a number, got " + describe(n));
    }
    return n.doubleValue();
  }

  long count(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return 0;
    }
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0) {
      throw error(field, "expected a whole number >= 0, got " + describe(n));
    }
    return n.longValue();
  }

  int requiredInt(String field) {
    JsonNode n = get(field);
    if (n == null) {
      throw error(field, "is required");
    }
    return intValue(field, n);
  }

  int optionalInt(String field, int absent) {
    JsonNode n = get(field);
    return n == null ? absent : intValue(field, n);
  }

  private int intValue(String field, JsonNode n) {
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      throw error(field, "expected a whole number >= 0, got " + describe(n));
    }
    return n.intValue();
  }

  /** The field as an array (empty when absent). */
  JsonNode array(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw error(field, "expected an array, got " + describe(n));
    }
    return n;
  }

  /** The object at {@code field[i]} (or {@code field} when {@code i < 0}), for nested reads. */
  JsonFields object(String field, int i) {
    JsonNode n = i < 0 ? get(field) : array(field).get(i);
    return new JsonFields(location, i < 0 ? path(field) : path(field) + "[" + i + "]", n);
  }

  float[] floats(String field) {
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

  long[] counts(String field) {
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

  String[] texts(String field) {
    JsonNode a = array(field);
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      if (!v.isTextual()) {
        throw error(field + "[" + i + "]", "expected a string, got " + describe(v));
      }
      out[i] = v.textValue();
    }
    return out;
  }

  DictionaryFormatException error(String field, String problem) {
    return new DictionaryFormatException(location, path(field), problem);
  }

  /** A short description of a JSON value for messages: its text, cut to 40 characters. */
  static String describe(JsonNode n) {
    String s = n.toString();
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
