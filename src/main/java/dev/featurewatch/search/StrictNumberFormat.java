package dev.featurewatch.search;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Parses the numbers of point queries ({@code feature:1250}, {@code density:[0 TO 1e-3]}) as Java
 * literals, the whole text or nothing. Lucene's query parser takes a {@link NumberFormat}; the
 * locale's DecimalFormat would read "0,5" as 5 in some locales, stop silently at "1e-3", accept
 * "0.5abc" as 0.5 and "1.5" for an integer field, and the parser would narrow a number too large
 * for its field without a word. Stateless, so one instance may serve every parser.
 */
public final class StrictNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  private final boolean whole;
  private final long min;
  private final long max;

  private StrictNumberFormat(boolean whole, long min, long max) {
    this.whole = whole;
    this.min = min;
    this.max = max;
  }

  /** Whole numbers from {@code min} to {@code max}, as {@link Long}s. */
  public static StrictNumberFormat wholeNumbers(long min, long max) {
    return new StrictNumberFormat(true, min, max);
  }

  /** Finite decimal numbers, as {@link Double}s (no NaN, Infinity or hexadecimal floats). */
  public static StrictNumberFormat decimals() {
    return new StrictNumberFormat(false, 0, 0);
  }

  @Override
  public Number parse(String source, ParsePosition position) {
    String text = source.substring(position.getIndex()).trim();
    try {
      Number value;
      if (whole) {
        long v = Long.parseLong(text);
        if (v < min || v > max) {
          throw new NumberFormatException(text);
        }
        value = v;
      } else {
        double d = Double.parseDouble(text);
        if (Double.isNaN(d) || Double.isInfinite(d) || !text.matches("[-+0-9.eE]+")) {
          throw new NumberFormatException(text);
        }
        value = d;
      }
      position.setIndex(source.length());
      return value;
    } catch (NumberFormatException e) {
      position.setErrorIndex(position.getIndex());
      return null;
    }
  }

  @Override
  public StringBuffer format(double number, StringBuffer to, FieldPosition position) {
    return to.append(number);
  }

  @Override
  public StringBuffer format(long number, StringBuffer to, FieldPosition position) {
    return to.append(number);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrictNumberFormat f && f.whole == whole && f.min == min && f.max == max;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(whole) * 31 + Long.hashCode(min) * 17 + Long.hashCode(max);
  }
}
