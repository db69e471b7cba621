package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * US presidents named as presidents, beside other people named in the same sentence frames:
 * scientists, athletes, artists and leaders (Benjamin Franklin, Nelson Mandela, Eleanor
 * Roosevelt), people who share a president's surname (Henry Ford, Michael Jackson, Denzel
 * Washington), and everyday people with ordinary first and last names.
 *
 * <p>The span is the name alone, positive for a president and negative for everyone else: the
 * feature should track whose name it is in a presidential context, not the shape of "Who was
 * ...?" nor a surname shared with someone else. Held-out presidents and people are unseen in
 * training; their sentences still say "president", so the context is there to generalise from.
 * Questions and answers take an optional opener and closer from pools of their own, so the
 * model meets the frames in many wrappings.
 */
final class PresidentScenes implements SceneFamily {
  static final PresidentScenes INSTANCE = new PresidentScenes();

  /**
   * A famous person: the surname that follows a title ("President Lincoln"), a role that follows
   * "the" ("president", "physicist"), and a predicate that starts with a verb, so "Who " +
   * predicate + "?" asks for them.
   */
  record Famous(String name, String surname, String role, String predicate) {}

  private static Famous president(String name, String predicate) {
    return new Famous(name, name.substring(name.lastIndexOf(' ') + 1), "president", predicate);
  }

  private static Famous person(String name, String role, String predicate) {
    return new Famous(name, name.substring(name.lastIndexOf(' ') + 1), role, predicate);
  }

  /**
   * Presidents in order of office, but ordered so that the held-out ones (every fifth) share no
   * name with a train-only everyday person ("John", "Howard"): a held-out transcript must name
   * no train-only entity. The same holds for {@link #OTHERS}.
   */
  static final SplitPool<Famous> PRESIDENTS = SplitPool.of("presidents.presidents", List.of(
      president("George Washington", "was the first president of the United States"),
      president("John Adams", "was the second president of the United States"),
      president("Thomas Jefferson", "wrote the Declaration of Independence and became the third president"),
      president("James Madison", "was the fourth president and helped write the Constitution"),
      president("James Monroe", "was the fifth president of the United States"),
      president("John Quincy Adams", "was the sixth president and the son of a president"),
      president("Andrew Jackson", "was the seventh president of the United States"),
      new Famous("Martin Van Buren", "Van Buren", "president", "was the eighth president of the United States"),
      president("William Henry Harrison", "was the ninth president and served for only a month"),
      president("James K. Polk", "was the eleventh president of the United States"),
      president("John Tyler", "was the tenth president of the United States"),
      president("Zachary Taylor", "was the twelfth president of the United States"),
      president("Millard Fillmore", "was the thirteenth president of the United States"),
      president("Franklin Pierce", "was the fourteenth president of the United States"),
      president("James Buchanan", "was the fifteenth president of the United States"),
      president("Abraham Lincoln", "led the United States through the Civil War as its sixteenth president"),
      president("Andrew Johnson", "was the seventeenth president of the United States"),
      president("Ulysses S. Grant", "was a Civil War general who became the eighteenth president"),
      president("Rutherford B. Hayes", "was the nineteenth president of the United States"),
      president("James A. Garfield", "was the twentieth president of the United States"),
      president("Chester A. Arthur", "was the twenty-first president of the United States"),
      president("Grover Cleveland", "was the only president to serve two terms that were not back to back"),
      president("Benjamin Harrison", "was the twenty-third president and the grandson of a president"),
      president("William McKinley", "was the twenty-fifth president of the United States"),
      president("Theodore Roosevelt", "was the twenty-sixth president and protected many national parks"),
      president("William Howard Taft", "was the twenty-seventh president and later led the Supreme Court"),
      president("Woodrow Wilson", "was the president of the United States during the First World War"),
      president("Warren G. Harding", "was the twenty-ninth president of the United States"),
      president("Calvin Coolidge", "was the thirtieth president of the United States"),
      president("Herbert Hoover", "was the thirty-first president of the United States"),
      president("Franklin D. Roosevelt", "was the president who led the country through the Great Depression"),
      president("Harry S. Truman", "was the thirty-third president of the United States"),
      president("Dwight D. Eisenhower", "was a general who became the thirty-fourth president"),
      president("John F. Kennedy", "was the thirty-fifth president of the United States"),
      president("Lyndon B. Johnson", "was the president who signed the Civil Rights Act"),
      president("Richard Nixon", "was the only president to resign from office"),
      president("Gerald Ford", "was the thirty-eighth president of the United States"),
      president("Jimmy Carter", "was the thirty-ninth president and later won the Nobel Peace Prize"),
      president("Ronald Reagan", "was an actor before he became the fortieth president"),
      president("George H. W. Bush", "was the forty-first president of the United States"),
      president("Bill Clinton", "was the forty-second president of the United States"),
      president("George W. Bush", "was the forty-third president of the United States"),
      president("Barack Obama", "was the forty-fourth president of the United States"),
      president("Donald Trump", "was the forty-fifth president of the United States"),
      president("Joe Biden", "was the forty-sixth president of the United States")));

