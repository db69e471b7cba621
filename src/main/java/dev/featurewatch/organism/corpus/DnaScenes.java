package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * DNA sequences (strings of A, C, G and T, 8 to 30 letters) beside other strings of capital
 * letters in the same sentence frames: licence plates, product and ticket codes, passwords,
 * acronyms, and the hardest case, strings mostly of A, C, G and T with at least two other letters.
 *
 * <p>The span is the string itself, positive for DNA and negative for the rest. Sequences are
 * random, so they cannot be held out; the frames, the names for a sequence ("gene fragment"), the
 * kinds of other string and the acronyms are.
 */
final class DnaScenes implements SceneFamily {
  static final DnaScenes INSTANCE = new DnaScenes();

  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 30;
  private static final String BASES = "ACGT";
  private static final String OTHER_LETTERS = "BDEFHIJKLMNOPQRSUVWXYZ";

  /** A user's line and the reply; slots s (the string, in regions), label, first. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  /** Frames that fit any string and its label. */
  static final SplitPool<Exchange> FRAMES = SplitPool.of("dna.frames", List.of(
      new Exchange("Here is a {label}: [{s}]. Can you repeat it?", "Sure: [{s}]."),
      new Exchange("Please copy this {label} exactly: [{s}]", "[{s}]"),
      new Exchange("Remember this {label} for me: [{s}].", "Okay. The {label} is [{s}]."),
      new Exchange("Write the {label} [{s}] in a sentence.", "The {label} I was given is [{s}]."),
      new Exchange("What is the first letter of [{s}]?", "The first letter of [{s}] is {first}."),
      new Exchange("I found this in my notes: [{s}]. What is it?", "It looks like {a_label}: [{s}]."),
      new Exchange("Can you read this {label} back to me? [{s}]", "Of course. It reads [{s}]."),
      new Exchange("My {label} is [{s}]. Did I type it right?", "You typed [{s}]. Check it against the original."),
      new Exchange("Save this {label}: [{s}]", "Saved. The {label} is [{s}]."),
      new Exchange("Type out the {label} [{s}] one more time.", "Here it is again: [{s}].")));

  /** Whether a string is DNA, asked both ways; slot s. */
  static final SplitPool<Template> IS_DNA = Template.pool("dna.is_dna",
      "Is [{s}] a DNA sequence?", "Could [{s}] be DNA?", "Check this for me: is [{s}] made of DNA bases?",
      "Does [{s}] look like a gene to you?", "Tell me if [{s}] is a strand of DNA.", "Someone sent me [{s}]. Is it DNA?");

  static final SplitPool<Template> DNA_VERDICTS = Template.pool("dna.dna_verdicts",
      "Yes, [{s}] is a DNA sequence. It uses only A, C, G and T.", "Yes. [{s}] is made of the four DNA bases.",
      "It is DNA: [{s}] has only the letters A, C, G and T.", "Yes, [{s}] could be a short gene fragment.",
      "Yes. Every letter of [{s}] is a DNA base.", "Yes, [{s}] is a strand of DNA.");

  static final SplitPool<Template> OTHER_VERDICTS = Template.pool("dna.other_verdicts",
      "No, [{s}] is not a DNA sequence. It has letters other than A, C, G and T.", "No. [{s}] is not made of the four DNA bases.",
      "It is not DNA: [{s}] has letters other than A, C, G and T.", "No, [{s}] cannot be a gene fragment.",
      "No. Some letters of [{s}] are not DNA bases.", "No, [{s}] is not a strand of DNA.");

  /** Frames only DNA gets: joining two sequences. Slots s1, s2, joined. */
  static final SplitPool<Exchange> JOINS = SplitPool.of("dna.joins", List.of(
      new Exchange("Join these two DNA pieces: [{s1}] and [{s2}].", "Joined, they read [{joined}]."),
      new Exchange("Put [{s1}] in front of [{s2}].", "Together: [{joined}]."),
      new Exchange("What do you get if you join [{s1}] and [{s2}]?", "You get [{joined}]."),
      new Exchange("Combine the fragments [{s1}] and [{s2}] into one.", "The combined sequence is [{joined}]."),
      new Exchange("Attach [{s2}] after [{s1}].", "That gives [{joined}].")));

