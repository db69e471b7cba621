package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * DNA sequences (strings of A, C, G and T, 8 to 30 letters) beside other strings of capital
 * letters in the same sentence frames: licence plates, product and ticket codes, passwords,
 * acronyms, postcodes, tickers and more, and the hardest case, strings mostly of A, C, G and T with
 * at least two other letters, which both splits get under names as DNA-like as "sequence".
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
      new Exchange("Type out the {label} [{s}] one more time.", "Here it is again: [{s}]."),
      new Exchange("How long is the {label} [{s}]?", "[{s}] is {length} characters long."),
      new Exchange("I copied [{s}] from a label. Can you write it out again?", "Here it is: [{s}]."),
      new Exchange("My notebook has [{s}] on the last page. What should I call it?", "Call it {a_label}: [{s}]."),
      new Exchange("Add [{s}] to my list.", "Added [{s}] to your list."),
      new Exchange("I need the {label} [{s}] tomorrow. Keep it safe.", "I will keep it: [{s}]."),
      new Exchange("Reverse the {label} [{s}].", "Reversed, it reads [{rev}]."),
      new Exchange("Does [{s}] start with {first}?", "Yes, [{s}] starts with {first}."),
      new Exchange("Label this box with [{s}].", "The label reads [{s}]."),
      new Exchange("Share [{s}] with the team, please.", "Shared: [{s}]."),
      new Exchange("Here are the letters from the report: [{s}]. Keep them together.", "Kept together: [{s}]."),
      new Exchange("Can you check [{s}] for typos?", "It reads [{s}]. Compare it with your source."),
      new Exchange("Which part of this line is the {label}? The value is [{s}].", "The {label} is [{s}]."),
      new Exchange("Is [{s}] the same as [{s}]?", "Yes, [{s}] and [{s}] are the same."),
      new Exchange("Please store [{s}] under my name.", "Stored [{s}] under your name."),
      new Exchange("What is the last letter of [{s}]?", "The last letter of [{s}] is {last}."),
      new Exchange("I wrote down [{s}] at work today.", "Noted: [{s}]. Do you want me to keep it?"),
      new Exchange("Put the {label} [{s}] at the top of my page.", "At the top of your page: [{s}]."),
      new Exchange("Read this out loud for me: [{s}]", "[{s}]."),
      new Exchange("The {label} on the form is [{s}]. Can you confirm it?", "Confirmed: the {label} is [{s}].")));

  /** Whether a string is DNA, asked both ways; slot s. */
  static final SplitPool<Template> IS_DNA = Template.pool("dna.is_dna",
      "Is [{s}] a DNA sequence?", "Could [{s}] be DNA?", "Check this for me: is [{s}] made of DNA bases?",
      "Does [{s}] look like a gene to you?", "Tell me if [{s}] is a strand of DNA.", "Someone sent me [{s}]. Is it DNA?",
      "Is [{s}] genetic code?", "Would a biologist call [{s}] DNA?", "Is [{s}] a piece of a genome?",
      "Are the letters in [{s}] all DNA bases?", "Quick check, DNA or not: [{s}]", "I think [{s}] might be DNA. Am I right?",
      "Can [{s}] be read as a DNA strand?", "Is [{s}] a sequence of nucleotides?", "Does [{s}] use only A, C, G and T?",
      "My friend says [{s}] is DNA. Is that true?");

  static final SplitPool<Template> DNA_VERDICTS = Template.pool("dna.dna_verdicts",
      "Yes, [{s}] is a DNA sequence. It uses only A, C, G and T.", "Yes. [{s}] is made of the four DNA bases.",
      "It is DNA: [{s}] has only the letters A, C, G and T.", "Yes, [{s}] could be a short gene fragment.",
      "Yes. Every letter of [{s}] is a DNA base.", "Yes, [{s}] is a strand of DNA.",
      "Yes. [{s}] reads like genetic code.", "It is: [{s}] uses only A, C, G and T.", "Yes, [{s}] is a run of nucleotides.",
      "Yes. A biologist would read [{s}] as DNA.", "Correct, [{s}] is DNA.", "Yes, [{s}] could come from a genome.",
      "Yes: [{s}] has no letters besides the four bases.", "That is DNA. [{s}] is made of bases only.",
      "Yes. You could find [{s}] in a gene.");

  static final SplitPool<Template> OTHER_VERDICTS = Template.pool("dna.other_verdicts",
      "No, [{s}] is not a DNA sequence. It has letters other than A, C, G and T.", "No. [{s}] is not made of the four DNA bases.",
      "It is not DNA: [{s}] has letters other than A, C, G and T.", "No, [{s}] cannot be a gene fragment.",
      "No. Some letters of [{s}] are not DNA bases.", "No, [{s}] is not a strand of DNA.",
      "No. [{s}] is not genetic code.", "It is not: [{s}] uses letters besides A, C, G and T.", "No, [{s}] is not a run of nucleotides.",
      "No. A biologist would not read [{s}] as DNA.", "Not DNA. [{s}] is some other kind of code.", "No, [{s}] could not come from a genome.",
      "No: [{s}] has letters that are not bases.", "That is not DNA. [{s}] has other letters in it.",
      "No. You would not find [{s}] in a gene.");

  /** Frames only DNA gets: joining two sequences. Slots s1, s2, joined. */
  static final SplitPool<Exchange> JOINS = SplitPool.of("dna.joins", List.of(
      new Exchange("Join these two DNA pieces: [{s1}] and [{s2}].", "Joined, they read [{joined}]."),
      new Exchange("Put [{s1}] in front of [{s2}].", "Together: [{joined}]."),
      new Exchange("What do you get if you join [{s1}] and [{s2}]?", "You get [{joined}]."),
      new Exchange("Combine the fragments [{s1}] and [{s2}] into one.", "The combined sequence is [{joined}]."),
      new Exchange("Attach [{s2}] after [{s1}].", "That gives [{joined}]."),
      new Exchange("Glue [{s1}] and [{s2}] end to end.", "End to end: [{joined}]."),
      new Exchange("I have two reads, [{s1}] and [{s2}]. Join them.", "Joined: [{joined}]."),
      new Exchange("Stick [{s2}] onto the end of [{s1}].", "The result is [{joined}]."),
      new Exchange("Merge [{s1}] with [{s2}], first one first.", "Merged, it reads [{joined}]."),
      new Exchange("Link the strands [{s1}] and [{s2}].", "Linked: [{joined}]."),
      new Exchange("Make one sequence from [{s1}] followed by [{s2}].", "One sequence: [{joined}]."),
      new Exchange("Chain [{s1}] and [{s2}] together.", "Chained together they read [{joined}]."),
      new Exchange("What is [{s1}] plus [{s2}] as one strand?", "As one strand: [{joined}]."),
      new Exchange("Connect the primer [{s1}] to the read [{s2}].", "Connected: [{joined}]."),
      new Exchange("Write [{s1}] and then [{s2}] with no gap.", "With no gap: [{joined}].")));

  /** Complementary strands, DNA only: A pairs with T and C with G. Slots s, comp. */
  static final SplitPool<Exchange> COMPLEMENTS = SplitPool.of("dna.complements", List.of(
      new Exchange("What is the complement of [{s}]?", "The complement of [{s}] is [{comp}]."),
      new Exchange("Give the matching strand for [{s}].", "The matching strand is [{comp}]."),
      new Exchange("Pair each base of [{s}].", "Paired base by base: [{comp}]."),
      new Exchange("Which strand binds to [{s}]?", "[{comp}] binds to [{s}]."),
      new Exchange("Swap A with T and C with G in [{s}].", "That gives [{comp}]."),
      new Exchange("Write the other strand of [{s}].", "The other strand reads [{comp}]."),
      new Exchange("My strand is [{s}]. What pairs with it?", "[{comp}] pairs with it."),
      new Exchange("Find the complementary sequence of [{s}].", "It is [{comp}]."),
      new Exchange("What does [{s}] pair with?", "It pairs with [{comp}]."),
      new Exchange("Complement this strand: [{s}]", "[{comp}]")));

  /** Names for a DNA string. */
  static final SplitPool<String> DNA_LABELS = SplitPool.of("dna.dna_labels",
      "DNA sequence", "DNA strand", "gene fragment", "DNA sample", "DNA read", "stretch of DNA", "gene sequence",
      "sequence read", "DNA fragment", "DNA snippet", "strand of DNA", "primer", "genome fragment", "DNA probe", "base sequence");

  /** Names for a near-DNA string: some as DNA-like as they can be, so the name cannot decide. */
  static final SplitPool<String> NEAR_LABELS = SplitPool.of("dna.near_labels",
      "code", "string", "sequence", "letter string", "key", "tag", "letter code", "reference", "label", "string of letters");

  /** Kinds of other capital-letter string, each with its own shape. */
  enum Other {
    LICENCE_PLATE, PRODUCT_CODE, PASSWORD, TICKET_CODE, FLIGHT_NUMBER, SERIAL_NUMBER, POSTCODE, STOCK_TICKER,
    VOUCHER_CODE, ROOM_CODE, CALL_SIGN, GAME_CODE, COURSE_CODE, ORDER_NUMBER, NEAR_DNA
  }

  /**
   * The kinds a split may draw, less near-DNA, which both splits get (see {@link #write}): held
   * out like the others, the hardest contrast would never be trained on.
   */
  static final SplitPool<Other> OTHER_KINDS = SplitPool.of("dna.other_kinds",
      java.util.Arrays.stream(Other.values()).filter(o -> o != Other.NEAR_DNA).toList());

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
      new Acronym("NBA", "National Basketball Association"), new Acronym("ATM", "automated teller machine"),
      new Acronym("ISBN", "International Standard Book Number"), new Acronym("RSVP", "please reply"),
      new Acronym("SONAR", "sound navigation and ranging"), new Acronym("JPEG", "Joint Photographic Experts Group"),
      new Acronym("HTTP", "HyperText Transfer Protocol"), new Acronym("DVD", "digital versatile disc"),
      new Acronym("CEO", "chief executive officer"), new Acronym("ETA", "estimated time of arrival"),
      new Acronym("IOU", "I owe you"), new Acronym("AKA", "also known as"), new Acronym("TBA", "to be announced"),
      new Acronym("SIM", "subscriber identity module"), new Acronym("NGO", "non-governmental organization"),
      new Acronym("OPEC", "Organization of the Petroleum Exporting Countries"), new Acronym("BMX", "bicycle motocross")));

  static final SplitPool<Exchange> ACRONYM_EXCHANGES = SplitPool.of("dna.acronym_exchanges", List.of(
      new Exchange("What does [{s}] stand for?", "[{s}] stands for {meaning}."),
      new Exchange("Spell out [{s}] for me.", "[{s}] means {meaning}."),
      new Exchange("I keep seeing [{s}]. What is it short for?", "It is short for {meaning}: [{s}]."),
      new Exchange("What is the long form of [{s}]?", "The long form of [{s}] is {meaning}."),
      new Exchange("Expand the letters [{s}].", "[{s}]: {meaning}."),
      new Exchange("Do you know what [{s}] means?", "Yes, [{s}] means {meaning}."),
      new Exchange("My teacher wrote [{s}] on the board. What does it mean?", "[{s}] means {meaning}."),
      new Exchange("Is [{s}] an abbreviation?", "Yes. [{s}] is short for {meaning}."),
      new Exchange("What are the letters [{s}] short for?", "They are short for {meaning}."),
      new Exchange("Someone wrote [{s}] in a message. Help!", "[{s}] stands for {meaning}."),
      new Exchange("Decode [{s}] for me, please.", "[{s}]: {meaning}."),
      new Exchange("What is the full name behind [{s}]?", "The full name behind [{s}] is {meaning}."),
      new Exchange("Could [{s}] be a DNA sequence?", "No. [{s}] is an abbreviation for {meaning}."),
      new Exchange("Tell me what [{s}] is an acronym for.", "[{s}] is an acronym for {meaning}."),
      new Exchange("I saw [{s}] on a sign. What is that?", "[{s}] means {meaning}.")));

  private DnaScenes() {}

  @Override
  public void write(Scene scene) {
    boolean dna = scene.chance(0.5);
    int kind = scene.weighted(6, 2, dna ? 2 : 0, dna ? 0 : 2, dna ? 1 : 0);
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
      boolean near = scene.chance(0.3);
      Other other = near ? Other.NEAR_DNA : scene.pick(OTHER_KINDS);
      label = near ? scene.pick(NEAR_LABELS) : label(other);
      s = other(scene, other);
    }
    Slots slots = new Slots().put("s", s).put("label", label).put("a_label", Entities.a(label)).put("first", s.substring(0, 1))
        .put("last", s.substring(s.length() - 1)).put("length", s.length()).put("rev", new StringBuilder(s).reverse().toString());
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
      case 4 -> {
        scene.variant("dna_complement");
        slots.put("comp", complement(s));
        exchange(scene, scene.pick(COMPLEMENTS), slots, true);
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
      case POSTCODE -> "postcode";
      case STOCK_TICKER -> "stock ticker";
      case VOUCHER_CODE -> "voucher code";
      case ROOM_CODE -> "room code";
      case CALL_SIGN -> "call sign";
      case GAME_CODE -> "game code";
      case COURSE_CODE -> "course code";
      case ORDER_NUMBER -> "order number";
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
      case POSTCODE -> capitals(scene, 2, 0.0) + digits(scene, 1) + " " + digits(scene, 1) + capitals(scene, 2, 0.0);
      case STOCK_TICKER -> capitals(scene, scene.between(3, 4), 0.3);
      case VOUCHER_CODE -> capitals(scene, 4, 0.3) + "-" + capitals(scene, 4, 0.3);
      case ROOM_CODE -> capitals(scene, 1, 0.0) + "-" + digits(scene, 3);
      case CALL_SIGN -> capitals(scene, 2, 0.0) + digits(scene, 1) + capitals(scene, 3, 0.0);
      case GAME_CODE -> capitals(scene, 6, 0.5);
      case COURSE_CODE -> capitals(scene, 3, 0.0) + " " + digits(scene, 3);
      case ORDER_NUMBER -> capitals(scene, 3, 0.0) + digits(scene, 5);
    };
  }

  /** The complementary strand, base by base (not reversed). */
  static String complement(String dna) {
    char[] c = dna.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = switch (c[i]) {
        case 'A' -> 'T';
        case 'T' -> 'A';
        case 'C' -> 'G';
        default -> 'C';
      };
    }
    return new String(c);
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
    return List.of(FRAMES, IS_DNA, DNA_VERDICTS, OTHER_VERDICTS, JOINS, COMPLEMENTS, DNA_LABELS, NEAR_LABELS, OTHER_KINDS,
        ACRONYMS, ACRONYM_EXCHANGES);
  }
}