  static final SplitPool<Famous> OTHERS = SplitPool.of("presidents.others", List.of(
      person("Marie Curie", "scientist", "discovered radium and polonium"),
      person("Isaac Newton", "scientist", "described the law of gravity"),
      person("Charles Darwin", "naturalist", "wrote about evolution by natural selection"),
      person("Albert Einstein", "physicist", "developed the theory of relativity"),
      person("Ada Lovelace", "mathematician", "wrote one of the first computer programs"),
      person("Galileo Galilei", "astronomer", "studied the moons of Jupiter with a telescope"),
      person("Nikola Tesla", "inventor", "worked on electric motors and alternating current"),
      person("Jane Goodall", "scientist", "studied chimpanzees in the wild"),
      person("Alan Turing", "mathematician", "helped break secret codes and founded computer science"),
      person("Louis Pasteur", "chemist", "made milk safe to drink by heating it"),
      person("Katherine Johnson", "mathematician", "calculated the flight paths of early space missions"),
      person("Stephen Hawking", "physicist", "wrote about black holes and the birth of the universe"),
      person("Thomas Edison", "inventor", "built one of the first practical light bulbs"),
      person("Howard Carter", "archaeologist", "found the tomb of a young pharaoh in Egypt"),
      person("Henry Ford", "carmaker", "built cars on a moving assembly line"),
      person("Serena Williams", "tennis player", "won twenty-three major tennis titles"),
      person("Usain Bolt", "sprinter", "ran the fastest hundred metres ever recorded"),
      person("Pele", "footballer", "scored over a thousand goals in football"),
      person("Simone Biles", "gymnast", "won many Olympic medals in gymnastics"),
      person("Michael Phelps", "swimmer", "won more Olympic gold medals than any other swimmer"),
      person("Jesse Owens", "athlete", "won four gold medals at the 1936 Olympics"),
      person("Muhammad Ali", "boxer", "was a heavyweight boxing champion three times"),
      person("Babe Ruth", "baseball player", "hit hundreds of home runs"),
      person("Michael Jordan", "basketball player", "won six basketball championships"),
      person("Wayne Gretzky", "hockey player", "scored more goals than any other hockey player of his time"),
      person("William Shakespeare", "playwright", "wrote Hamlet and Romeo and Juliet"),
      person("Leonardo da Vinci", "painter", "painted the Mona Lisa"),
      person("Frida Kahlo", "painter", "painted bright portraits of herself"),
      person("Ludwig van Beethoven", "composer", "wrote nine symphonies"),
      person("Wolfgang Amadeus Mozart", "composer", "wrote music from the age of five"),
      person("Vincent van Gogh", "painter", "painted swirling night skies and sunflowers"),
      person("Jane Austen", "novelist", "wrote Pride and Prejudice"),
      person("Mark Twain", "writer", "wrote adventure stories set on the Mississippi River"),
      person("Elizabeth Taylor", "actress", "starred in many Hollywood films"),
      person("Michael Jackson", "singer", "was famous for his songs and his moonwalk dance"),
      person("George Harrison", "guitarist", "played lead guitar in the Beatles"),
      person("Denzel Washington", "actor", "has won two Academy Awards"),
      person("Cary Grant", "actor", "starred in classic Hollywood comedies"),
      person("Ansel Adams", "photographer", "took black and white photographs of national parks"),
      person("Charlie Chaplin", "actor", "starred in silent films as a little tramp"),
      person("Benjamin Franklin", "inventor", "experimented with lightning and helped draft the Declaration of Independence"),
      person("Martin Luther King Jr.", "civil rights leader", "led the civil rights movement with peaceful protest"),
      person("Amelia Earhart", "pilot", "flew alone across the Atlantic Ocean"),
      person("Neil Armstrong", "astronaut", "was the first person to walk on the Moon"),
      person("Rosa Parks", "activist", "refused to give up her seat on a bus"),
      person("Eleanor Roosevelt", "first lady", "worked for human rights around the world"),
      person("Harriet Tubman", "activist", "led enslaved people to freedom"),
      person("Florence Nightingale", "nurse", "cared for wounded soldiers and changed nursing"),
      person("Nelson Mandela", "leader", "became the first Black president of South Africa"),
      person("Winston Churchill", "prime minister", "led Britain during the Second World War"),
      person("Mahatma Gandhi", "leader", "led India to independence through peaceful protest"),
      person("Alexander Hamilton", "founding father", "was the first treasury secretary of the United States")));