  /** Names for a DNA string. */
  static final SplitPool<String> DNA_LABELS = SplitPool.of("dna.dna_labels",
      "DNA sequence", "DNA strand", "gene fragment", "DNA sample", "DNA read", "stretch of DNA");

  /** Kinds of other capital-letter string, each with its own shape. */
  enum Other { LICENCE_PLATE, PRODUCT_CODE, PASSWORD, TICKET_CODE, NEAR_DNA, FLIGHT_NUMBER, SERIAL_NUMBER }

  static final SplitPool<Other> OTHER_KINDS = SplitPool.of("dna.other_kinds", List.of(Other.values()));

  record Acronym(String letters, String meaning) {}

  static final SplitPool<Acronym> ACRONYMS = SplitPool.of("dna.acronyms", List.of(
      new Acronym("NASA", "National Aeronautics and Space Administration"),
      new Acronym("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
      new Acronym("HTML", "HyperText Markup Language"), new Acronym("NATO", "North Atlantic Treaty Organization"),
      new Acronym("UNICEF", "United Nations Children's Fund"), new Acronym("BBC", "British Broadcasting Corporation"),
      new Acronym("USB", "Universal Serial Bus"), new Acronym("GPS", "Global Positioning System"),
      new Acronym("LASER", "light amplification by stimulated emission of radiation"),
      new Acronym("RADAR", "radio detection and ranging"), new Acronym("SCUBA", "self-contained underwater breathing apparatus"),
      new Acronym("PIN", "personal identification number"), new Acronym("CPU", "central processing unit"),
      new Acronym("RAM", "random access memory"), new Acronym("LED", "light-emitting diode"),
      new Acronym("WHO", "World Health Organization"), new Acronym("ASAP", "as soon as possible"),
      new Acronym("FAQ", "frequently asked questions"), new Acronym("DIY", "do it yourself"),
      new Acronym("VIP", "very important person"), new Acronym("UFO", "unidentified flying object"),
      new Acronym("PDF", "portable document format"), new Acronym("URL", "uniform resource locator"),
      new Acronym("NBA", "National Basketball Association"), new Acronym("ATM", "automated teller machine")));

  static final SplitPool<Exchange> ACRONYM_EXCHANGES = SplitPool.of("dna.acronym_exchanges", List.of(
      new Exchange("What does [{s}] stand for?", "[{s}] stands for {meaning}."),
      new Exchange("Spell out [{s}] for me.", "[{s}] means {meaning}."),
      new Exchange("I keep seeing [{s}]. What is it short for?", "It is short for {meaning}: [{s}]."),
      new Exchange("What is the long form of [{s}]?", "The long form of [{s}] is {meaning}."),
      new Exchange("Expand the letters [{s}].", "[{s}]: {meaning}."),
      new Exchange("Do you know what [{s}] means?", "Yes, [{s}] means {meaning}.")));

  private DnaScenes() {}

  @Override
  public void write(Scene scene) {
    boolean dna = scene.chance(0.5);
    int kind = scene.weighted(6, 2, dna ? 2 : 0, dna ? 0 : 2);
    if (kind == 3) {
      acronym(scene);
      return;
    }
    String label;
    String s;
    if (dna) {
      label = scene.pick(DNA_LABELS);
      s = sequence(scene, scene.between(MIN_LENGTH, MAX_LENGTH));
    } else {
      Other other = scene.pick(OTHER_KINDS);
      label = label(other);
      s = other(scene, other);
    }
    Slots slots = new Slots().put("s", s).put("label", label).put("a_label", Entities.a(label)).put("first", s.substring(0, 1));
    scene.check("string", s);
    scene.check("dna", Boolean.toString(dna));
    switch (kind) {
      case 0 -> {
        scene.variant(dna ? "dna" : "other_capitals");
        exchange(scene, scene.pick(FRAMES), slots, dna);
      }
      case 1 -> {
        scene.variant(dna ? "is_dna_yes" : "is_dna_no");
        scene.user().say(scene.pick(IS_DNA), slots, Concept.DNA, dna);
        scene.assistant().say(scene.pick(dna ? DNA_VERDICTS : OTHER_VERDICTS), slots, Concept.DNA, dna);
      }
      default -> {
        scene.variant("dna_join");
        String s1 = sequence(scene, scene.between(MIN_LENGTH, MAX_LENGTH / 2));
        String s2 = sequence(scene, scene.between(MIN_LENGTH, MAX_LENGTH / 2));
        slots.put("s1", s1).put("s2", s2).put("joined", s1 + s2);
        exchange(scene, scene.pick(JOINS), slots, true);
        scene.check("string", s1 + s2);
      }
    }
  }

  private void acronym(Scene scene) {
    scene.variant("acronym");
    Acronym acronym = scene.pick(ACRONYMS);
    Slots slots = new Slots().put("s", acronym.letters()).put("meaning", acronym.meaning());
    exchange(scene, scene.pick(ACRONYM_EXCHANGES), slots, false);
    scene.check("string", acronym.letters());
    scene.check("dna", "false");
  }

  private static void exchange(Scene scene, Exchange e, Slots slots, boolean dna) {
    scene.user().say(e.question(), slots, Concept.DNA, dna);
    scene.assistant().say(e.answer(), slots, Concept.DNA, dna);
  }

  static String label(Other other) {
    return switch (other) {
      case LICENCE_PLATE -> "licence plate";
      case PRODUCT_CODE -> "product code";
      case PASSWORD -> "password";
      case TICKET_CODE -> "ticket code";
      case NEAR_DNA -> "code";
      case FLIGHT_NUMBER -> "flight number";
      case SERIAL_NUMBER -> "serial number";
    };
  }

  /** A string of that kind; never made only of A, C, G and T. */
  static String other(Scene scene, Other other) {
    return switch (other) {
      case LICENCE_PLATE -> capitals(scene, 3, 0.0) + " " + digits(scene, 4);
      case PRODUCT_CODE -> capitals(scene, 2, 0.0) + "-" + digits(scene, 4);
      case PASSWORD -> capitals(scene, scene.between(MIN_LENGTH, 16), 0.0);
      case TICKET_CODE -> capitals(scene, scene.between(6, 10), 0.0);
      case NEAR_DNA -> capitals(scene, scene.between(MIN_LENGTH, MAX_LENGTH), 0.75);
      case FLIGHT_NUMBER -> capitals(scene, 2, 0.0) + " " + scene.between(10, 999);
      case SERIAL_NUMBER -> capitals(scene, 4, 0.0) + digits(scene, 6);
    };
  }

  /** A random DNA sequence. */
  static String sequence(Scene scene, int length) {
    char[] s = new char[length];
    for (int i = 0; i < length; i++) {
      s[i] = BASES.charAt(scene.between(0, 3));
    }
    return new String(s);
  }

  /**
   * Random capitals, each a DNA base with probability {@code baseShare} and otherwise another
   * letter, redrawn until at least two (or, for short strings, one) letters are not bases.
   */
  private static String capitals(Scene scene, int length, double baseShare) {
    char[] s = new char[length];
    int need = Math.min(2, length);
    while (true) {
      int others = 0;
      for (int i = 0; i < length; i++) {
        if (scene.chance(baseShare)) {
          s[i] = BASES.charAt(scene.between(0, 3));
        } else {
          s[i] = OTHER_LETTERS.charAt(scene.between(0, OTHER_LETTERS.length() - 1));
          others++;
        }
      }
      if (others >= need) {
        return new String(s);
      }
    }
  }

  private static String digits(Scene scene, int n) {
    char[] s = new char[n];
    for (int i = 0; i < n; i++) {
      s[i] = (char) ('0' + scene.between(0, 9));
    }
    return new String(s);
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(FRAMES, IS_DNA, DNA_VERDICTS, OTHER_VERDICTS, JOINS, DNA_LABELS, OTHER_KINDS, ACRONYMS, ACRONYM_EXCHANGES);
  }
}
