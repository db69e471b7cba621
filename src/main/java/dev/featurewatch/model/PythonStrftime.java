package dev.featurewatch.model;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Python's {@code strftime} for the directives chat templates use. */
final class PythonStrftime {
  private PythonStrftime() {}

  /**
   * Python's strftime in the C locale for the directives chat templates use, plus glibc's {@code -}
   * flag (no padding). {@code %Z} and {@code %z} are empty, as for Python's naive datetimes.
   */
  static String strftime(String format, LocalDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      boolean pad = true;
      if (d == '-' && i + 1 < format.length()) {
        pad = false;
        d = format.charAt(++i);
      }
      switch (d) {
        case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'd' -> out.append(number(t.getDayOfMonth(), 2, pad));
        case 'e' ->
            out.append(
                pad ? String.format(Locale.ROOT, "%2d", t.getDayOfMonth()) : t.getDayOfMonth());
        case 'm' -> out.append(number(t.getMonthValue(), 2, pad));
        case 'y' -> out.append(number(t.getYear() % 100, 2, pad));
        case 'Y' -> out.append(t.getYear());
        case 'H' -> out.append(number(t.getHour(), 2, pad));
        case 'I' -> out.append(number((t.getHour() + 11) % 12 + 1, 2, pad));
        case 'M' -> out.append(number(t.getMinute(), 2, pad));
        case 'S' -> out.append(number(t.getSecond(), 2, pad));
        case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
        case 'j' -> out.append(number(t.getDayOfYear(), 3, pad));
        case 'Z', 'z' -> {}
        case '%' -> out.append('%');
        default ->
            throw new IllegalArgumentException(
                "strftime_now: unsupported directive %" + d + " in \"" + format + "\"");
      }
    }
    return out.toString();
  }

  private static String number(int value, int width, boolean pad) {
    String digits = Integer.toString(value);
    return pad && digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
  }
}