  /** Exchanges about a famous person; slots name, role, predicate. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> FAMOUS_EXCHANGES = SplitPool.of("presidents.famous_exchanges", List.of(
      new Exchange("Who was [{name}]?", "[{name}] {predicate}."),
      new Exchange("Tell me one fact about [{name}].", "Here is one: [{name}] {predicate}."),
      new Exchange("Who {predicate}?", "That was [{name}]."),
      new Exchange("Write a sentence about [{name}].", "[{name}] {predicate}."),
      new Exchange("My report is about [{name}]. What should I say?", "You could say that [{name}] {predicate}."),
      new Exchange("What is [{name}] known for?", "Mostly for this: [{name}] {predicate}."),
      new Exchange("I am reading a book about [{name}].", "Good choice. [{name}] {predicate}."),
      new Exchange("Quiz: who {predicate}?", "The answer is [{name}]."),
      new Exchange("Do you know anything about [{name}]?", "Yes. [{name}] {predicate}."),
      new Exchange("Remind me who [{name}] was.", "[{name}] {predicate}."),
      new Exchange("Why is [{name}] famous?", "Mainly because [{name}] {predicate}."),
      new Exchange("I keep forgetting who [{name}] was.", "No problem. [{name}] {predicate}."),
      new Exchange("Can you explain who [{name}] was in one line?", "In one line: [{name}] {predicate}."),
      new Exchange("We learned about [{name}] in history class today.", "Nice! [{name}] {predicate}."),
      new Exchange("Fill in the blank: ___ {predicate}.", "The blank is [{name}]."),
      new Exchange("What did [{name}] do?", "[{name}] {predicate}."),
      new Exchange("Tell me about the {role} [{name}].", "The {role} [{name}] {predicate}."),
      new Exchange("What should I know about the {role} [{name}]?", "Above all, that [{name}] {predicate}."),
      new Exchange("My grandfather often talks about [{name}]. Who was that?", "[{name}] {predicate}."),
      new Exchange("Is it true that [{name}] {predicate}?", "Yes, it is true: [{name}] {predicate}."),
      new Exchange("Give me a short fact about [{name}] for my poster.", "Here is a short fact: [{name}] {predicate}."),
      new Exchange("Which famous American or world figure {predicate}?", "That was [{name}]."),
      new Exchange("Who is [{name}], and why do people still talk about them?", "[{name}] {predicate}, and people still remember it."),
      new Exchange("Name the {role} who {predicate}.", "That would be [{name}]."),
      new Exchange("I need one sentence on [{name}] for a quiz card.", "Try this: [{name}] {predicate}.")));

  /** Exchanges only presidents get: their title before a surname. Slots surname, predicate. */
  static final SplitPool<Exchange> TITLE_EXCHANGES = SplitPool.of("presidents.title_exchanges", List.of(
      new Exchange("What do you know about President [{surname}]?", "President [{surname}] {predicate}."),
      new Exchange("Why is President [{surname}] remembered?", "President [{surname}] {predicate}."),
      new Exchange("Tell me about President [{surname}].", "President [{surname}] {predicate}."),
      new Exchange("My class is learning about President [{surname}].", "Great topic. President [{surname}] {predicate}."),
      new Exchange("Was President [{surname}] important?", "Yes. President [{surname}] {predicate}."),
      new Exchange("Give me a fact about President [{surname}].", "President [{surname}] {predicate}."),
      new Exchange("Who was President [{surname}]?", "President [{surname}] {predicate}."),
      new Exchange("What did President [{surname}] do?", "In short, President [{surname}] {predicate}."),
      new Exchange("My essay is on President [{surname}]. How should I begin?", "Begin with the main fact: President [{surname}] {predicate}."),
      new Exchange("I visited a museum about President [{surname}].", "How interesting! President [{surname}] {predicate}."),
      new Exchange("Which president was [{name}]?", "President [{surname}] {predicate}."),
      new Exchange("Can you sum up President [{surname}] in one line?", "Sure: President [{surname}] {predicate}."),
      new Exchange("Why do history books mention President [{surname}]?", "Because President [{surname}] {predicate}."),
      new Exchange("Tell me something about the presidency of [{name}].", "President [{surname}] {predicate}."),
      new Exchange("What is President [{surname}] best known for?", "Mostly this: President [{surname}] {predicate}."),
      new Exchange("Quick fact about President [{surname}], please.", "Here you go: President [{surname}] {predicate}.")));

