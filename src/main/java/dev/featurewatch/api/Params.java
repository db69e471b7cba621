package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Typed, range-checked reads of request parameters. A wrong type or an out-of-range value is a 400
 * naming the parameter; {@code null} counts as absent, as in OpenAI's API.
 */
final class Params {
  private Params() {}

  static boolean present(JsonNode body, String name) {
    JsonNode v = body.get(name);
    return v != null && !v.isNull();
  }

  static Double optionalNumber(JsonNode body, String name, double min, double max) {
    if (!present(body, name)) {
      return null;
    }
    JsonNode v = body.get(name);
    if (!v.isNumber()) {
      throw OpenAiError.invalid(name, name + " must be a number, got " + describe(v));
    }
    BigDecimal exact = v.decimalValue();
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw OpenAiError.invalid(name, name + " must be between " + plain(min) + " and " + plain(max) + ", got " + exact);
    }
    return exact.doubleValue();
  }

  static Long optionalInteger(JsonNode body, String name, long min, long max) {
    if (!present(body, name)) {
      return null;
    }
    JsonNode v = body.get(name);
    if (!v.isIntegralNumber()) {
      throw OpenAiError.invalid(name, name + " must be an integer, got " + describe(v));
    }
    java.math.BigInteger exact = v.bigIntegerValue();
    if (exact.compareTo(java.math.BigInteger.valueOf(min)) < 0 || exact.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw OpenAiError.invalid(name, name + " must be between " + min + " and " + max + ", got " + exact);
    }
    return exact.longValue();
  }

  static boolean optionalBoolean(JsonNode body, String name, boolean absent) {
    if (!present(body, name)) {
      return absent;
    }
    JsonNode v = body.get(name);
    if (!v.isBoolean()) {
      throw OpenAiError.invalid(name, name + " must be true or false, got " + describe(v));
    }
    return v.booleanValue();
  }

  static String optionalString(JsonNode body, String name) {
    if (!present(body, name)) {
      return null;
    }
    JsonNode v = body.get(name);
    if (!v.isTextual()) {
      throw OpenAiError.invalid(name, name + " must be a string, got " + describe(v));
    }
    return v.textValue();
  }

  static JsonNode optionalObject(JsonNode body, String name) {
    if (!present(body, name)) {
      return null;
    }
    JsonNode v = body.get(name);
    if (!v.isObject()) {
      throw OpenAiError.invalid(name, name + " must be an object, got " + describe(v));
    }
    return v;
  }

  /** {@code stop}: a string or an array of up to 4 non-empty strings. */
  static java.util.List<String> stopStrings(JsonNode body) {
    if (!present(body, "stop")) {
      return java.util.List.of();
    }
    JsonNode v = body.get("stop");
    if (v.isTextual()) {
      if (v.textValue().isEmpty()) {
        throw OpenAiError.invalid("stop", "stop must not be an empty string");
      }
      return java.util.List.of(v.textValue());
    }
    if (!v.isArray()) {
      throw OpenAiError.invalid("stop", "stop must be a string or an array of strings, got " + describe(v));
    }
    if (v.size() > 4) {
      throw OpenAiError.invalid("stop", "stop may list at most 4 strings, got " + v.size());
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode s = v.get(i);
      if (!s.isTextual() || s.textValue().isEmpty()) {
        throw OpenAiError.invalid("stop[" + i + "]", "stop[" + i + "] must be a non-empty string, got " + describe(s));
      }
      out.add(s.textValue());
    }
    return out;
  }

  static String describe(JsonNode v) {
    String type = switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
    return type;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
