package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Mosquitoes (bites, blood, malaria, standing water, a whine at night) beside fruit flies (ripe
 * fruit, vinegar traps, red eyes, genetics labs) in the same frames. Regions cover the insect's
 * name ("mosquito", "mosquitoes", "fruit flies") and the few nouns only one of them brings
 * ("malaria", "dengue", "Drosophila"): positive for the mosquito, negative for the fruit fly, so a
 * feature for "small flying insect" is not credited as a mosquito feature. Generic predicates
 * ("lays its eggs in standing water") and advice stay unlabelled: no single feature carries them.
 *
 * <p>Facts are template sources with regions of their own, put in place of {@code {fact}} before
 * parsing. Questions and answers take an optional opener and closer, and a comparison gives each
 * insect a sentence from a pool of parts, so phrasings multiply.
 */
final class InsectScenes implements SceneFamily {
  static final InsectScenes INSTANCE = new InsectScenes();

  /**
   * An insect, its names, facts (predicates after "A mosquito", with regions), advice (after "so
   * you should"), and how the assistant answers "Are they dangerous?".
   */
  record Insect(String singular, String plural, SplitPool<String> facts, SplitPool<String> advice, List<String> danger) {}

  static final Insect MOSQUITO = new Insect("mosquito", "mosquitoes",
      SplitPool.of("insects.mosquito_facts",
          "bites people and drinks their blood", "can spread [malaria]", "lays its eggs in standing water",
          "makes a high, whining buzz at night", "leaves an itchy red bump where it bites", "is kept away by nets and repellent",
          "bites only when it is a female looking for blood", "can carry [dengue] and [yellow fever]", "is most active at dusk and dawn",
          "breeds in ponds, puddles and old tyres", "finds people by the breath they breathe out", "has a long, thin mouth for piercing skin",
          "can pass on the [Zika] virus", "starts life as a wriggling larva in water", "is one of the deadliest animals on Earth because of [malaria]",
          "is drawn to warm skin and sweat", "can carry [West Nile] virus", "is a common pest in hot, wet places"),
      SplitPool.of("insects.mosquito_advice",
          "close the windows at dusk and sleep under a net", "use repellent and empty any standing water",
          "wear long sleeves in the evening", "put a screen on the window", "sleep under a net tonight",
          "tip out the water in old pots and buckets", "burn a citronella candle outside", "turn on a fan, since they are weak flyers",
          "keep the gutters clear of water", "change the water in bird baths every few days", "wear light-coloured clothes outdoors",
          "use a plug-in repellent in the bedroom", "stay inside at dusk when they bite most", "cover water barrels with a lid",
          "spray repellent on your ankles and arms"),
      List.of("Yes, they can be.", "They can be, yes.", "Sometimes, yes.", "In some places, very much so."));

  static final Insect FRUIT_FLY = new Insect("fruit fly", "fruit flies",
      SplitPool.of("insects.fruit_fly_facts",
          "is drawn to ripe and rotting fruit", "gathers around bananas left in the kitchen",
          "can be caught with a small trap of vinegar", "has bright red eyes", "is used in genetics labs to study genes",
          "lives for only a few weeks", "lays its eggs on soft, overripe fruit", "is also called [Drosophila]",
          "does not bite people", "breeds quickly in warm kitchens", "helped scientists learn how traits are passed on",
          "is smaller than a house fly", "can smell fruit juice from far away", "hovers around open wine and juice",
          "has been studied in labs for over a hundred years", "can lay hundreds of eggs in a few days",
          "feeds on the yeast in rotting fruit", "is harmless but annoying"),
      SplitPool.of("insects.fruit_fly_advice",
          "throw away old fruit and set a vinegar trap", "keep your fruit in the fridge", "empty the kitchen bin every day",
          "wash the fruit bowl and cover ripe fruit", "set a small trap of vinegar and soap",
          "rinse out bottles before you recycle them", "wipe up spilled juice right away", "clean the sink drain with hot water",
          "do not leave peels on the counter", "store onions and potatoes in a closed bin",
          "put a piece of banana in a jar with a paper cone", "take the compost out often", "keep the lid on the kitchen bin",
          "eat ripe bananas before they go brown", "wash the dishes soon after meals"),
      List.of("No, not really.", "Not at all.", "Hardly.", "No, they are just a nuisance."));