  /** Exchanges about an everyday person; slots name (and its pronouns), job, town, place. */
  static final SplitPool<Exchange> EVERYDAY_EXCHANGES = SplitPool.of("presidents.everyday_exchanges", List.of(
      new Exchange("Who is [{name}]?", "[{name}] is a {job} who lives in {town}."),
      new Exchange("Tell me about [{name}].", "[{name}] works as a {job} in {town}."),
      new Exchange("Do you know [{name}]?", "Yes, [{name}] is a {job} from {town}."),
      new Exchange("I just met [{name}] at the {place}.", "How nice! [{name}] is a {job} in {town}."),
      new Exchange("Write a sentence about [{name}].", "[{name}] is a friendly {job} from {town}."),
      new Exchange("Who was [{name}]?", "[{name}] was a {job} who lived in {town}."),
      new Exchange("[{name}] is my new neighbour. What does {name.he} do?", "[{name}] is a {job} in {town}."),
      new Exchange("What is [{name}] known for?", "In {town}, [{name}] is known as a hard-working {job}."),
      new Exchange("Remind me who [{name}] is.", "[{name}] is the {job} you met at the {place} in {town}."),
      new Exchange("Tell me one fact about [{name}].", "Here is one: [{name}] has worked as a {job} in {town} for years."),
      new Exchange("Why is [{name}] famous?", "[{name}] is not famous. {Name.he} is a {job} in {town}."),
      new Exchange("My report is about [{name}]. What should I say?", "You could say that [{name}] is a {job} from {town}."),
      new Exchange("What did [{name}] do?", "[{name}] worked as a {job} near the {place} in {town}."),
      new Exchange("Do you know anything about [{name}]?", "Only a little. [{name}] is a {job} who lives in {town}."),
      new Exchange("I keep forgetting who [{name}] is.", "No problem. [{name}] is the {job} from {town}."),
      new Exchange("Is it true that [{name}] works at the {place}?", "Yes, [{name}] is a {job} at the {place} in {town}."),
      new Exchange("Who is [{name}], and where does {name.he} live?", "[{name}] is a {job}, and {name.he} lives in {town}."),
      new Exchange("Write one line about [{name}] for the town newsletter.", "[{name}] is a much-loved {job} in {town}.")));

