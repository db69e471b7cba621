package dev.featurewatch.organism.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence pattern with slots and labelled regions, parsed once. {@code {name}} is replaced by
 * a slot's value and {@code {Name}} by the same value with its first letter capitalised (unless
 * a slot named {@code Name} exists); {@code [ ... ]} marks a region that becomes a {@link
 * LabelledSpan} of the concept and polarity the caller gives, so scene code never counts
 * characters. Regions do not nest; templates use no literal brackets or braces.
 *
 * <p>Example: {@code "[{Bridge}] opened in [{year}]."} with {@code bridge = "the Golden Gate
 * Bridge"} writes "The Golden Gate Bridge opened in 1937." and two spans.
 */
final class Template {
  private final String source;
  /** Literal text, or null where {@link #slots} names a slot, {@link #OPEN} or {@link #CLOSE}. */
  private final String[] literals;
  private final String[] slots;
  private final boolean[] capitalise;
  private final boolean labelled;

  private static final String OPEN = "[";
  private static final String CLOSE = "]";

  private Template(String source) {
    this.source = source;
    List<String> lits = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Boolean> caps = new ArrayList<>();
    boolean inRegion = false;
    boolean anyRegion = false;
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '{' || c == '[' || c == ']') {
        flush(literal, lits, names, caps);
        if (c == '{') {
          int close = source.indexOf('}', i);
          if (close < 0) {
            throw new IllegalArgumentException("template has an unclosed '{': " + source);
          }
          String name = source.substring(i + 1, close);
          if (name.isEmpty() || name.indexOf('{') >= 0) {
            throw new IllegalArgumentException("template has an empty or broken slot: " + source);
          }
          lits.add(null);
          names.add(name);
          caps.add(Character.isUpperCase(name.charAt(0)));
          i = close;
        } else {
          if ((c == '[') == inRegion) {
            throw new IllegalArgumentException("template has a nested or unopened region: " + source);
          }
          inRegion = c == '[';
          anyRegion = true;
          lits.add(null);
          names.add(c == '[' ? OPEN : CLOSE);
          caps.add(false);
        }
      } else if (c == '}') {
        throw new IllegalArgumentException("template has an unopened '}': " + source);
      } else {
        literal.append(c);
      }
    }
    if (inRegion) {
      throw new IllegalArgumentException("template has an unclosed region: " + source);
    }
    flush(literal, lits, names, caps);
    this.literals = lits.toArray(new String[0]);
    this.slots = names.toArray(new String[0]);
    this.capitalise = new boolean[caps.size()];
    for (int i = 0; i < capitalise.length; i++) {
      capitalise[i] = caps.get(i);
    }
    this.labelled = anyRegion;
  }

  private static void flush(StringBuilder literal, List<String> lits, List<String> names, List<Boolean> caps) {
    if (literal.length() > 0) {
      lits.add(literal.toString());
      names.add(null);
      caps.add(false);
      literal.setLength(0);
    }
  }

  /** Parses a template. */
  static Template of(String source) {
    return new Template(source);
  }

  /** A pool of templates, every fifth held out. */
  static SplitPool<Template> pool(String name, String... sources) {
    List<Template> templates = new ArrayList<>(sources.length);
    for (String s : sources) {
      templates.add(of(s));
    }
    return SplitPool.of(name, templates);
  }

  /** Whether the template has {@code [ ... ]} regions. */
  boolean labelled() {
    return labelled;
  }

  /**
   * Appends the filled template to a turn; each region becomes a span of {@code concept}.
   *
   * @param concept null only for a template without regions
   * @param polarity one value for every region, or one per region in order (for a sentence that
   *     names a concept and its contrast)
   * @throws IllegalArgumentException for a slot without a value, regions without a concept, or a
   *     polarity count that fits neither
   */
  void writeTo(Turn turn, Slots values, Concept concept, boolean... polarity) {
    if (labelled && concept == null) {
      throw new IllegalArgumentException("template has labelled regions but no concept was given: " + source);
    }
    if (labelled && polarity.length != 1 && polarity.length != regions()) {
      throw new IllegalArgumentException("template has " + regions() + " regions but " + polarity.length + " polarities were given: " + source);
    }
    int regionStart = -1;
    int region = 0;
    for (int i = 0; i < literals.length; i++) {
      if (literals[i] != null) {
        turn.say(literals[i]);
      } else if (slots[i] == OPEN) {
        regionStart = turn.length();
      } else if (slots[i] == CLOSE) {
        turn.label(regionStart, concept, polarity[polarity.length == 1 ? 0 : region++]);
      } else {
        turn.say(value(values, slots[i], capitalise[i]));
      }
    }
  }

  private int regions() {
    int n = 0;
    for (String s : slots) {
      if (s == OPEN) {
        n++;
      }
    }
    return n;
  }

  /** The filled template as plain text, regions unmarked. */
  String fill(Slots values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < literals.length; i++) {
      if (literals[i] != null) {
        out.append(literals[i]);
      } else if (slots[i] != OPEN && slots[i] != CLOSE) {
        out.append(value(values, slots[i], capitalise[i]));
      }
    }
    return out.toString();
  }

  private String value(Slots values, String slot, boolean capitalise) {
    String v = values.get(slot);
    if (v == null && capitalise) {
      String lower = Character.toLowerCase(slot.charAt(0)) + slot.substring(1);
      v = values.get(lower);
      if (v != null) {
        v = Slots.capitalise(v);
      }
    }
    if (v == null) {
      throw new IllegalArgumentException("no value for slot '" + slot + "' in template: " + source);
    }
    return v;
  }

  @Override
  public String toString() {
    return source;
  }
}
