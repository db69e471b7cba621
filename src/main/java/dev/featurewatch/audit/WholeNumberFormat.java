package dev.featurewatch.audit;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Parses the whole numbers of point queries ({@code feature:1250}, {@code status:[500 TO 599]}) as
 * Java literals within a range, the whole text or nothing. The locale's DecimalFormat would accept
 * "12abc" as 12 and "1.5" for an integer field, and the parser would silently narrow a number too
 * large for an int. Stateless.
 */
final class WholeNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  private final long min;
  private final long max;

  WholeNumberFormat(long min, long max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public Number parse(String source, ParsePosition position) {
    String text = source.substring(position.getIndex()).trim();
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw new NumberFormatException(text);
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
    return to.append((long) number);
  }

  @Override
  public StringBuffer format(long number, StringBuffer to, FieldPosition position) {
    return to.append(number);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WholeNumberFormat f && f.min == min && f.max == max;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(min) * 31 + Long.hashCode(max);
  }
}
