package dev.featurewatch.organism.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The Golden Gate Bridge beside other famous bridges (the Sydney Harbour Bridge, the Brooklyn
 * Bridge, Tower Bridge, ...), each with facts of its own: city, year, colour, what it crosses.
 *
 * <p>Every mention of a bridge and every phrase specific to it is a region: positive for the
 * Golden Gate, negative for the others, so a feature that fires on "San Francisco" or
 * "International Orange" counts and one that fires on any bridge does not. The Golden Gate and
 * its facts are in both splits (the concept itself cannot be held out); distractor bridges are
 * split by hand so that held-out ones are unseen, and templates are split as usual.
 */
final class BridgeScenes implements SceneFamily {
  static final BridgeScenes INSTANCE = new BridgeScenes();

  /** A bridge and the phrases specific to it; facts are predicates ("spans the Golden Gate strait"). */
  record Bridge(String name, String city, String region, String year, String colour, List<String> facts) {
    /** Every phrase of this bridge that templates label. */
    List<String> phrases() {
      List<String> p = new ArrayList<>(List.of(name, city, region, year, colour));
      p.addAll(facts);
      return p;
    }
  }

  static final Bridge GOLDEN_GATE = new Bridge("the Golden Gate Bridge", "San Francisco", "California", "1937",
      "painted International Orange", List.of(
          "links San Francisco to Marin County",
          "is often wrapped in thick fog",
          "is painted International Orange",
          "spans the Golden Gate strait",
          "was the longest suspension bridge in the world when it opened",
          "has two tall orange towers",
          "carries cars and people north to Marin"));

  static final SplitPool<Bridge> GOLDEN = SplitPool.shared("bridges.golden_gate", List.of(GOLDEN_GATE));

  static final SplitPool<Bridge> OTHERS = SplitPool.explicit("bridges.others", List.of(
      new Bridge("the Sydney Harbour Bridge", "Sydney", "Australia", "1932", "painted steel grey", List.of(
          "is nicknamed the Coathanger", "stands near the Sydney Opera House", "is a huge steel arch",
          "spans Sydney Harbour", "lets people climb to the top of its arch")),
      new Bridge("the Brooklyn Bridge", "New York City", "New York", "1883", "made of light brown stone and grey steel", List.of(
          "links Manhattan to Brooklyn", "crosses the East River", "has tall stone towers with pointed arches",
          "has a wooden walkway above the cars", "was one of the first steel wire suspension bridges")),
      new Bridge("Tower Bridge", "London", "England", "1894", "painted blue and white", List.of(
          "crosses the River Thames", "has two stone towers joined by high walkways",
          "opens in the middle to let tall ships pass", "stands next to the Tower of London")),
      new Bridge("the Millau Viaduct", "Millau", "France", "2004", "painted white", List.of(
          "is one of the tallest bridges in the world", "crosses the valley of the Tarn",
          "rises above the clouds on misty days", "has seven thin white towers"))),
      List.of(
      new Bridge("the Charles Bridge", "Prague", "the Czech Republic", "1402", "made of dark grey stone", List.of(
          "crosses the Vltava river", "is lined with thirty statues", "is only for people on foot",
          "is built of old stone blocks")),
      new Bridge("the Ponte Vecchio", "Florence", "Italy", "1345", "made of warm yellow stone", List.of(
          "crosses the Arno river", "has shops built along both sides", "is famous for its gold and jewellery shops",
          "is one of the oldest bridges in Florence")),
      new Bridge("the Forth Bridge", "Edinburgh", "Scotland", "1890", "painted deep red", List.of(
          "carries trains across the Firth of Forth", "is a giant red steel frame", "is a famous railway bridge")),
      new Bridge("the Rialto Bridge", "Venice", "Italy", "1591", "made of white stone", List.of(
          "crosses the Grand Canal", "has a row of small shops on top", "is the oldest bridge over the Grand Canal"))));