  /**
   * Exchanges; slots insect, an_insect, the_insect, insects, advice, danger, room; {@code {fact}}
   * and {@code {fact2}} are replaced by fact sources (never inside a region).
   */
  record Exchange(String question, String answer) {}

  static final SplitPool<Exchange> EXCHANGES = SplitPool.of("insects.exchanges", List.of(
      new Exchange("What do you know about [{insects}]?", "[{An_insect}] {fact}. It also {fact2}."),
      new Exchange("There is [{an_insect}] in my {room}. What should I do?", "[{An_insect}] {fact}, so {advice}."),
      new Exchange("Which insect {fact}?", "[{The_insect}] {fact}."),
      new Exchange("Tell me one fact about [{insects}].", "[{An_insect}] {fact}."),
      new Exchange("Why do people care about [{insects}]?", "Because [{an_insect}] {fact}."),
      new Exchange("How do I get rid of [{insects}]?", "To get rid of [{insects}], {advice}."),
      new Exchange("I saw lots of [{insects}] today.", "Did you? [{An_insect}] {fact}."),
      new Exchange("Write a sentence about [{an_insect}].", "[{An_insect}] {fact}."),
      new Exchange("Are [{insects}] dangerous?", "{danger} [{An_insect}] {fact}."),
      new Exchange("My child asked me about [{insects}]. What should I say?", "You could say that [{an_insect}] {fact} and {fact2}."),
      new Exchange("What is the best way to deal with [{insects}] at home?", "The best way is to {advice}."),
      new Exchange("Give me two facts about [{insects}].", "First, [{an_insect}] {fact}. Second, it {fact2}."),
      new Exchange("Something keeps buzzing around my {room}. I think it is [{an_insect}].",
          "If it is [{an_insect}], {advice}. Remember that [{an_insect}] {fact}."),
      new Exchange("Why are there so many [{insects}] this summer?", "Warm weather helps them. [{An_insect}] {fact}, so {advice}."),
      new Exchange("Is it true that [{an_insect}] {fact}?", "Yes. [{An_insect}] {fact}, and it also {fact2}."),
      new Exchange("I am doing a school project on [{insects}]. Where do I start?",
          "Start with this: [{an_insect}] {fact}. You could add that it {fact2}."),
      new Exchange("Can you explain [{insects}] to a child?", "Sure. [{An_insect}] is a small insect. It {fact}."),
      new Exchange("I keep finding [{insects}] in my {room}.", "That is annoying. Try this: {advice}."),
      new Exchange("What is interesting about [{insects}]?", "One interesting thing is that [{an_insect}] {fact}."),
      new Exchange("Describe [{an_insect}] in one line.", "[{An_insect}] is a tiny insect that {fact}."),
      new Exchange("We are going camping. Should I worry about [{insects}]?", "{danger} [{An_insect}] {fact}. To be safe, {advice}."),
      new Exchange("How do I keep [{insects}] out of my {room}?", "Here is a tip: {advice}. After all, [{an_insect}] {fact}."),
      new Exchange("Quiz question: which insect {fact}?", "The answer is [{the_insect}]. It also {fact2}."),
      new Exchange("What should I know about [{insects}]?", "Mainly that [{an_insect}] {fact}. It also {fact2}."),
      new Exchange("There are [{insects}] everywhere tonight!", "Oh no. [{An_insect}] {fact}, so {advice}.")));

