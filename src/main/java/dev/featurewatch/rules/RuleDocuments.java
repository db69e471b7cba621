package dev.featurewatch.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a rule file's text into its YAML documents at {@code ---} lines, keeping each document's
 * raw text and first line. Raw text (not re-serialised YAML) is what lets a rule be replaced or
 * removed from a file that holds several while every other rule, comment and blank line stays
 * exactly as its author wrote it.
 */
final class RuleDocuments {
  private RuleDocuments() {}

  /**
   * A document's text, its {@code ---} line included when it has one.
   *
   * @param text the document's lines, each with its line break
   * @param firstLine 0-based line of the file the text starts on
   */
  record Raw(String text, int firstLine) {
    /** Whether the document has nothing but comments, blank lines and markers. */
    boolean isBlank() {
      for (String line : text.split("\n", -1)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#") && !isMarker(line) && !t.equals("...")) {
          return false;
        }
      }
      return true;
    }
  }

  static List<Raw> split(String text) {
    List<Raw> docs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 0;
    int lineNo = 0;
    int from = 0;
    while (from < text.length()) {
      int end = text.indexOf('\n', from);
      int next = end < 0 ? text.length() : end + 1;
      String line = text.substring(from, next);
      if (isMarker(line) && lineNo > 0) {
        docs.add(new Raw(current.toString(), start));
        current.setLength(0);
        start = lineNo;
      }
      current.append(line);
      lineNo++;
      from = next;
    }
    docs.add(new Raw(current.toString(), start));
    return docs;
  }

  /** A document start marker: {@code ---} alone or followed by a space (or a comment). */
  static boolean isMarker(String line) {
    String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    l = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    return l.startsWith("---") && (l.length() == 3 || l.charAt(3) == ' ' || l.charAt(3) == '\t');
  }

  /** The documents joined back into a file, with a line break between any two that lack one. */
  static String join(List<Raw> docs) {
    StringBuilder b = new StringBuilder();
    for (Raw d : docs) {
      if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
        b.append('\n');
      }
      b.append(d.text());
    }
    return b.toString();
  }
}