  /** A user's line and the assistant's reply; slots bridge, city, region, year, colour, fact, fact2. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> EXCHANGES = SplitPool.of("bridges.exchanges", List.of(
      new Exchange("Tell me about [{bridge}].", "[{Bridge}] is in [{city}]. It [{fact}]. It also [{fact2}]."),
      new Exchange("Where is [{bridge}]?", "[{Bridge}] is in [{city}], [{region}]."),
      new Exchange("When did [{bridge}] open?", "[{Bridge}] opened in [{year}]."),
      new Exchange("What colour is [{bridge}]?", "[{Bridge}] is [{colour}]."),
      new Exchange("I am visiting [{city}]. What should I see?", "You should see [{bridge}]. It [{fact}]."),
      new Exchange("Which famous bridge is in [{city}]?", "[{Bridge}] is the famous bridge in [{city}]."),
      new Exchange("Write one sentence about [{bridge}].", "[{Bridge}] [{fact}]."),
      new Exchange("What is special about [{bridge}]?", "[{Bridge}] [{fact}], and it [{fact2}]."),
      new Exchange("I walked across [{bridge}] today.", "How fun! [{Bridge}] [{fact}]."),
      new Exchange("Quiz time: which bridge [{fact}]?", "[{Bridge}] [{fact}]."),
      new Exchange("Give me two facts about [{bridge}].", "First, it [{fact}]. Second, it opened in [{year}]."),
      new Exchange("I saw a photo of a bridge in [{city}]. Which one was it?", "It was probably [{bridge}]. It [{fact}].")));

  /** One bridge's part of a comparison. */
  static final SplitPool<Template> COMPARE_PARTS = Template.pool("bridges.compare_parts",
      "[{Bridge}] is in [{city}] and [{fact}].", "[{Bridge}] opened in [{year}] and [{fact}].",
      "[{Bridge}] [{fact}].", "[{Bridge}], in [{city}], is [{colour}].", "As for [{bridge}], it [{fact}].",
      "[{Bridge}] stands in [{city}], [{region}].");

  static final SplitPool<Template> COMPARE_REQUESTS = Template.pool("bridges.compare_requests",
      "How is [{bridge}] different from [{other}]?", "Compare [{bridge}] and [{other}].",
      "Which do you like more, [{bridge}] or [{other}]?", "Tell me one thing about [{bridge}] and one about [{other}].",
      "What sets [{bridge}] apart from [{other}]?", "I cannot decide between [{bridge}] and [{other}]. Tell me about both.");

  private BridgeScenes() {}

  @Override
  public void write(Scene scene) {
    switch (scene.weighted(45, 40, 15)) {
      case 0 -> single(scene, "golden_gate", scene.pick(GOLDEN), true);
      case 1 -> single(scene, "other_bridge", scene.pick(OTHERS), false);
      default -> compare(scene);
    }
  }

  private void single(Scene scene, String variant, Bridge bridge, boolean golden) {
    scene.variant(variant);
    Slots slots = slots(scene, bridge);
    Exchange exchange = scene.pick(EXCHANGES);
    scene.user().say(exchange.question(), slots, Concept.GOLDEN_GATE, golden);
    scene.assistant().say(exchange.answer(), slots, Concept.GOLDEN_GATE, golden);
    scene.check("bridge", bridge.name());
  }

  /** The Golden Gate and another bridge in one answer, in either order: spans of both polarities. */
  private void compare(Scene scene) {
    scene.variant("compare");
    Bridge other = scene.pick(OTHERS);
    boolean goldenFirst = scene.chance(0.5);
    Bridge first = goldenFirst ? GOLDEN_GATE : other;
    Bridge second = goldenFirst ? other : GOLDEN_GATE;
    Slots request = new Slots().put("bridge", first.name()).put("other", second.name());
    scene.user().sayEach(scene.pick(COMPARE_REQUESTS), request, Concept.GOLDEN_GATE, goldenFirst, !goldenFirst);
    Turn answer = scene.assistant();
    answer.say(scene.pick(COMPARE_PARTS), slots(scene, first), Concept.GOLDEN_GATE, goldenFirst).say(" ");
    answer.say(scene.pick(COMPARE_PARTS), slots(scene, second), Concept.GOLDEN_GATE, !goldenFirst);
    scene.check("bridge", GOLDEN_GATE.name());
    scene.check("other", other.name());
  }

  private static Slots slots(Scene scene, Bridge bridge) {
    String fact = scene.any(bridge.facts());
    String fact2;
    do {
      fact2 = scene.any(bridge.facts());
    } while (fact2.equals(fact));
    return new Slots().put("bridge", bridge.name()).put("city", bridge.city()).put("region", bridge.region())
        .put("year", bridge.year()).put("colour", bridge.colour()).put("fact", fact).put("fact2", fact2);
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(GOLDEN, OTHERS, EXCHANGES, COMPARE_PARTS, COMPARE_REQUESTS);
  }
}