  /** Two regions each: the first insect, then the other. Slots as above, other_* for the second. */
  static final SplitPool<Template> COMPARE_REQUESTS = Template.pool("insects.compare_requests",
      "What is the difference between [{an_insect}] and [{other_an_insect}]?",
      "Is that buzzing thing [{an_insect}] or [{other_an_insect}]?", "Compare [{insects}] and [{other_insects}].",
      "I mix up [{insects}] and [{other_insects}]. Help!", "Which is worse in the house, [{an_insect}] or [{other_an_insect}]?",
      "How can I tell [{insects}] from [{other_insects}]?", "Are [{insects}] and [{other_insects}] related?",
      "Tell me about [{insects}] and [{other_insects}].", "My {room} has either [{insects}] or [{other_insects}]. What is the difference?",
      "Explain [{insects}] and [{other_insects}] to a child.", "What do [{insects}] and [{other_insects}] have in common?",
      "Give me one fact about [{insects}] and one about [{other_insects}].", "Are [{insects}] more annoying than [{other_insects}]?",
      "Write two sentences: one on [{insects}], one on [{other_insects}].", "Should I worry more about [{insects}] or [{other_insects}]?",
      "I found [{an_insect}] and [{other_an_insect}] in my {room}. Which is which?");

  /** One insect's sentence in a comparison; slots as in {@link #EXCHANGES}. */
  static final SplitPool<String> COMPARE_PARTS = SplitPool.of("insects.compare_parts",
      "[{An_insect}] {fact}.", "[{An_insect}] {fact}, and it {fact2}.", "As for [{the_insect}], it {fact}.",
      "Remember that [{an_insect}] {fact}.", "[{The_insect}] is the one that {fact}.", "Keep in mind that [{an_insect}] {fact}.",
      "A key fact: [{an_insect}] {fact}.", "[{The_insect}] {fact}.", "Think of [{an_insect}] as the insect that {fact}.",
      "Here is one thing about [{insects}]: [{an_insect}] {fact}.", "Most people know that [{an_insect}] {fact}.",
      "[{An_insect}] {fact}; it also {fact2}.", "It helps to know that [{an_insect}] {fact}.",
      "Scientists note that [{an_insect}] {fact}.", "Now [{an_insect}]: it {fact}.",
      "If you see [{an_insect}], remember that it {fact}.");

  static final SplitPool<String> COMPARE_CLOSERS = SplitPool.of("insects.compare_closers",
      " They are easy to tell apart once you know.", " Both are common in summer.", " Both can be a nuisance.",
      " Hope that clears it up.", " They are very different insects.", " Look closely next time.", " Now you know the difference.",
      " Both are small, but they are not the same.", " That is the main difference.", " Each needs a different fix.",
      " Keep your home tidy and dry.", " It helps to know which one you have.", " Good luck with them!",
      " They only look alike at first.", " Nature is full of surprises.");

  /** Sentences a user may say before a question; they keep its capital letter. */
  static final SplitPool<String> QUESTION_OPENERS = SplitPool.of("insects.question_openers",
      "Quick question. ", "Hi! ", "Ugh, bugs again. ", "My teacher asked me this. ", "Sorry if this is a silly question. ",
      "It is summer here. ", "I need some advice. ", "Help me out. ", "Hey! ", "Bug question. ", "Good evening! ",
      "This is for a science project. ", "My sister and I were wondering. ", "Random thought. ", "Hello! ", "One more thing. ");

  static final SplitPool<String> QUESTION_CLOSERS = SplitPool.of("insects.question_closers",
      " Thanks!", " Thank you.", " Keep it short, please.", " I am curious.", " Please answer briefly.",
      " Thanks in advance.", " Cheers!", " I would love to know.", " Be brief.", " Just the basics, please.",
      " Much appreciated.", " Please help.", " Thanks a lot!", " Any tips are welcome.", " It is driving me mad.");

  static final SplitPool<String> ANSWER_OPENERS = SplitPool.of("insects.answer_openers",
      "Sure! ", "Good question. ", "Happy to help. ", "Of course. ", "Great question! ", "Here is what I know. ",
      "Absolutely. ", "Let me help. ", "Certainly. ", "Okay. ", "Glad you asked. ", "Good thinking. ", "Alright. ",
      "Here you go. ", "Sure thing. ");

