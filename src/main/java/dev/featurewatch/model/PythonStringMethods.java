package dev.featurewatch.model;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The Python {@code str} methods that chat templates call. jinjava would otherwise find only
 * Java's methods ({@code strip()} exists there, {@code startswith} does not, and Java's {@code
 * split} takes a regular expression).
 */
final class PythonStringMethods extends ELResolver {

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (!(base instanceof String) || method == null) {
      return null;
    }
    String s = (String) base;
    Object[] args = params == null ? new Object[0] : params;
    Object result =
        switch (method.toString()) {
          case "strip" -> args.length <= 1 ? strip(s, chars(args), true, true) : null;
          case "lstrip" -> args.length <= 1 ? strip(s, chars(args), true, false) : null;
          case "rstrip" -> args.length <= 1 ? strip(s, chars(args), false, true) : null;
          case "startswith" -> args.length == 1 ? affix(s, args[0], true) : null;
          case "endswith" -> args.length == 1 ? affix(s, args[0], false) : null;
          case "split" -> args.length <= 2 ? split(s, args) : null;
          case "upper" -> args.length == 0 ? s.toUpperCase(Locale.ROOT) : null;
          case "lower" -> args.length == 0 ? s.toLowerCase(Locale.ROOT) : null;
          default -> null;
        };
    if (result != null) {
      context.setPropertyResolved(true);
    }
    return result;
  }

  /** The chars argument of strip: null (whitespace), a string, or not applicable. */
  private static String chars(Object[] args) {
    if (args.length == 0 || args[0] == null) {
      return null;
    }
    return args[0] instanceof String ? (String) args[0] : "";
  }

  private static String strip(String s, String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && strippable(s.codePointAt(start), chars)) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (right && end > start && strippable(s.codePointBefore(end), chars)) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean strippable(int codePoint, String chars) {
    if (chars == null) { // Python's str.isspace, which includes no-break spaces
      return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
    return chars.indexOf(codePoint) >= 0;
  }

  /** startswith/endswith with a string or a sequence of strings; null if neither. */
  private static Boolean affix(String s, Object arg, boolean prefix) {
    if (arg instanceof String a) {
      return prefix ? s.startsWith(a) : s.endsWith(a);
    }
    if (arg instanceof Iterable<?> options) {
      for (Object option : options) {
        if (!(option instanceof String a)) {
          return null;
        }
        if (prefix ? s.startsWith(a) : s.endsWith(a)) {
          return true;
        }
      }
      return false;
    }
    return null;
  }

  /** Python's split: literal separator, or runs of whitespace when none is given. */
  private static List<String> split(String s, Object[] args) {
    String sep = args.length > 0 && args[0] != null ? String.valueOf(args[0]) : null;
    int maxSplit = args.length > 1 ? ((Number) args[1]).intValue() : -1;
    List<String> parts = new ArrayList<>();
    if (sep == null) {
      String rest = strip(s, null, true, false);
      while (!rest.isEmpty()) {
        if (maxSplit >= 0 && parts.size() == maxSplit) {
          parts.add(rest);
          break;
        }
        int cut = 0;
        while (cut < rest.length() && !strippable(rest.codePointAt(cut), null)) {
          cut += Character.charCount(rest.codePointAt(cut));
        }
        parts.add(rest.substring(0, cut));
        rest = strip(rest.substring(cut), null, true, false);
      }
      return parts;
    }
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("split: empty separator");
    }
    int from = 0;
    int at;
    while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(sep, from)) >= 0) {
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  // Only method calls are handled; properties go to the next resolver.

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
