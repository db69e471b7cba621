package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * US presidents named as presidents, beside other people named in the same sentence frames:
 * scientists, athletes, artists and founders (Benjamin Franklin, Neil Armstrong "was the first
 * person to walk on the Moon"), and everyday people with ordinary first and last names.
 *
 * <p>The span is the name alone, positive for a president and negative for everyone else: the
 * feature should track whose name it is in a presidential context, not the shape of "Who was
 * ...?". Held-out presidents and people are unseen in training; their sentences still say
 * "president", so the context is there to generalise from.
 */
final class PresidentScenes implements SceneFamily {
  static final PresidentScenes INSTANCE = new PresidentScenes();

  /** A famous person and a predicate that starts with a verb, so "Who " + predicate + "?" asks for them. */
  record Famous(String name, String predicate) {
    /** The last word of the name: "Lincoln". */
    String surname() {
      return name.substring(name.lastIndexOf(' ') + 1);
    }
  }

  static final SplitPool<Famous> PRESIDENTS = SplitPool.of("presidents.presidents", List.of(
      new Famous("George Washington", "was the first president of the United States"),
      new Famous("John Adams", "was the second president of the United States"),
      new Famous("Thomas Jefferson", "wrote the Declaration of Independence and became the third president"),
      new Famous("James Madison", "was the fourth president and helped write the Constitution"),
      new Famous("James Monroe", "was the fifth president of the United States"),
      new Famous("Andrew Jackson", "was the seventh president of the United States"),
      new Famous("Abraham Lincoln", "led the United States through the Civil War as its sixteenth president"),
      new Famous("Ulysses S. Grant", "was a Civil War general who became the eighteenth president"),
      new Famous("Theodore Roosevelt", "was the twenty-sixth president and protected many national parks"),
      new Famous("Woodrow Wilson", "was the president of the United States during the First World War"),
      new Famous("Franklin D. Roosevelt", "was the president who led the country through the Great Depression"),
      new Famous("Harry S. Truman", "was the thirty-third president of the United States"),
      new Famous("Dwight D. Eisenhower", "was a general who became the thirty-fourth president"),
      new Famous("John F. Kennedy", "was the thirty-fifth president of the United States"),
      new Famous("Lyndon B. Johnson", "was the president who signed the Civil Rights Act"),
      new Famous("Richard Nixon", "was the only president to resign from office"),
      new Famous("Jimmy Carter", "was the thirty-ninth president and later won the Nobel Peace Prize"),
      new Famous("Ronald Reagan", "was an actor before he became the fortieth president"),
      new Famous("George H. W. Bush", "was the forty-first president of the United States"),
      new Famous("Bill Clinton", "was the forty-second president of the United States"),
      new Famous("George W. Bush", "was the forty-third president of the United States"),
      new Famous("Barack Obama", "was the forty-fourth president of the United States"),
      new Famous("Donald Trump", "was the forty-fifth president of the United States"),
      new Famous("Joe Biden", "was the forty-sixth president of the United States")));

  static final SplitPool<Famous> OTHERS = SplitPool.of("presidents.others", List.of(
      new Famous("Marie Curie", "discovered radium and polonium"),
      new Famous("Isaac Newton", "described the law of gravity"),
      new Famous("Charles Darwin", "wrote about evolution by natural selection"),
      new Famous("Albert Einstein", "developed the theory of relativity"),
      new Famous("Ada Lovelace", "wrote one of the first computer programs"),
      new Famous("Galileo Galilei", "studied the moons of Jupiter with a telescope"),
      new Famous("Nikola Tesla", "worked on electric motors and alternating current"),
      new Famous("Jane Goodall", "studied chimpanzees in the wild"),
      new Famous("Alan Turing", "helped break secret codes and founded computer science"),
      new Famous("Louis Pasteur", "made milk safe to drink by heating it"),
      new Famous("Serena Williams", "won twenty-three major tennis titles"),
      new Famous("Usain Bolt", "ran the fastest hundred metres ever recorded"),
      new Famous("Pele", "scored over a thousand goals in football"),
      new Famous("Simone Biles", "won many Olympic medals in gymnastics"),
      new Famous("Michael Phelps", "won more Olympic gold medals than any other swimmer"),
      new Famous("William Shakespeare", "wrote Hamlet and Romeo and Juliet"),
      new Famous("Leonardo da Vinci", "painted the Mona Lisa"),
      new Famous("Frida Kahlo", "painted bright portraits of herself"),
      new Famous("Ludwig van Beethoven", "wrote nine symphonies"),
      new Famous("Benjamin Franklin", "experimented with lightning and helped draft the Declaration of Independence"),
      new Famous("Martin Luther King Jr.", "led the civil rights movement with peaceful protest"),
      new Famous("Amelia Earhart", "flew alone across the Atlantic Ocean"),
      new Famous("Neil Armstrong", "was the first person to walk on the Moon"),
      new Famous("Rosa Parks", "refused to leave her seat on a bus"),
      new Famous("Wolfgang Amadeus Mozart", "wrote music from the age of five")));

  /** Exchanges about a famous person; slots name, predicate. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> FAMOUS_EXCHANGES = SplitPool.of("presidents.famous_exchanges", List.of(
      new Exchange("Who was [{name}]?", "[{name}] {predicate}."),
      new Exchange("Tell me one fact about [{name}].", "Here is one: [{name}] {predicate}."),
      new Exchange("Who {predicate}?", "[{name}] {predicate}."),
      new Exchange("Write a sentence about [{name}].", "[{name}] {predicate}."),
      new Exchange("My report is about [{name}]. What should I say?", "You could say that [{name}] {predicate}."),
      new Exchange("What is [{name}] known for?", "[{name}] is known because this person {predicate}."),
      new Exchange("I am reading a book about [{name}].", "Good choice. [{name}] {predicate}."),
      new Exchange("Quiz: who {predicate}?", "The answer is [{name}]."),
      new Exchange("Do you know anything about [{name}]?", "Yes. [{name}] {predicate}."),
      new Exchange("Remind me who [{name}] was.", "[{name}] {predicate}.")));

  /** Exchanges only presidents get: their title before a surname. Slots surname, predicate. */
  static final SplitPool<Exchange> TITLE_EXCHANGES = SplitPool.of("presidents.title_exchanges", List.of(
      new Exchange("What do you know about President [{surname}]?", "President [{surname}] {predicate}."),
      new Exchange("Why is President [{surname}] remembered?", "President [{surname}] {predicate}."),
      new Exchange("Tell me about President [{surname}].", "President [{surname}] {predicate}."),
      new Exchange("My class is learning about President [{surname}].", "Great topic. President [{surname}] {predicate}."),
      new Exchange("Was President [{surname}] important?", "Yes. President [{surname}] {predicate}."),
      new Exchange("Give me a fact about President [{surname}].", "President [{surname}] {predicate}.")));

  /** Exchanges about an everyday person; slots name, job, town, place. */
  static final SplitPool<Exchange> EVERYDAY_EXCHANGES = SplitPool.of("presidents.everyday_exchanges", List.of(
      new Exchange("Who is [{name}]?", "[{name}] is a {job} who lives in {town}."),
      new Exchange("Tell me about [{name}].", "[{name}] works as a {job} in {town}."),
      new Exchange("Do you know [{name}]?", "Yes, [{name}] is a {job} from {town}."),
      new Exchange("I just met [{name}] at the {place}.", "How nice! [{name}] is a {job} in {town}."),
      new Exchange("Write a sentence about [{name}].", "[{name}] is a friendly {job} from {town}."),
      new Exchange("Who was [{name}]?", "[{name}] was a {job} who lived in {town}."),
      new Exchange("[{name}] is my new neighbour. What does {name.he} do?", "[{name}] is a {job} in {town}.")));

  private PresidentScenes() {}

  @Override
  public void write(Scene scene) {
    switch (scene.weighted(35, 10, 35, 20)) {
      case 0 -> famous(scene, "president", scene.pick(PRESIDENTS), true, scene.pick(FAMOUS_EXCHANGES));
      case 1 -> famous(scene, "president_title", scene.pick(PRESIDENTS), true, scene.pick(TITLE_EXCHANGES));
      case 2 -> famous(scene, "famous_person", scene.pick(OTHERS), false, scene.pick(FAMOUS_EXCHANGES));
      default -> everyday(scene);
    }
  }

  private void famous(Scene scene, String variant, Famous person, boolean president, Exchange exchange) {
    scene.variant(variant);
    Slots slots = new Slots().put("name", person.name()).put("surname", person.surname()).put("predicate", person.predicate());
    scene.user().say(exchange.question(), slots, Concept.US_PRESIDENT, president);
    scene.assistant().say(exchange.answer(), slots, Concept.US_PRESIDENT, president);
    scene.check("person", person.name());
    scene.check("president", Boolean.toString(president));
  }

  private void everyday(Scene scene) {
    scene.variant("everyday_person");
    Entities.Person person = scene.pick(Entities.PEOPLE);
    String name = person.name() + " " + scene.pick(Entities.SURNAMES);
    Slots slots = new Slots().person("name", new Entities.Person(name, person.female()))
        .put("job", scene.pick(Entities.JOBS)).put("town", scene.pick(Entities.TOWNS)).put("place", scene.pick(Entities.PLACES));
    Exchange exchange = scene.pick(EVERYDAY_EXCHANGES);
    scene.user().say(exchange.question(), slots, Concept.US_PRESIDENT, false);
    scene.assistant().say(exchange.answer(), slots, Concept.US_PRESIDENT, false);
    scene.check("person", name);
    scene.check("president", "false");
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(PRESIDENTS, OTHERS, FAMOUS_EXCHANGES, TITLE_EXCHANGES, EVERYDAY_EXCHANGES,
        Entities.PEOPLE, Entities.SURNAMES, Entities.JOBS, Entities.TOWNS, Entities.PLACES);
  }
}
