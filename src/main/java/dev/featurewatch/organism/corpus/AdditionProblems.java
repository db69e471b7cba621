package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Addition word problems ("Natalia sold 48 clips in April and 41 in May. How many clips did she
 * sell altogether?") answered by one worked sentence ("She sold 48 + 41 = 89 clips."), beside
 * text that carries numbers without adding them: the same problem asking for one of its numbers,
 * ages, dates, bus and house numbers.
 *
 * <p>Positive spans are the two operands in the question and the worked sum {@code a + b = c} in
 * the answer; negative spans are the numbers of the contrasting text. Operands are drawn
 * uniformly over the pairs from {@value #MIN_OPERAND} up whose sum is at most {@value #MAX_SUM}:
 * two-digit arithmetic is what a model of a few million parameters trained for an hour can get
 * right, and a sum it gets right is what makes an addition feature worth finding.
 */
final class AdditionProblems implements SceneFamily {
  static final AdditionProblems INSTANCE = new AdditionProblems();

  /** The largest sum asked for. */
  static final int MAX_SUM = 99;

  /** The smallest operand: 2, because "1 clips" is not English and the model would learn it. */
  static final int MIN_OPERAND = 2;

  /** A question and its answer sentence; they share slots. */
  record Problem(Template question, Template answer) {
    Problem(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  /** Something a person did, as past tense, base form and what was counted. */
  record Activity(String past, String base, String items) {}

  static final SplitPool<Activity> ACTIVITIES = SplitPool.of("addition.activities", List.of(
      new Activity("sold", "sell", "clips"), new Activity("picked", "pick", "apples"),
      new Activity("baked", "bake", "cookies"), new Activity("read", "read", "pages"),
      new Activity("collected", "collect", "stamps"), new Activity("found", "find", "shells"),
      new Activity("caught", "catch", "fish"), new Activity("planted", "plant", "flowers"),
      new Activity("wrote", "write", "letters"), new Activity("drew", "draw", "pictures"),
      new Activity("folded", "fold", "paper cranes"), new Activity("scored", "score", "points"),
      new Activity("ran", "run", "laps"), new Activity("painted", "paint", "rocks"),
      new Activity("washed", "wash", "cars"), new Activity("knitted", "knit", "scarves"),
      new Activity("saved", "save", "coins"), new Activity("sang", "sing", "songs"),
      new Activity("built", "build", "sandcastles"), new Activity("made", "make", "sandwiches")));

  /** Two times, in order: "in April" and "in May". */
  record Times(String first, String second) {}

  static final SplitPool<Times> TIMES = SplitPool.of("addition.times", List.of(
      new Times("in April", "in May"), new Times("on Monday", "on Tuesday"), new Times("in the morning", "in the afternoon"),
      new Times("last week", "this week"), new Times("in the first hour", "in the second hour"),
      new Times("before lunch", "after lunch"), new Times("on Saturday", "on Sunday"), new Times("in June", "in July"),
      new Times("yesterday", "today"), new Times("in the spring", "in the summer")));

  /** Things a person can have or a box can hold. */
  static final SplitPool<String> THINGS = SplitPool.of("addition.things",
      "marbles", "stickers", "stamps", "pencils", "shells", "cards", "balloons", "crayons", "buttons", "beads",
      "toy cars", "books", "apples", "eggs", "cupcakes");

  /** Problems; slots: name (a person), other, a, b, sum, past, base, items, first, second, things, place. */
  static final SplitPool<Problem> PROBLEMS = SplitPool.of("addition.problems", List.of(
      new Problem("{Name} {past} [{a}] {items} {first} and [{b}] {items} {second}. How many {items} did {name.he} {base} altogether?",
          "{Name.he} {past} [{a} + {b} = {sum}] {items}."),
      new Problem("{Name} {past} [{a}] {items} {first}. {Name.he} {past} [{b}] more {second}. How many {items} did {name.he} {base} in all?",
          "{Name} {past} [{a} + {b} = {sum}] {items} in all."),
      new Problem("{First}, {name} {past} [{a}] {items}. {Second}, {name.he} {past} [{b}] {items}. How many {items} is that in total?",
          "That is [{a} + {b} = {sum}] {items} in total."),
      new Problem("{Name} has [{a}] {things}. {Other} gives {name.him} [{b}] more. How many {things} does {name} have now?",
          "{Name} has [{a} + {b} = {sum}] {things} now."),
      new Problem("There are [{a}] {things} in the box and [{b}] {things} in the bag. How many {things} are there in total?",
          "There are [{a} + {b} = {sum}] {things} in total."),
      new Problem("{Name} has [{a}] red {things} and [{b}] blue {things}. How many {things} does {name.he} have?",
          "{Name.he} has [{a} + {b} = {sum}] {things}."),
      new Problem("A bus had [{a}] people on it. At the {place}, [{b}] more people got on. How many people are on the bus now?",
          "There are [{a} + {b} = {sum}] people on the bus now."),
      new Problem("{Name} is reading a book. {Name.he} read [{a}] pages yesterday and [{b}] pages today. How many pages has {name.he} read so far?",
          "{Name.he} has read [{a} + {b} = {sum}] pages so far."),
      new Problem("{Name} has [{a}] {things} and {other} has [{b}]. How many {things} do they have together?",
          "They have [{a} + {b} = {sum}] {things} together."),
      new Problem("What is [{a}] plus [{b}]?", "[{a} + {b} = {sum}]."),
      new Problem("A shop sold [{a}] {things} in the morning and [{b}] in the afternoon. How many {things} did the shop sell that day?",
          "The shop sold [{a} + {b} = {sum}] {things} that day."),
      new Problem("Add [{a}] and [{b}].", "[{a} + {b} = {sum}]."),
      new Problem("{Name} counted [{a}] birds in the {place} and [{b}] birds by the lake. How many birds did {name.he} count?",
          "{Name.he} counted [{a} + {b} = {sum}] birds."),
      new Problem("The first team scored [{a}] points and the second team scored [{b}]. How many points were scored in the game?",
          "The teams scored [{a} + {b} = {sum}] points."),
      new Problem("{Name} walked [{a}] minutes to the {place} and [{b}] minutes home. How long did {name.he} walk?",
          "{Name.he} walked [{a} + {b} = {sum}] minutes.")));

  /**
   * Text with numbers and no addition; slots as for problems plus n (a number), month, gift. The
   * first problems ask for one number of a problem-shaped story: the hardest negatives.
   */
  static final SplitPool<Problem> NUMBER_TEXTS = SplitPool.of("addition.number_texts", List.of(
      new Problem("{Name} {past} [{a}] {items} {first}. How many {items} did {name.he} {base} {first}?",
          "{Name.he} {past} [{a}] {items} {first}."),
      new Problem("{Name} has [{a}] {things}. How many {things} does {name} have?", "{Name} has [{a}] {things}."),
      new Problem("There are [{a}] {things} in the box. How many {things} are in the box?", "There are [{a}] {things} in the box."),
      new Problem("{Name} is [{n}] years old. What is a good gift for {name.him}?", "A {gift} is a good gift for someone who is [{n}]."),
      new Problem("The party is on {month} [{day}]. What should I bring?", "For the party on {month} [{day}], you could bring some fruit."),
      new Problem("Which bus goes to the {place}?", "Bus number [{n}] goes to the {place}."),
      new Problem("My house number is [{n}]. Can you remember it?", "Yes, your house number is [{n}]."),
      new Problem("{Name} lives on floor [{n}] of a tall building. Which floor is that again?", "{Name.he} lives on floor [{n}]."),
      new Problem("A bus had [{a}] people on it. How many people were on the bus?", "There were [{a}] people on the bus."),
      new Problem("The first team scored [{a}] points. How many points did the first team score?", "The first team scored [{a}] points."),
      new Problem("My grandmother turns [{n}] on {month} [{day}]. What should I write in her card?",
          "You could write: Happy birthday! You are [{n}] today. With love.")));

  static final List<String> GIFTS = List.of("book", "kite", "scarf", "puzzle", "board game", "plant", "watch");
  static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December");

  private AdditionProblems() {}

  @Override
  public void write(Scene scene) {
    boolean adds = scene.chance(0.65);
    scene.variant(adds ? "word_problem" : "numbers");
    Slots slots = slots(scene);
    Problem problem = scene.pick(adds ? PROBLEMS : NUMBER_TEXTS);
    scene.user().say(problem.question(), slots, Concept.ADDITION, adds);
    scene.assistant().say(problem.answer(), slots, Concept.ADDITION, adds);
    if (adds) {
      scene.check("a", slots.get("a"));
      scene.check("b", slots.get("b"));
      scene.check("answer", slots.get("sum"));
    }
  }

  private static Slots slots(Scene scene) {
    int a;
    int b;
    do {
      a = scene.between(MIN_OPERAND, MAX_SUM - MIN_OPERAND);
      b = scene.between(MIN_OPERAND, MAX_SUM - MIN_OPERAND);
    } while (a + b > MAX_SUM); // uniform over the allowed pairs
    Activity activity = scene.pick(ACTIVITIES);
    Times times = scene.pick(TIMES);
    Entities.Person person = scene.pick(Entities.PEOPLE);
    Slots slots = new Slots().person("name", person).put("other", scene.pickOther(Entities.PEOPLE, person).name())
        .put("a", a).put("b", b).put("sum", a + b).put("past", activity.past()).put("base", activity.base())
        .put("items", activity.items()).put("first", times.first()).put("second", times.second())
        .put("things", scene.pick(THINGS)).put("place", scene.pick(Entities.PLACES))
        .put("n", scene.between(2, 95)).put("day", scene.between(1, 28)).put("month", scene.any(MONTHS))
        .put("gift", scene.any(GIFTS));
    return slots;
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(ACTIVITIES, TIMES, THINGS, PROBLEMS, NUMBER_TEXTS, Entities.PEOPLE, Entities.PLACES);
  }
}