  static final SplitPool<String> ANSWER_CLOSERS = SplitPool.of("insects.answer_closers",
      " Hope that helps!", " Good luck!", " Let me know if they come back.", " That is the short version.",
      " Stay comfortable.", " I hope that answers it.", " Sleep well!", " Ask me anything else.", " Small insects, big nuisance.",
      " It usually works.", " Nature is fascinating.", " I can say more if you like.", " That should help.",
      " Have a good day!", " Feel free to ask more.");

  static final List<String> ROOMS = List.of("bedroom", "kitchen", "living room", "bathroom", "tent", "hallway", "garage", "office");

  private InsectScenes() {}

  @Override
  public void write(Scene scene) {
    switch (scene.weighted(45, 40, 15)) {
      case 0 -> single(scene, MOSQUITO, true);
      case 1 -> single(scene, FRUIT_FLY, false);
      default -> compare(scene);
    }
  }

  private void single(Scene scene, Insect insect, boolean mosquito) {
    scene.variant(insect.singular().replace(' ', '_'));
    Slots slots = slots(scene, insect).put("room", scene.any(ROOMS));
    String fact = scene.pick(insect.facts());
    String fact2 = scene.pickOther(insect.facts(), fact);
    Exchange exchange = scene.pick(EXCHANGES);
    Turn user = scene.user();
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_OPENERS));
    }
    user.say(Template.of(expand(exchange.question(), fact, fact2)), slots, Concept.MOSQUITO, mosquito);
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_CLOSERS));
    }
    Turn answer = scene.assistant();
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    answer.say(Template.of(expand(exchange.answer(), fact, fact2)), slots, Concept.MOSQUITO, mosquito);
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_CLOSERS));
    }
    scene.check("insect", insect.singular());
  }

  /** Both insects, in either order, each in a sentence of its own. */
  private void compare(Scene scene) {
    scene.variant("compare");
    boolean mosquitoFirst = scene.chance(0.5);
    Insect first = mosquitoFirst ? MOSQUITO : FRUIT_FLY;
    Insect second = mosquitoFirst ? FRUIT_FLY : MOSQUITO;
    Slots request = slots(scene, first).put("room", scene.any(ROOMS))
        .put("other_an_insect", Entities.a(second.singular())).put("other_insects", second.plural());
    scene.user().sayEach(scene.pick(COMPARE_REQUESTS), request, Concept.MOSQUITO, mosquitoFirst, !mosquitoFirst);
    Turn answer = scene.assistant();
    if (scene.chance(0.3)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    part(scene, answer, first, mosquitoFirst);
    answer.say(" ");
    part(scene, answer, second, !mosquitoFirst);
    if (scene.chance(0.5)) {
      answer.say(scene.pick(COMPARE_CLOSERS));
    }
    scene.check("insect", MOSQUITO.singular());
    scene.check("other", FRUIT_FLY.singular());
  }

  private static void part(Scene scene, Turn answer, Insect insect, boolean mosquito) {
    String fact = scene.pick(insect.facts());
    String source = expand(scene.pick(COMPARE_PARTS), fact, scene.pickOther(insect.facts(), fact));
    answer.say(Template.of(source), slots(scene, insect), Concept.MOSQUITO, mosquito);
  }

  /** The source with its fact placeholders replaced: facts carry regions of their own, which slot values cannot. */
  private static String expand(String source, String fact, String fact2) {
    return source.replace("{fact}", fact).replace("{fact2}", fact2);
  }

  private static Slots slots(Scene scene, Insect insect) {
    return new Slots().put("insect", insect.singular()).put("an_insect", Entities.a(insect.singular()))
        .put("the_insect", "the " + insect.singular()).put("insects", insect.plural())
        .put("advice", scene.pick(insect.advice())).put("danger", scene.any(insect.danger()));
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(MOSQUITO.facts(), MOSQUITO.advice(), FRUIT_FLY.facts(), FRUIT_FLY.advice(), EXCHANGES,
        COMPARE_REQUESTS, COMPARE_PARTS, COMPARE_CLOSERS, QUESTION_OPENERS, QUESTION_CLOSERS, ANSWER_OPENERS, ANSWER_CLOSERS);
  }
}
