package dev.featurewatch.rules;

import java.util.Locale;

/** Rule-file spelling of enum constants: lower case, underscores kept ({@code ON_FAILURE} → {@code on_failure}). */
final class YamlName {
  private YamlName() {}

  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** Accepted spellings of an enum, for error messages: "a, b or c". */
  static <E extends Enum<E>> String choices(Class<E> type) {
    E[] all = type.getEnumConstants();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      if (i > 0) {
        b.append(i == all.length - 1 ? " or " : ", ");
      }
      b.append(of(all[i]));
    }
    return b.toString();
  }

  /** The constant spelled {@code name}, or null. */
  static <E extends Enum<E>> E parse(Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(name)) {
        return e;
      }
    }
    return null;
  }
}
