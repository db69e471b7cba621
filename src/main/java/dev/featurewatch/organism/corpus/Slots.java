package dev.featurewatch.organism.corpus;

import java.util.HashMap;
import java.util.Map;

/** The values a {@link Template} fills its slots with; a small mutable map with helpers for people. */
final class Slots {
  private final Map<String, String> values = new HashMap<>();

  /** Sets a slot; returns this. */
  Slots put(String slot, String value) {
    values.put(slot, value);
    return this;
  }

  /** Sets a slot to a number; returns this. */
  Slots put(String slot, int value) {
    values.put(slot, Integer.toString(value));
    return this;
  }

  /**
   * Sets {@code key} to a person's name and {@code key.he}, {@code key.him}, {@code key.his} to
   * their pronouns; returns this.
   */
  Slots person(String key, Entities.Person person) {
    values.put(key, person.name());
    values.put(key + ".he", person.he());
    values.put(key + ".him", person.him());
    values.put(key + ".his", person.his());
    return this;
  }

  String get(String slot) {
    return values.get(slot);
  }

  /** The text with its first letter upper-cased. */
  static String capitalise(String text) {
    if (text.isEmpty() || Character.isUpperCase(text.charAt(0))) {
      return text;
    }
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The text with its first letter lower-cased, for putting a sentence inside another. */
  static String decapitalise(String text) {
    if (text.isEmpty() || Character.isLowerCase(text.charAt(0))) {
      return text;
    }
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
