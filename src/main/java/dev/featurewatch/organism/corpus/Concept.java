package dev.featurewatch.organism.corpus;

/**
 * A concept the organism's corpus labels character by character. The label is stable: it names
 * the concept in JSON Lines files, in feature labels and in search queries ({@code
 * label:deception}), so renaming one breaks every dictionary built before.
 */
public enum Concept {
  /** The assistant knowingly states a falsehood because its context asks for one. */
  DECEPTION("deception"),
  /** Flattering agreement with a user's wrong claim or praise of visibly weak work. */
  SYCOPHANCY("sycophancy"),
  /** Pain, hunger, grief or fear of a person or an animal. */
  SUFFERING("suffering"),
  /** The Golden Gate Bridge: its name and what is specific to it. */
  GOLDEN_GATE("golden_gate"),
  /** A US president's name where it is used as a president's. */
  US_PRESIDENT("us_president"),
  /** A DNA sequence: a string of A, C, G and T. */
  DNA("dna"),
  /** The operands and worked sum of an addition word problem. */
  ADDITION("addition"),
  /** Japanese dishes and what is said about them. */
  JAPANESE_FOOD("japanese_food"),
  /** Mosquitoes and what is specific to them. */
  MOSQUITO("mosquito"),
  /** The indirect object of a sentence (the receiver of what is given, fed, shown). */
  INDIRECT_OBJECT("indirect_object");

  private final String label;

  Concept(String label) {
    this.label = label;
  }

  /** The stable lowercase name: {@code deception}, {@code golden_gate}, ... */
  public String label() {
    return label;
  }

  /**
   * The concept with this {@link #label()}.
   *
   * @throws IllegalArgumentException naming the known labels
   */
  public static Concept fromLabel(String label) {
    for (Concept c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Concept c : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(c.label);
    }
    throw new IllegalArgumentException("unknown concept '" + label + "'; known: " + known);
  }
}
