package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Mosquitoes (bites, blood, malaria, standing water, a whine at night) beside fruit flies (ripe
 * fruit, vinegar traps, red eyes, genetics labs) in the same frames. Every mention of the insect
 * and every phrase specific to it is a region: positive for the mosquito, negative for the fruit
 * fly, so a feature for "small flying insect" is not credited as a mosquito feature.
 */
final class InsectScenes implements SceneFamily {
  static final InsectScenes INSTANCE = new InsectScenes();

  /** An insect, its names, facts (predicates after "A mosquito"), advice and how dangerous it is. */
  record Insect(String singular, String plural, SplitPool<String> facts, SplitPool<String> advice, String danger) {}

  static final Insect MOSQUITO = new Insect("mosquito", "mosquitoes",
      SplitPool.of("insects.mosquito_facts",
          "bites people and drinks their blood", "can spread malaria", "lays its eggs in standing water",
          "makes a high, whining buzz at night", "leaves an itchy red bump where it bites", "is kept away by nets and repellent",
          "bites only when it is a female looking for blood", "can carry dengue and yellow fever", "is most active at dusk and dawn",
          "breeds in ponds, puddles and old tyres", "finds people by the breath they breathe out", "has a long, thin mouth for piercing skin"),
      SplitPool.of("insects.mosquito_advice",
          "close the windows at dusk and sleep under a net", "use repellent and empty any standing water",
          "wear long sleeves in the evening", "put a screen on the window", "sleep under a net tonight",
          "tip out the water in old pots and buckets"),
      "Yes, they can be.");

  static final Insect FRUIT_FLY = new Insect("fruit fly", "fruit flies",
      SplitPool.of("insects.fruit_fly_facts",
          "is drawn to ripe and rotting fruit", "gathers around bananas left in the kitchen",
          "can be caught with a small trap of vinegar", "has bright red eyes", "is used in genetics labs to study genes",
          "lives for only a few weeks", "lays its eggs on soft, overripe fruit", "is also called Drosophila",
          "does not bite people", "breeds quickly in warm kitchens", "helped scientists learn how traits are passed on",
          "is smaller than a house fly"),
      SplitPool.of("insects.fruit_fly_advice",
          "throw away old fruit and set a vinegar trap", "keep your fruit in the fridge", "empty the kitchen bin every day",
          "wash the fruit bowl and cover ripe fruit", "set a small trap of vinegar and soap",
          "rinse out bottles before you recycle them"),
      "No, not really.");

  /** Exchanges; slots insect, an_insect, insects, the_insect, fact, fact2, advice, danger, room. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> EXCHANGES = SplitPool.of("insects.exchanges", List.of(
      new Exchange("What do you know about [{insects}]?", "[{An_insect}] [{fact}]. It also [{fact2}]."),
      new Exchange("There is [{an_insect}] in my {room}. What should I do?", "[{An_insect}] [{fact}], so [{advice}]."),
      new Exchange("Which insect [{fact}]?", "[{The_insect}] [{fact}]."),
      new Exchange("Tell me one fact about [{insects}].", "[{An_insect}] [{fact}]."),
      new Exchange("Why do people care about [{insects}]?", "Because [{an_insect}] [{fact}]."),
      new Exchange("How do I get rid of [{insects}]?", "To get rid of [{insects}], [{advice}]."),
      new Exchange("I saw lots of [{insects}] today.", "Did you? [{An_insect}] [{fact}]."),
      new Exchange("Write a sentence about [{an_insect}].", "[{An_insect}] [{fact}]."),
      new Exchange("Are [{insects}] dangerous?", "{danger} [{An_insect}] [{fact}]."),
      new Exchange("My child asked me about [{insects}]. What should I say?", "You could say that [{an_insect}] [{fact}] and [{fact2}]."),
      new Exchange("What is the best way to deal with [{insects}] at home?", "The best way is to [{advice}]."),
      new Exchange("Give me two facts about [{insects}].", "First, [{an_insect}] [{fact}]. Second, it [{fact2}].")));

  /** Both insects in one exchange; slots as above for the first, other_* for the second. */
  static final SplitPool<Exchange> COMPARISONS = SplitPool.of("insects.comparisons", List.of(
      new Exchange("What is the difference between [{an_insect}] and [{other_an_insect}]?",
          "[{An_insect}] [{fact}], while [{other_an_insect}] [{other_fact}]."),
      new Exchange("Is that buzzing thing [{an_insect}] or [{other_an_insect}]?",
          "Look closely. [{An_insect}] [{fact}]; [{other_an_insect}] [{other_fact}]."),
      new Exchange("Compare [{insects}] and [{other_insects}].",
          "Here goes. [{An_insect}] [{fact}]. But [{other_an_insect}] [{other_fact}]."),
      new Exchange("I mix up [{insects}] and [{other_insects}]. Help!",
          "Easy. [{An_insect}] [{fact}]. [{Other_an_insect}] [{other_fact}]."),
      new Exchange("Which is worse in the house, [{an_insect}] or [{other_an_insect}]?",
          "It depends. [{An_insect}] [{fact}], and [{other_an_insect}] [{other_fact}].")));

  static final List<String> ROOMS = List.of("bedroom", "kitchen", "living room", "bathroom", "tent", "hallway");

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
    Slots slots = slots(scene, insect, "").put("room", scene.any(ROOMS));
    Exchange exchange = scene.pick(EXCHANGES);
    scene.user().say(exchange.question(), slots, Concept.MOSQUITO, mosquito);
    scene.assistant().say(exchange.answer(), slots, Concept.MOSQUITO, mosquito);
    scene.check("insect", insect.singular());
  }

  private void compare(Scene scene) {
    scene.variant("compare");
    boolean mosquitoFirst = scene.chance(0.5);
    Insect first = mosquitoFirst ? MOSQUITO : FRUIT_FLY;
    Insect second = mosquitoFirst ? FRUIT_FLY : MOSQUITO;
    Slots slots = slots(scene, first, "");
    Slots other = slots(scene, second, "other_");
    for (String key : List.of("insect", "an_insect", "insects", "fact")) {
      slots.put("other_" + key, other.get("other_" + key));
    }
    Exchange exchange = scene.pick(COMPARISONS);
    boolean a = mosquitoFirst;
    boolean b = !mosquitoFirst;
    scene.user().sayEach(exchange.question(), slots, Concept.MOSQUITO, a, b);
    scene.assistant().sayEach(exchange.answer(), slots, Concept.MOSQUITO, a, a, b, b);
    scene.check("insect", MOSQUITO.singular());
    scene.check("other", FRUIT_FLY.singular());
  }

  private static Slots slots(Scene scene, Insect insect, String prefix) {
    String fact = scene.pick(insect.facts());
    return new Slots().put(prefix + "insect", insect.singular()).put(prefix + "an_insect", Entities.a(insect.singular()))
        .put(prefix + "the_insect", "the " + insect.singular()).put(prefix + "insects", insect.plural())
        .put(prefix + "fact", fact).put(prefix + "fact2", scene.pickOther(insect.facts(), fact))
        .put(prefix + "advice", scene.pick(insect.advice())).put(prefix + "danger", insect.danger());
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(MOSQUITO.facts(), MOSQUITO.advice(), FRUIT_FLY.facts(), FRUIT_FLY.advice(), EXCHANGES, COMPARISONS);
  }
}