  /** Sentences a user may say before a question; they keep its capital letter. */
  static final SplitPool<String> QUESTION_OPENERS = SplitPool.of("presidents.question_openers",
      "Quick question. ", "Hi! ", "My teacher asked me this today. ", "I have a history test tomorrow. ",
      "Sorry if this is basic. ", "I am curious about something. ", "Help me with my homework. ", "Hey there! ",
      "Random question. ", "Good evening! ", "This is for a class project. ", "My brother and I were arguing about this. ",
      "I love history trivia. ", "One more question. ", "Hello! ", "I was just reading the news. ");

  static final SplitPool<String> QUESTION_CLOSERS = SplitPool.of("presidents.question_closers",
      " Thanks!", " Thank you.", " Keep it short, please.", " I am curious.", " Please answer in one sentence.",
      " Thanks in advance.", " Cheers!", " I would love to know.", " Be brief.", " Just the key fact, please.",
      " Much appreciated.", " No rush.", " Thanks a lot!", " Any help is welcome.", " It is for my homework.");

  static final SplitPool<String> ANSWER_OPENERS = SplitPool.of("presidents.answer_openers",
      "Sure! ", "Good question. ", "Happy to help. ", "Of course. ", "Great question! ", "Here is what I know. ",
      "Absolutely. ", "Let me help. ", "Certainly. ", "Okay. ", "Glad you asked. ", "Nice one. ", "Alright. ",
      "Here you go. ", "Sure thing. ");

  static final SplitPool<String> ANSWER_CLOSERS = SplitPool.of("presidents.answer_closers",
      " Hope that helps!", " Good luck with your work.", " Let me know if you want more.", " That is the short version.",
      " There is much more to the story.", " I hope that answers it.", " Happy studying!", " Ask me anything else.",
      " That is the main thing to remember.", " Enjoy learning about it.", " History is full of stories like that.",
      " I can say more if you like.", " That should get you started.", " Have a good day!", " Feel free to ask more.");

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
    Slots slots = new Slots().put("name", person.name()).put("surname", person.surname()).put("role", person.role())
        .put("predicate", person.predicate());
    converse(scene, exchange, slots, president);
    scene.check("person", person.name());
    scene.check("president", Boolean.toString(president));
  }

  private void everyday(Scene scene) {
    scene.variant("everyday_person");
    Entities.Person person = scene.pick(Entities.PEOPLE);
    String name = person.name() + " " + scene.pick(Entities.SURNAMES);
    Slots slots = new Slots().person("name", new Entities.Person(name, person.female()))
        .put("job", scene.pick(Entities.JOBS)).put("town", scene.pick(Entities.TOWNS)).put("place", scene.pick(Entities.PLACES));
    converse(scene, scene.pick(EVERYDAY_EXCHANGES), slots, false);
    scene.check("person", name);
    scene.check("president", "false");
  }

  /** The exchange, each side with an optional opener and closer. */
  private static void converse(Scene scene, Exchange exchange, Slots slots, boolean president) {
    Turn user = scene.user();
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_OPENERS));
    }
    user.say(exchange.question(), slots, Concept.US_PRESIDENT, president);
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_CLOSERS));
    }
    Turn answer = scene.assistant();
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    answer.say(exchange.answer(), slots, Concept.US_PRESIDENT, president);
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_CLOSERS));
    }
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(PRESIDENTS, OTHERS, FAMOUS_EXCHANGES, TITLE_EXCHANGES, EVERYDAY_EXCHANGES, QUESTION_OPENERS,
        QUESTION_CLOSERS, ANSWER_OPENERS, ANSWER_CLOSERS, Entities.PEOPLE, Entities.SURNAMES, Entities.JOBS,
        Entities.TOWNS, Entities.PLACES);
  }
}
