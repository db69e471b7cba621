package dev.featurewatch.dictionary;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Parses the numbers of range queries ({@code density:[0 TO 1e-3]}) as Java literals, the whole
 * text or nothing. Lucene's query parser takes a {@link NumberFormat}; the locale's DecimalFormat
 * would read "0,5" as 5 in some locales, stop silently at "1e-3" and accept "0.5abc" as 0.5.
 * Stateless, so one instance may serve every parser.
 */
final class StrictNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  private final boolean integer;

  /** @param integer whether only whole numbers are accepted (feature indices) */
  StrictNumberFormat(boolean integer) {
    this.integer = integer;
  }

  @Override
  public Number parse(String source, ParsePosition position) {
    String text = source.substring(position.getIndex()).trim();
    try {
      Number value = integer ? (Number) Integer.valueOf(text) : (Number) Double.valueOf(text);
      if (value instanceof Double d && (d.isNaN() || d.isInfinite() || !text.matches("[-+0-9.eE]+"))) {
        throw new NumberFormatException(text); // no NaN, Infinity or hexadecimal floats
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
    return o instanceof StrictNumberFormat f && f.integer == integer;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(integer);
  }
}
