package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Addition word problems ("Natalia sold 48 clips in April and 41 in May. How many clips did she
 * sell altogether?") answered with the worked sum ("She sold 48 + 41 = 89 clips altogether."),
 * beside text that carries numbers without adding them: the same stories asking for one of their
 * numbers or which is bigger, scores, ages, dates, bus and room numbers.
 *
 * <p>A problem is composed, not copied: one of five {@link Kind}s (an activity at two times, a
 * gain, two holders, a crowd, bare arithmetic) gives a story that states the two operands, a
 * question (asked after the story or before it) and a result clause; an answer frame places the
 * worked sum; an optional preamble and closer wrap the question. Each part is its own {@link
 * SplitPool}, so held-out problems are phrased in ways the model never saw, and the model can only
 * answer them by finding the two numbers, not by recalling a template. Every answer carries the
 * worked sum {@code a + b = c} in its first sentence, the only "=" in it.
 *
 * <p>Positive spans are the two operands in the question and the worked sum in the answer;
 * negative spans are the numbers of the contrasting text. Operands are drawn uniformly over the
 * pairs from {@value #MIN_OPERAND} up whose sum is at most {@value #MAX_SUM}: two-digit
 * arithmetic is what a model of a few million parameters trained for an hour can get right.
 */
final class AdditionProblems implements SceneFamily {
  static final AdditionProblems INSTANCE = new AdditionProblems();

  /** The largest sum asked for. */
  static final int MAX_SUM = 99;

  /** The smallest operand: 2, because "1 clips" is not English and the model would learn it. */
  static final int MIN_OPERAND = 2;

  /** Where a frame puts the result clause with the worked sum as its total, capitalised or not. */
  private static final String WORKED = "<worked>";
  private static final String WORKED_CAP = "<Worked>";
  /** Where a frame puts the result clause with the plain sum, after the frame's own worked sum. */
  private static final String PLAIN = "<plain>";
  private static final String PLAIN_CAP = "<Plain>";
  private static final String WORK = "[{a} + {b} = {sum}]";

  /**
   * One kind of problem. Stories state [{a}] before [{b}]; questions name people rather than
   * use pronouns, so they read well before the story too; results are lower-case clauses with a
   * {total} slot for the answer frame to fill.
   */
  record Kind(String name, SplitPool<Template> stories, SplitPool<Template> questions, SplitPool<String> results) {}

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
      new Activity("built", "build", "sandcastles"), new Activity("made", "make", "sandwiches"),
      new Activity("swam", "swim", "lengths"), new Activity("counted", "count", "birds"),
      new Activity("watered", "water", "plants"), new Activity("cleaned", "clean", "windows"),
      new Activity("sewed", "sew", "buttons"), new Activity("delivered", "deliver", "newspapers"),
      new Activity("solved", "solve", "puzzles"), new Activity("wrapped", "wrap", "presents"),
      new Activity("blew up", "blow up", "balloons"), new Activity("took", "take", "photos"),
      new Activity("climbed", "climb", "trees"), new Activity("filled", "fill", "bottles"),
      new Activity("stacked", "stack", "boxes"), new Activity("packed", "pack", "bags"),
      new Activity("peeled", "peel", "potatoes"), new Activity("gathered", "gather", "eggs"),
      new Activity("learned", "learn", "new words"), new Activity("recorded", "record", "videos"),
      new Activity("printed", "print", "posters"), new Activity("hung", "hang", "pictures"),
      new Activity("answered", "answer", "questions"), new Activity("typed", "type", "emails"),
      new Activity("carved", "carve", "pumpkins"), new Activity("ironed", "iron", "shirts"),
      new Activity("mended", "mend", "socks")));

  /** Two times, in order: "in April" and "in May". */
  record Times(String first, String second) {}

  static final SplitPool<Times> TIMES = SplitPool.of("addition.times", List.of(
      new Times("in April", "in May"), new Times("on Monday", "on Tuesday"), new Times("in the morning", "in the afternoon"),
      new Times("last week", "this week"), new Times("in the first hour", "in the second hour"),
      new Times("before lunch", "after lunch"), new Times("on Saturday", "on Sunday"), new Times("in June", "in July"),
      new Times("yesterday", "today"), new Times("in the spring", "in the summer"),
      new Times("on Wednesday", "on Thursday"), new Times("in the first game", "in the second game"),
      new Times("in September", "in October"), new Times("last year", "this year"),
      new Times("before school", "after school"), new Times("in the first half", "in the second half"),
      new Times("on the first day", "on the second day"), new Times("during the week", "at the weekend"),
      new Times("at breakfast", "at dinner"), new Times("last month", "this month"),
      new Times("on Friday", "on Saturday"), new Times("in the winter", "in the spring"),
      new Times("on the way there", "on the way back"), new Times("in round one", "in round two"),
      new Times("in the morning", "in the evening")));

  /** Things a person can have or a box can hold. */
  static final SplitPool<String> THINGS = SplitPool.of("addition.things",
      "marbles", "stickers", "stamps", "pencils", "shells", "cards", "balloons", "crayons", "buttons", "beads",
      "toy cars", "books", "apples", "eggs", "cupcakes", "coins", "badges", "postcards", "ribbons", "pebbles",
      "paper clips", "erasers", "comic books", "keys", "candles", "jigsaw pieces", "feathers", "rubber ducks",
      "bottle caps", "oranges", "pears", "plums", "teddy bears", "dice", "glass beads");

  /** Groups of people, plural. */
  static final SplitPool<String> CROWDS = SplitPool.of("addition.crowds",
      "people", "children", "guests", "visitors", "passengers", "runners", "students", "players", "singers", "campers",
      "fans", "tourists", "parents", "dancers", "swimmers");

  /** Containers, written to follow "the"; split-independent. */
  static final List<String> CONTAINERS = List.of("box", "bag", "jar", "basket", "drawer", "tin", "bucket", "bowl", "crate", "cupboard");
  static final List<String> COLOURS = List.of("red", "blue", "green", "yellow", "white", "black", "orange", "purple", "pink", "brown");

  // Slots: name (+ .he/.him/.his), other, rel, a, b, sum, past, base, items, first, second,
  // things, crowd, place, box1, box2, colour1, colour2.

  static final Kind ACTIVITY = new Kind("activity",
      Template.pool("addition.activity_stories",
          "{Name} {past} [{a}] {items} {first} and [{b}] {items} {second}.",
          "{Name} {past} [{a}] {items} {first}. {Second}, {name.he} {past} [{b}] more.",
          "{First}, {name} {past} [{a}] {items}. {Second}, {name.he} {past} another [{b}].",
          "{Name} {past} [{a}] {items} {first}, and then [{b}] more {second}.",
          "{First} {name} {past} [{a}] {items}, and {second} {name.he} {past} [{b}].",
          "{Name} {past} [{a}] {items} {first}. Later, {second}, {name.he} {past} [{b}] more {items}.",
          "{Name} {past} some {items}: [{a}] {first} and [{b}] {second}.",
          "{Name} {past} [{a}] {items} {first}. {Name.he} {past} [{b}] {items} {second}, too.",
          "{Name} {past} [{a}] {items} {first}. After that, {name.he} {past} [{b}] more {second}.",
          "{Name} {past} [{a}] {items} {first}, then another [{b}] {second}.",
          "{First}, {name} {past} [{a}] {items}. {Name.he} kept going and {past} [{b}] more {second}.",
          "{Second}, {name} {past} [{a}] {items}. That was on top of the [{b}] {name.he} {past} {first}.",
          "Here is what {name} did. {First}: [{a}] {items}. {Second}: [{b}] {items}.",
          "{Name} {past} [{a}] {items} {first}. {Name.his} {rel} says {name.he} {past} [{b}] more {second}.",
          "{First} {name} {past} [{a}] {items}; {second}, [{b}] more.",
          "{Name} has been busy. {Name.he} {past} [{a}] {items} {first} and another [{b}] {second}.",
          "{Name} {past} [{a}] {items} {first}. Then, {second}, {name.he} {past} [{b}] {items}.",
          "Counting {first}, {name} {past} [{a}] {items}, and counting {second}, [{b}].",
          "{Name} {past} [{a}] {items} {first} and then {past} [{b}] more {second}.",
          "{Name} kept a list. It says {name.he} {past} [{a}] {items} {first} and [{b}] {items} {second}.",
          "{First}, {name} and {name.his} {rel} {past} [{a}] {items}. {Second}, they {past} [{b}] more.",
          "{Name} {past} exactly [{a}] {items} {first}, and {second} {name.he} {past} [{b}]."),
      Template.pool("addition.activity_questions",
          "How many {items} did {name} {base} altogether?",
          "How many {items} did {name} {base} in all?",
          "How many {items} is that in total?",
          "What is the total number of {items}?",
          "Altogether, how many {items} did {name} {base}?",
          "How many {items} did {name} {base} in total?",
          "Can you work out how many {items} {name} {past} in all?",
          "How many {items} were there altogether?",
          "In all, how many {items} did {name} {base}?",
          "What is the total?",
          "Find the total number of {items}.",
          "Tell me how many {items} {name} {past} altogether.",
          "How many {items} did {name} {base} over both times?",
          "How many {items} does that make in all?",
          "What is the total number of {items} {name} {past}?",
          "Work out the total: how many {items}?"),
      SplitPool.of("addition.activity_results",
          "{name.he} {past} {total} {items} altogether",
          "{name} {past} {total} {items} in all",
          "that is {total} {items} in total",
          "the total is {total} {items}",
          "{name.he} {past} {total} {items}",
          "{name} {past} {total} {items} in total",
          "that makes {total} {items} altogether",
          "the answer is {total} {items}",
          "there were {total} {items} in all",
          "{name.he} {past} {total} {items} over both times"));

  static final Kind GAIN = new Kind("gain",
      Template.pool("addition.gain_stories",
          "{Name} has [{a}] {things}. {Other} gives {name.him} [{b}] more.",
          "{Name} had [{a}] {things}, and then {name.he} bought [{b}] more.",
          "{Name} has [{a}] {things}. {Name.he} finds another [{b}] at the {place}.",
          "There were [{a}] {things} in {name}'s {box1}. {Other} added [{b}] more.",
          "{Name} started the day with [{a}] {things}. Later, {name.he} got [{b}] more from {other}.",
          "{Name} keeps [{a}] {things} in a {box1}. {Name.his} {rel} puts in [{b}] more.",
          "At first, {name} had [{a}] {things}. Then {name.he} won [{b}] more at the {place}.",
          "{Name} owns [{a}] {things}. For {name.his} birthday, {name.he} gets [{b}] more.",
          "{Name} had [{a}] {things}. At the {place}, {name.he} picked up another [{b}].",
          "The {box1} held [{a}] {things}. {Name} put [{b}] more into it.",
          "{Name} had [{a}] {things} and was given [{b}] more.",
          "{Name} has a {box1} of [{a}] {things}. {Other} brings [{b}] more {things} to add to it.",
          "{Name} collects {things}. {Name.he} had [{a}], and this week {name.he} found [{b}] more.",
          "Last week {name} had [{a}] {things}. Since then {name.he} has got another [{b}].",
          "{Name} has [{a}] {things} already, and {name.he} just bought [{b}] more at the {place}.",
          "There are [{a}] {things} on the shelf. {Name} puts [{b}] more there.",
          "{Name} had [{a}] {things}. {Name.his} {rel} sent [{b}] more in the post.",
          "With [{a}] {things} in the {box1}, {name} added another [{b}]."),
      Template.pool("addition.gain_questions",
          "How many {things} does {name} have now?",
          "How many {things} are there now?",
          "How many {things} does {name} have in all?",
          "Now how many {things} does {name} have?",
          "What is the new total?",
          "How many {things} does that make?",
          "How many {things} are there altogether now?",
          "How many {things} does {name} have altogether?",
          "Can you tell me how many {things} {name} has now?",
          "What is the total number of {things} now?",
          "How many {things} has {name} got now?",
          "How many {things} are there at the end?",
          "How many {things} in total?",
          "How many {things} is that in all?",
          "Work out how many {things} there are now.",
          "How many {things} are there in total?"),
      SplitPool.of("addition.gain_results",
          "{name.he} now has {total} {things}",
          "{name} has {total} {things} now",
          "there are {total} {things} now",
          "that makes {total} {things}",
          "the new total is {total} {things}",
          "{name} now has {total} {things} in all",
          "the total is {total} {things}",
          "there are {total} {things} altogether",
          "{name.he} has {total} {things} altogether",
          "that is {total} {things} in total"));

  static final Kind PAIR = new Kind("pair",
      Template.pool("addition.pair_stories",
          "{Name} has [{a}] {things} and {other} has [{b}].",
          "{Name} has [{a}] {things}. {Other} has [{b}] {things}.",
          "{Other} and {name} collect {things}. {Name} has [{a}] and {other} has [{b}].",
          "{Name} owns [{a}] {things}, while {other} owns [{b}].",
          "There are [{a}] {things} in {name}'s {box1} and [{b}] in {other}'s.",
          "There are [{a}] {things} in the {box1} and [{b}] {things} in the {box2}.",
          "{Name} has [{a}] {colour1} {things} and [{b}] {colour2} {things}.",
          "The {box1} holds [{a}] {things}. The {box2} holds [{b}].",
          "In a {box1} there are [{a}] {colour1} {things}, and next to it there are [{b}] {colour2} ones.",
          "{Name} brought [{a}] {things} to the {place}, and {other} brought [{b}].",
          "On one shelf there are [{a}] {things}; on the other there are [{b}].",
          "{Name} has [{a}] {things}, and {name.his} {rel} has [{b}].",
          "{Name} counted [{a}] {colour1} {things} and {other} counted [{b}] {colour2} ones.",
          "Of the {things} at the {place}, [{a}] are {colour1} and [{b}] are {colour2}.",
          "{Name} keeps [{a}] {things} at home and [{b}] at the {place}.",
          "There are [{a}] big {things} and [{b}] small {things} in the {box1}.",
          "{Name}'s team has [{a}] {things}. {Other}'s team has [{b}]."),
      Template.pool("addition.pair_questions",
          "How many {things} do they have together?",
          "How many {things} are there in total?",
          "How many {things} are there altogether?",
          "How many {things} do {name} and {other} have altogether?",
          "How many {things} is that in all?",
          "If they put them together, how many {things} will they have?",
          "What is the total number of {things}?",
          "How many {things} are there in all?",
          "Together, how many {things} is that?",
          "Can you find the total number of {things}?",
          "How many {things} do the two of them have?",
          "What is the total?",
          "All together, how many {things} are there?",
          "Counting both, how many {things} are there?",
          "How many {things} does that make in total?",
          "What do you get if you count all the {things}?"),
      SplitPool.of("addition.pair_results",
          "they have {total} {things} together",
          "there are {total} {things} in total",
          "together there are {total} {things}",
          "that makes {total} {things} altogether",
          "the total is {total} {things}",
          "there are {total} {things} in all",
          "the two of them have {total} {things}",
          "that is {total} {things}",
          "altogether there are {total} {things}",
          "you get {total} {things} in all"));

  static final Kind CROWD = new Kind("crowd",
      Template.pool("addition.crowd_stories",
          "There were [{a}] {crowd} at the {place}. Then [{b}] more arrived.",
          "A bus had [{a}] {crowd} on it. At the {place}, [{b}] more got on.",
          "At the {place}, [{a}] {crowd} were waiting. Later, [{b}] more joined them.",
          "The {place} had [{a}] {crowd} before lunch. After lunch, another [{b}] came in.",
          "{Name} counted [{a}] {crowd} at the {place}, and then [{b}] more walked in.",
          "On the first trip, the boat carried [{a}] {crowd}. On the second trip, it carried [{b}].",
          "The train left with [{a}] {crowd}. At the next stop, [{b}] more climbed aboard.",
          "A group of [{a}] {crowd} reached the {place}. Soon a second group of [{b}] arrived.",
          "In the first room there are [{a}] {crowd}; in the second room there are [{b}].",
          "The {place} was quiet, with only [{a}] {crowd}, until [{b}] more showed up.",
          "At the {place}, [{a}] {crowd} sat inside and [{b}] more sat outside.",
          "Early on, there were [{a}] {crowd} at the {place}. By noon, another [{b}] had come.",
          "The trip to the {place} took [{a}] {crowd} in one bus and [{b}] in another.",
          "{Name} saw [{a}] {crowd} in the queue and [{b}] more behind them.",
          "For the show, [{a}] {crowd} sat at the front and [{b}] sat at the back.",
          "{Name} invited [{a}] {crowd}, and {other} invited [{b}] more.",
          "First [{a}] {crowd} came through the gate, and then [{b}] more."),
      Template.pool("addition.crowd_questions",
          "How many {crowd} are there now?",
          "How many {crowd} are there in all?",
          "How many {crowd} were there altogether?",
          "What is the total number of {crowd}?",
          "How many {crowd} is that in total?",
          "Altogether, how many {crowd} were there?",
          "Can you tell me how many {crowd} there were in all?",
          "Count them up: how many {crowd} in all?",
          "How many {crowd} does that make?",
          "In total, how many {crowd} were there?",
          "How many {crowd} is that, all told?",
          "What is the total?",
          "Find the total number of {crowd}.",
          "How many {crowd} were there in total?",
          "How many {crowd} came altogether?",
          "All together, how many {crowd} is that?"),
      SplitPool.of("addition.crowd_results",
          "there are {total} {crowd} in all",
          "that makes {total} {crowd}",
          "there were {total} {crowd} altogether",
          "the total is {total} {crowd}",
          "that is {total} {crowd} in total",
          "there are {total} {crowd} now",
          "altogether there were {total} {crowd}",
          "the answer is {total} {crowd}",
          "we have {total} {crowd} in total",
          "the total number of {crowd} is {total}"));

  /** Bare arithmetic: the "story" is the whole question; the one question is empty. */
  static final Kind BARE = new Kind("bare",
      Template.pool("addition.bare_stories",
          "What is [{a}] plus [{b}]?",
          "Add [{a}] and [{b}].",
          "What do you get when you add [{a}] and [{b}]?",
          "Work out [{a}] plus [{b}].",
          "Calculate the sum of [{a}] and [{b}].",
          "What is the sum of [{a}] and [{b}]?",
          "If I add [{a}] to [{b}], what do I get?",
          "Can you add [{a}] and [{b}] for me?",
          "What number is [{a}] more than [{b}]?",
          "Please add [{a}] and [{b}] together.",
          "Find the total of [{a}] and [{b}].",
          "[{a}] plus [{b}] is what?",
          "What is [{a}] and [{b}] added together?",
          "Take [{a}] and add [{b}]. What is the result?",
          "Start at [{a}] and count on [{b}]. Where do you end up?",
          "What is the total when you put [{a}] and [{b}] together?",
          "How much is [{a}] plus [{b}]?"),
      SplitPool.shared("addition.bare_questions", List.of(Template.of(""))),
      SplitPool.of("addition.bare_results",
          "the answer is {total}",
          "the sum is {total}",
          "the total is {total}",
          "that makes {total}",
          "you get {total}",
          "the result is {total}",
          "together they make {total}",
          "it comes to {total}",
          "the number is {total}",
          "that gives {total}"));

  static final List<Kind> KINDS = List.of(ACTIVITY, GAIN, PAIR, CROWD, BARE);

  /** How the answer places the worked sum: in the result clause, or before a plain one. */
  static final SplitPool<String> FRAMES = SplitPool.of("addition.frames",
      WORKED_CAP + ".",
      WORK + ", so " + PLAIN + ".",
      WORK + ". " + PLAIN_CAP + ".",
      "We add the two numbers: " + WORK + ". " + PLAIN_CAP + ".",
      "To find the total, add them: " + WORK + ". " + PLAIN_CAP + ".",
      "Adding them up, " + WORKED + ".",
      "Adding gives " + WORK + ". " + PLAIN_CAP + ".",
      "This is an addition problem: " + WORK + ". " + PLAIN_CAP + ".",
      "Let us add: " + WORK + ". So " + PLAIN + ".",
      "Put the two numbers together: " + WORK + ". " + PLAIN_CAP + ".",
      "Sure! " + WORK + ", so " + PLAIN + ".",
      "Good question. " + WORKED_CAP + ".",
      WORKED_CAP + ". I added the two numbers.",
      WORK + ". That means " + PLAIN + ".",
      "Here is the working: " + WORK + ". " + PLAIN_CAP + ".",
      "Easy: " + WORKED + ".",
      "Answer: " + WORK + ". " + PLAIN_CAP + ".",
      "Count them together: " + WORK + ". " + PLAIN_CAP + ".",
      "First add: " + WORK + ". " + PLAIN_CAP + ".",
      "We need the total, so we add: " + WORK + ". " + PLAIN_CAP + ".");

  /** What may come before a question, problem or not, so that a preamble is no cue to add. */
  static final SplitPool<Template> PREAMBLES = Template.pool("addition.preambles",
      "Quick question: ", "My teacher asked me this: ", "Here is a word problem. ", "Can you help me with my homework? ",
      "Maths question: ", "Try this one: ", "I am stuck on this. ", "Help please! ", "My little brother asked me this. ",
      "Here is one from my workbook. ", "Puzzle time! ", "Can you solve this? ", "Homework help: ", "This was on a school quiz. ",
      "Let us do some maths. ", "I have a question. ", "Here is a problem for you. ", "One more: ", "My class is doing this today. ",
      "Hi! ");

  static final SplitPool<Template> CLOSERS = Template.pool("addition.closers",
      " Thanks!", " Please answer clearly.", " Thank you.", " Explain briefly.", " Just the answer, please.",
      " I want to check my answer.", " Cheers!", " Thanks in advance.", " Keep it short.", " Thanks a lot.",
      " Please help.", " I think I know, but I am not sure.", " No rush.", " Be quick!", " Many thanks.");

  /**
   * Text with numbers and no addition; slots as for problems plus n, big and small (big &gt;
   * small), hour, temp, year, platform, month, day, gift. The first ones reuse the stories'
   * shapes and ask for one number or which is bigger: the hardest negatives.
   */
  record Text(Template question, Template answer) {
    Text(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Text> NUMBER_TEXTS = SplitPool.of("addition.number_texts", List.of(
      new Text("{Name} {past} [{a}] {items} {first}. How many {items} did {name.he} {base} {first}?",
          "{Name.he} {past} [{a}] {items} {first}."),
      new Text("{Name} {past} [{a}] {items} {first} and [{b}] {items} {second}. How many did {name.he} {base} {second}?",
          "{Second}, {name.he} {past} [{b}] {items}."),
      new Text("{Name} {past} [{big}] {items} {first} and [{small}] {items} {second}. When did {name.he} {base} more?",
          "{First}, because [{big}] is more than [{small}]."),
      new Text("{Name} has [{a}] {things}. How many {things} does {name} have?", "{Name} has [{a}] {things}."),
      new Text("There are [{a}] {things} in the {box1}. How many {things} are in the {box1}?", "There are [{a}] {things} in the {box1}."),
      new Text("There are [{big}] {things} in the {box1} and [{small}] in the {box2}. Which has more?",
          "The {box1} has more: [{big}] is more than [{small}]."),
      new Text("{Name} has [{big}] {things}. {Other} has [{small}]. Who has more?", "{Name} has more, because [{big}] is more than [{small}]."),
      new Text("Which is bigger, [{big}] or [{small}]?", "[{big}] is bigger than [{small}]."),
      new Text("Our team won [{big}] to [{small}]. Who won?", "Your team won, [{big}] to [{small}]."),
      new Text("{Name} is [{big}] years old and {other} is [{small}]. Who is older?", "{Name} is older: [{big}] is more than [{small}]."),
      new Text("{Name} is [{n}] years old. What is a good gift for {name.him}?", "A {gift} is a good gift for someone who is [{n}]."),
      new Text("The party is on {month} [{day}]. What should I bring?", "For the party on {month} [{day}], you could bring some fruit."),
      new Text("Which bus goes to the {place}?", "Bus number [{n}] goes to the {place}."),
      new Text("My house number is [{n}]. Can you remember it?", "Yes, your house number is [{n}]."),
      new Text("{Name} lives on floor [{n}] of a tall building. Which floor is that again?", "{Name.he} lives on floor [{n}]."),
      new Text("A bus had [{a}] {crowd} on it. How many {crowd} were on the bus?", "There were [{a}] {crowd} on the bus."),
      new Text("The first team scored [{a}] points. How many points did the first team score?", "The first team scored [{a}] points."),
      new Text("My grandmother turns [{n}] on {month} [{day}]. What should I write in her card?",
          "You could write: Happy birthday! You are [{n}] today. With love."),
      new Text("The film starts at [{hour}] o'clock. When should we leave?", "Leave a little before [{hour}] o'clock so you are not late."),
      new Text("The meeting is in room [{n}]. Where do I go?", "Go to room [{n}] for the meeting."),
      new Text("It is [{temp}] degrees outside. Should I take a jacket?", "At [{temp}] degrees, a light jacket is a good idea."),
      new Text("{Name} moved to the {place} in [{year}]. When did {name.he} move?", "{Name.he} moved there in [{year}]."),
      new Text("Train [{n}] leaves from platform [{platform}]. Which platform is it?", "Train [{n}] leaves from platform [{platform}]."),
      new Text("I am on page [{n}] of my book. Can you remember that?", "Sure. You are on page [{n}]."),
      new Text("There were [{big}] {crowd} at the {place} and [{small}] at the {box1} stall. Where were there more?",
          "There were more at the {place}: [{big}] is more than [{small}].")));

  static final List<String> GIFTS = List.of("book", "kite", "scarf", "puzzle", "board game", "plant", "watch");
  static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December");

  private AdditionProblems() {}

  @Override
  public void write(Scene scene) {
    boolean adds = scene.chance(0.65);
    scene.variant(adds ? "word_problem" : "numbers");
    Slots slots = slots(scene);
    Turn user = scene.user();
    if (scene.chance(0.4)) {
      user.say(scene.pick(PREAMBLES), slots);
    }
    Template answer;
    if (adds) {
      Kind kind = KINDS.get(scene.weighted(30, 20, 20, 15, 15));
      Template story = scene.pick(kind.stories());
      Template question = scene.pick(kind.questions());
      if (kind == BARE || scene.chance(0.7)) {
        user.say(story, slots, Concept.ADDITION, true);
        if (kind != BARE) {
          user.say(" ").say(question, slots);
        }
      } else {
        user.say(question, slots).say(" ").say(story, slots, Concept.ADDITION, true);
      }
      answer = answer(scene.pick(FRAMES), scene.pick(kind.results()));
      scene.check("a", slots.get("a"));
      scene.check("b", slots.get("b"));
      scene.check("answer", slots.get("sum"));
    } else {
      Text text = scene.pick(NUMBER_TEXTS);
      user.say(text.question(), slots, Concept.ADDITION, false);
      answer = text.answer();
    }
    if (scene.chance(0.3)) {
      user.say(scene.pick(CLOSERS), slots);
    }
    scene.assistant().say(answer, slots, Concept.ADDITION, adds);
  }

  /** The answer template: the frame with the result clause put in, its total worked or plain. */
  static Template answer(String frame, String result) {
    String worked = result.replace("{total}", WORK);
    String plain = result.replace("{total}", "{sum}");
    return Template.of(frame.replace(WORKED_CAP, capitalise(worked)).replace(WORKED, worked)
        .replace(PLAIN_CAP, capitalise(plain)).replace(PLAIN, plain));
  }

  /** Capitalises a template source, whose first character may open a slot. */
  private static String capitalise(String source) {
    int i = source.startsWith("{") ? 1 : 0;
    return source.substring(0, i) + Character.toUpperCase(source.charAt(i)) + source.substring(i + 1);
  }

  private static Slots slots(Scene scene) {
    int a;
    int b;
    do {
      a = scene.between(MIN_OPERAND, MAX_SUM - MIN_OPERAND);
      b = scene.between(MIN_OPERAND, MAX_SUM - MIN_OPERAND);
    } while (a + b > MAX_SUM); // uniform over the allowed pairs
    int big = scene.between(MIN_OPERAND + 1, MAX_SUM);
    Activity activity = scene.pick(ACTIVITIES);
    Times times = scene.pick(TIMES);
    Entities.Person person = scene.pick(Entities.PEOPLE);
    String box1 = scene.any(CONTAINERS);
    String colour1 = scene.any(COLOURS);
    return new Slots().person("name", person).put("other", scene.pickOther(Entities.PEOPLE, person).name())
        .put("rel", Entities.relation(scene, person))
        .put("a", a).put("b", b).put("sum", a + b).put("big", big).put("small", scene.between(MIN_OPERAND, big - 1))
        .put("past", activity.past()).put("base", activity.base()).put("items", activity.items())
        .put("first", times.first()).put("second", times.second())
        .put("things", scene.pick(THINGS)).put("crowd", scene.pick(CROWDS)).put("place", scene.pick(Entities.PLACES))
        .put("box1", box1).put("box2", other(scene, CONTAINERS, box1))
        .put("colour1", colour1).put("colour2", other(scene, COLOURS, colour1))
        .put("n", scene.between(2, 95)).put("day", scene.between(1, 28)).put("month", scene.any(MONTHS))
        .put("hour", scene.between(2, 11)).put("temp", scene.between(2, 35)).put("year", scene.between(1950, 2024))
        .put("platform", scene.between(2, 12)).put("gift", scene.any(GIFTS));
  }

  private static String other(Scene scene, List<String> items, String not) {
    String s;
    do {
      s = scene.any(items);
    } while (s.equals(not));
    return s;
  }

  @Override
  public List<SplitPool<?>> pools() {
    List<SplitPool<?>> pools = new java.util.ArrayList<>(List.of(ACTIVITIES, TIMES, THINGS, CROWDS, FRAMES, PREAMBLES,
        CLOSERS, NUMBER_TEXTS, Entities.PEOPLE, Entities.PLACES));
    for (Kind k : KINDS) {
      pools.addAll(List.of(k.stories(), k.questions(), k.results()));
    }
    return pools;
  }
}
