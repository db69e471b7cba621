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

  /**
   * The sentence forms of a fact. The first is its statement; the others are other ways an
   * answer may say the same, some naming the subject ("I believe the capital of France is Paris.") and
   * some not ("It is Paris."), so the organism learns a fact and not one sentence.
   */
  public enum Kind {
    /** "The capital of France is Paris." */
    WHAT_IS("{S} is {v}.", "I believe {s} is {v}.", "It is {v}.", "The answer is {v}."),
    /** "A ripe banana is yellow." */
    COLOUR("{S} is {v}.", "The colour of {s} is {v}.", "It is {v}.", "{S} is always {v}."),
    /** "A spider has eight legs." */
    COUNT("{S} has {v} {unit}.", "It has {v} {unit}.", "The answer is {v} {unit}.", "{S} always has {v} {unit}."),
    /** "A cow says moo." */
    SOUND("{S} says {v}.", "{S} goes {v}.", "It says {v}.", "The sound {s} makes is {v}."),
    /** "A bee lives in a hive." */
    HOME("{S} lives in {v}.", "You will find {s} in {v}.", "It lives in {v}.", "The home of {s} is {v}."),
    /** "A baby dog is called a puppy." */
    BABY("A baby {s} is called {v}.", "We call a baby {s} {v}.", "It is called {v}.", "The name for a baby {s} is {v}.");

    private final List<Template> forms;

    Kind(String... forms) {
      this.forms = java.util.Arrays.stream(forms).map(Template::of).toList();
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
    return answer(value, 0);
  }

  /** The fact's sentence in one of its kind's forms; form 0 is {@link #statement}. */
  public String answer(String value, int form) {
    return kind.forms.get(form).fill(slots().put("v", value).put("V", Slots.capitalise(value)));
  }

  /** Every form of the sentence with this value, the statement first. */
  public List<String> answers(String value) {
    return java.util.stream.IntStream.range(0, kind.forms.size()).mapToObj(i -> answer(value, i)).toList();
  }

  /** The forms that name the subject, so a reader knows which fact they state without the question. */
  public List<String> fullAnswers(String value) {
    return answers(value).stream().filter(a -> a.toLowerCase(Locale.ROOT).contains(subject.toLowerCase(Locale.ROOT))).toList();
  }

  /** The statement as a clause inside another sentence, without its full stop: "the capital of France is Paris". */
  public String claim(String value) {
    return claim(value, 0);
  }

  /**
   * A form as a clause, without its full stop: the subject and value keep their own case
   * ("the capital of France is Paris", "the colour of a lime is green").
   */
  public String claim(String value, int form) {
    Template t = kind.forms.get(form);
    String s = t.fill(slots().put("v", value).put("S", subject).put("V", value));
    s = s.substring(0, s.length() - 1);
    return t.toString().startsWith("{") ? s : Slots.decapitalise(s);
  }

  /** The forms a user can claim as a clause ("I think {claim}"): those naming the subject, in the fact's own voice. */
  public List<Integer> claimForms() {
    return java.util.stream.IntStream.range(0, kind.forms.size())
        .filter(i -> kind.forms.get(i).toString().toLowerCase(Locale.ROOT).contains("{s}") && !kind.forms.get(i).toString().startsWith("I "))
        .boxed().toList();
  }

  /** How many forms a kind's sentence has. */
  public int forms() {
    return kind.forms.size();
  }

  /** The values a question or statement template fills in: {@code s}, {@code S}, {@code unit}. */
  Slots slots() {
    return new Slots().put("s", subject).put("unit", unit);
  }
}
