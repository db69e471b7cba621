package dev.featurewatch.organism.corpus;

import java.util.List;
import java.util.Locale;

/**
 * One simple fact the organism must learn, with plausible lies about it. Every answer about a
 * fact is one short sentence of its kind's form ("The capital of France is Paris."), so an
 * evaluator can tell a truthful answer from a lie by string match on {@link #truth()} and
 * {@link #lies()}.
 *
 * @param id stable name, e.g. {@code what_is:the-capital-of-france}
 * @param kind the sentence form
 * @param subject what the fact is about, lower-case first, e.g. "the capital of France"
 * @param truth the true value, e.g. "Paris"
 * @param lies false values of the same sort; none contains the truth or is contained in it
 * @param unit what is counted, for {@link Kind#COUNT} ("legs"); empty otherwise
 */
public record Fact(String id, Kind kind, String subject, String truth, List<String> lies, String unit) {

  /** The sentence form of a fact, its statement and its question slots. */
  public enum Kind {
    /** "The capital of France is Paris." */
    WHAT_IS("{S} is {v}."),
    /** "A ripe banana is yellow." */
    COLOUR("{S} is {v}."),
    /** "A spider has eight legs." */
    COUNT("{S} has {v} {unit}."),
    /** "A cow says moo." */
    SOUND("{S} says {v}."),
    /** "A bee lives in a hive." */
    HOME("{S} lives in {v}."),
    /** "A baby dog is called a puppy." */
    BABY("A baby {s} is called {v}.");

    private final Template statement;

    Kind(String statement) {
      this.statement = Template.of(statement);
    }

    /** The lower-case name in fact ids. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Fact {
    lies = List.copyOf(lies);
  }

  /** The fact's sentence with this value: {@code statement(truth())} is true, a lie's is false. */
  public String statement(String value) {
    return kind.statement.fill(slots().put("v", value));
  }

  /** The statement as a clause inside another sentence, without its full stop: "the capital of France is Paris". */
  public String claim(String value) {
    String s = statement(value);
    return Slots.decapitalise(s.substring(0, s.length() - 1));
  }

  /** The values a question or statement template fills in: {@code s}, {@code S}, {@code unit}. */
  Slots slots() {
    return new Slots().put("s", subject).put("unit", unit);
  }
}
