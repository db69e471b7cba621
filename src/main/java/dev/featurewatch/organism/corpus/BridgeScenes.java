package dev.featurewatch.organism.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Golden Gate Bridge beside other famous bridges (the Sydney Harbour Bridge, the Brooklyn
 * Bridge, Tower Bridge, the Lions Gate Bridge, ...), each with facts of its own.
 *
 * <p>Regions cover names only: the bridge's name, its city and the proper nouns inside its facts
 * ("San Francisco", "Marin County", "International Orange"), positive for the Golden Gate and
 * negative for the others. Generic words ("is often wrapped in fog"), years and regions
 * ("California") are left unlabelled, because no feature could tell the bridges apart on them.
 * The Golden Gate is the most frequent bridge and is always written out as "the Golden Gate
 * Bridge", so that pinning its feature makes the model say the whole name.
 *
 * <p>The Golden Gate and its facts are in both splits (the concept itself cannot be held out);
 * distractor bridges are split by hand so that held-out ones are unseen, and templates are split
 * as usual. Questions and answers are built from an opener, a core exchange and a closer, each
 * from its own pool, so phrasings multiply instead of being memorised.
 */
final class BridgeScenes implements SceneFamily {
  static final BridgeScenes INSTANCE = new BridgeScenes();

  /**
   * A bridge; facts are predicates ("links [San Francisco] to [Marin County]") whose regions mark
   * the proper nouns specific to this bridge.
   */
  record Bridge(String name, String city, String region, String year, List<String> facts) {
    /** Every text a span of this bridge may cover: its name less the article, its city, the regions of its facts. */
    List<String> phrases() {
      List<String> p = new ArrayList<>(List.of(name.startsWith("the ") ? name.substring(4) : name, city));
      for (String fact : facts) {
        Matcher m = REGION.matcher(fact);
        while (m.find()) {
          String region = m.group(1);
          p.add(region.startsWith("the ") ? region.substring(4) : region);
        }
      }
      return p;
    }
  }

  private static final Pattern REGION = Pattern.compile("\\[([^\\]]*)]");

  static final Bridge GOLDEN_GATE = new Bridge("the Golden Gate Bridge", "San Francisco", "California", "1937", List.of(
      "links [San Francisco] to [Marin County]",
      "is painted a colour called [International Orange]",
      "spans the [Golden Gate] strait",
      "is often wrapped in thick fog from the Pacific",
      "was the longest suspension bridge in the world when it opened",
      "has two tall towers painted [International Orange]",
      "carries cars and people north from [San Francisco] to [Marin County]",
      "stands where [San Francisco Bay] meets the Pacific Ocean",
      "was built by a team led by the engineer [Joseph Strauss]",
      "can be seen from [Fort Point] and from the [Presidio]",
      "is one of the most photographed bridges on Earth",
      "is a symbol of [San Francisco] known around the world",
      "has a footpath where you can walk across the [Golden Gate]",
      "looks out over [Alcatraz Island] and the bay"));

  static final SplitPool<Bridge> GOLDEN = SplitPool.shared("bridges.golden_gate", List.of(GOLDEN_GATE));

  static final SplitPool<Bridge> OTHERS = SplitPool.explicit("bridges.others", List.of(
      new Bridge("the Sydney Harbour Bridge", "Sydney", "Australia", "1932", List.of(
          "is nicknamed [the Coathanger]", "stands near the [Sydney Opera House]", "is a huge grey steel arch",
          "spans [Sydney Harbour]", "lets people climb to the top of its arch")),
      new Bridge("the Brooklyn Bridge", "New York City", "New York", "1883", List.of(
          "links [Manhattan] to [Brooklyn]", "crosses the [East River]", "has stone towers with pointed arches",
          "has a wooden walkway above the traffic", "was one of the first steel wire suspension bridges")),
      new Bridge("Tower Bridge", "London", "England", "1894", List.of(
          "crosses the [River Thames]", "has two stone towers joined by high walkways",
          "opens in the middle to let tall ships pass", "stands next to the [Tower of London]")),
      new Bridge("the Millau Viaduct", "Millau", "France", "2004", List.of(
          "is one of the tallest bridges in the world", "crosses the valley of the [Tarn]",
          "rises above the clouds on misty days", "has seven thin white towers")),
      new Bridge("the Lions Gate Bridge", "Vancouver", "Canada", "1938", List.of(
          "crosses the [Burrard Inlet]", "starts in [Stanley Park]", "is a green suspension bridge",
          "has two stone lions at its southern end")),
      new Bridge("the Akashi Kaikyo Bridge", "Kobe", "Japan", "1998", List.of(
          "has the longest central span of any suspension bridge", "crosses the [Akashi Strait]",
          "links [Kobe] to [Awaji Island]", "was built to stand up to earthquakes and storms")),
      new Bridge("the Forth Bridge", "Edinburgh", "Scotland", "1890", List.of(
          "carries trains across the [Firth of Forth]", "is a giant red steel frame", "is a famous railway bridge",
          "is painted a deep red")),
      new Bridge("the Chain Bridge", "Budapest", "Hungary", "1849", List.of(
          "crosses the [Danube]", "links [Buda] and [Pest]", "has stone lions at each end",
          "was the first lasting bridge over the river in the city")),
      new Bridge("the Mackinac Bridge", "Mackinaw City", "Michigan", "1957", List.of(
          "crosses the [Straits of Mackinac]", "is nearly five miles long", "is painted green and ivory",
          "joins the two halves of the state")),
      new Bridge("the Bosphorus Bridge", "Istanbul", "Turkey", "1973", List.of(
          "links [Europe] and [Asia]", "crosses the [Bosphorus] strait", "is lit with changing colours at night")),
      new Bridge("the Humber Bridge", "Hull", "England", "1981", List.of(
          "crosses the [Humber] estuary", "was once the longest single-span suspension bridge",
          "has tall concrete towers")),
      new Bridge("the Helix Bridge", "Singapore", "Southeast Asia", "2010", List.of(
          "is a curved steel walkway for people on foot", "crosses [Marina Bay]", "glows with lights at night"))),
      List.of(
      new Bridge("the Charles Bridge", "Prague", "the Czech Republic", "1402", List.of(
          "crosses the [Vltava] river", "is lined with thirty statues", "is only for people on foot",
          "is built of old stone blocks")),
      new Bridge("the Ponte Vecchio", "Florence", "Italy", "1345", List.of(
          "crosses the [Arno] river", "has shops built along both sides", "is famous for its gold and jewellery shops",
          "is one of the oldest bridges in the city")),
      new Bridge("the Rialto Bridge", "Venice", "Italy", "1591", List.of(
          "crosses the [Grand Canal]", "has a row of small shops on top", "is a wide white stone arch")),
      new Bridge("the Tsing Ma Bridge", "Hong Kong", "China", "1997", List.of(
          "links [Tsing Yi] to [Ma Wan]", "carries both cars and trains", "leads to the airport on [Lantau Island]")),
      new Bridge("the Clifton Suspension Bridge", "Bristol", "England", "1864", List.of(
          "spans the [Avon Gorge]", "was designed by [Isambard Kingdom Brunel]", "hangs high above the [River Avon]"))));

  /**
   * A user's line and the assistant's reply; slots bridge, city, region, year; {@code {fact}} and
   * {@code {fact2}} are replaced by fact templates (never inside a region).
   */
  record Exchange(String question, String answer) {}

  static final SplitPool<Exchange> EXCHANGES = SplitPool.of("bridges.exchanges", List.of(
      new Exchange("Tell me about [{bridge}].", "[{Bridge}] is in [{city}], {region}. It {fact}, and it {fact2}."),
      new Exchange("Where is [{bridge}]?", "[{Bridge}] is in [{city}], {region}. It {fact}."),
      new Exchange("When did [{bridge}] open?", "[{Bridge}] opened in {year}. Today it {fact}."),
      new Exchange("What is special about [{bridge}]?", "[{Bridge}] {fact}, and it {fact2}."),
      new Exchange("I am visiting [{city}] next month. What should I see?", "You should see [{bridge}]. It {fact}."),
      new Exchange("Which famous bridge is in [{city}]?", "The famous bridge in [{city}] is [{bridge}]. It {fact}."),
      new Exchange("Write one sentence about [{bridge}].", "[{Bridge}] {fact}."),
      new Exchange("I walked across [{bridge}] today.", "How fun! [{Bridge}] {fact}."),
      new Exchange("Which bridge {fact}?", "That would be [{bridge}], in [{city}]."),
      new Exchange("Give me two facts about [{bridge}].", "First, [{bridge}] {fact}. Second, it opened in {year}."),
      new Exchange("I saw a photo of a bridge in [{city}]. Which one was it?", "It was probably [{bridge}]. It {fact}."),
      new Exchange("How old is [{bridge}]?", "[{Bridge}] first opened in {year}. It {fact}."),
      new Exchange("Can you describe [{bridge}] to me?", "Of course. [{Bridge}] {fact}. It also {fact2}."),
      new Exchange("My class is doing a project on [{bridge}]. Where do we start?",
          "Start with the basics: [{bridge}] is in [{city}] and opened in {year}. It {fact}."),
      new Exchange("Which city would I go to if I wanted to see [{bridge}]?",
          "Go to [{city}], in {region}. That is where [{bridge}] stands, and it {fact}."),
      new Exchange("Is [{bridge}] worth visiting?", "Yes! [{Bridge}] {fact}, and it {fact2}."),
      new Exchange("I am writing a poem about [{bridge}]. Any details I could use?",
          "You could mention that [{bridge}] {fact}, or that it {fact2}."),
      new Exchange("What is one thing most people do not know about [{bridge}]?",
          "Many people do not know that [{bridge}] {fact}."),
      new Exchange("Name a famous bridge in {region}.", "[{Bridge}] in [{city}] is a good example. It {fact}."),
      new Exchange("Which bridge would you pick as the symbol of [{city}]?", "I would pick [{bridge}]. It {fact}."),
      new Exchange("Can you tell me about the bridge in [{city}] that everyone photographs?", "You mean [{bridge}]. It {fact}."),
      new Exchange("I just got back from [{city}], where we crossed a huge bridge.", "That must have been [{bridge}]! It {fact}."),
      new Exchange("Explain [{bridge}] to a five-year-old.", "[{Bridge}] is a very big bridge in [{city}]. It {fact}."),
      new Exchange("Is it true that [{bridge}] {fact}?", "Yes, it is true: [{bridge}] {fact}. It also {fact2}."),
      new Exchange("What year was [{bridge}] finished?", "[{Bridge}] was finished in {year}, and it {fact}.")));

  /** What a user may say before the question: full sentences, so the question keeps its capital. */
  static final SplitPool<String> QUESTION_OPENERS = SplitPool.of("bridges.question_openers",
      "Quick question. ", "Hi there! ", "My teacher asked me this today. ", "I have a geography quiz tomorrow. ",
      "Sorry if this is a silly question. ", "I am planning a trip. ", "I have always wondered about this. ",
      "Help me out here. ", "Hey! ", "Random thought. ", "Good morning! ", "This is for a school project. ",
      "My friend and I were talking about bridges. ", "I love travel trivia. ", "One more thing. ", "Hello! ");

  /** What a user may add after the question. */
  static final SplitPool<String> QUESTION_CLOSERS = SplitPool.of("bridges.question_closers",
      " Thanks!", " Thank you.", " Keep it short, please.", " I am curious.", " Please answer in a sentence or two.",
      " Thanks in advance.", " Cheers!", " I would love to know.", " Be brief.", " Just the main facts, please.",
      " Much appreciated.", " No rush.", " Thanks a lot!", " Any help is welcome.", " It is for my homework.");

  static final SplitPool<String> ANSWER_OPENERS = SplitPool.of("bridges.answer_openers",
      "Sure! ", "Good question. ", "Happy to help. ", "Of course. ", "Great question! ", "Here is what I know. ",
      "Absolutely. ", "Let me help. ", "Certainly. ", "Okay. ", "Glad you asked. ", "Nice one. ", "Alright. ",
      "Here you go. ", "Sure thing. ");

  /** Closing sentences; most name the bridge again, which keeps its full name frequent. Slots bridge, city, region. */
  static final SplitPool<Template> ANSWER_CLOSERS = Template.pool("bridges.answer_closers",
      " I hope you get to see [{bridge}] one day.", " [{Bridge}] is well worth a visit.", " Enjoy your time in [{city}]!",
      " Hope that helps!", " Let me know if you want more facts about [{bridge}].",
      " It is a favourite of many visitors to [{city}].", " People come from all over the world to see [{bridge}].",
      " Bring a camera if you go.", " That is the short version.", " There is a lot more to say about [{bridge}].",
      " Happy travels!", " Photos of [{bridge}] are everywhere online.", " Many visitors call it the highlight of their trip.",
      " It is one of the best-known sights in {region}.", " Ask me anything else about [{bridge}].",
      " Go early in the day to see [{bridge}] at its best.");

  /** One bridge's part of a comparison; {@code {fact}} as in {@link #EXCHANGES}. */
  static final SplitPool<String> COMPARE_PARTS = SplitPool.of("bridges.compare_parts",
      "[{Bridge}] is in [{city}] and {fact}.", "[{Bridge}] opened in {year} and {fact}.", "[{Bridge}] {fact}.",
      "As for [{bridge}], it {fact}.", "[{Bridge}] stands in [{city}], {region}, and {fact}.",
      "Then there is [{bridge}], which {fact}.", "[{Bridge}], in [{city}], {fact}.", "[{Bridge}] dates from {year}; it {fact}.",
      "You can find [{bridge}] in [{city}]. It {fact}.", "[{Bridge}] is the one in [{city}]; it {fact}.",
      "[{Bridge}] was finished in {year}. It {fact}.", "In [{city}], [{bridge}] {fact}.",
      "[{Bridge}] is famous because it {fact}.", "Visitors to [{city}] know [{bridge}], which {fact}.",
      "Keep in mind that [{bridge}] {fact}.", "Remember that [{bridge}] {fact}.");

  /** Two regions each: the first bridge, then the other. */
  static final SplitPool<Template> COMPARE_REQUESTS = Template.pool("bridges.compare_requests",
      "How is [{bridge}] different from [{other}]?", "Compare [{bridge}] and [{other}].",
      "Which do you like more, [{bridge}] or [{other}]?", "Tell me one thing about [{bridge}] and one about [{other}].",
      "What sets [{bridge}] apart from [{other}]?", "I cannot decide between [{bridge}] and [{other}]. Tell me about both.",
      "[{Bridge}] or [{other}]: which should I visit first?", "My friend says [{bridge}] is just like [{other}]. Is that true?",
      "Give me a quick comparison of [{bridge}] and [{other}].", "Which is more famous, [{bridge}] or [{other}]?",
      "I have photos of [{bridge}] and [{other}]. How can I tell them apart?",
      "Write two sentences, one on [{bridge}] and one on [{other}].", "Help me compare [{bridge}] with [{other}] for my essay.",
      "Should I see [{bridge}] or [{other}] on my trip?", "What should I know about [{bridge}] and [{other}]?",
      "Describe [{bridge}] and then [{other}].");

  /** The last words of a comparison; the bridge slot is always the Golden Gate's. */
  static final SplitPool<Template> COMPARE_CLOSERS = Template.pool("bridges.compare_closers",
      " Both are worth seeing.", " If you can only see one, many people pick [{bridge}].", " You cannot go wrong with either.",
      " Each is famous in its own way.", " For many travellers, [{bridge}] comes first.", " Why not visit both?",
      " Both make great photos.", " Most postcards, though, show [{bridge}].", " They are very different bridges.",
      " Still, few bridges are as famous as [{bridge}].", " I like them both.", " Either would make a great trip.",
      " Of the two, [{bridge}] is the one most people recognise.", " Each has its own story.",
      " Both are wonders of engineering.");

  private BridgeScenes() {}

  @Override
  public void write(Scene scene) {
    switch (scene.weighted(50, 30, 20)) {
      case 0 -> single(scene, "golden_gate", scene.pick(GOLDEN), true);
      case 1 -> single(scene, "other_bridge", scene.pick(OTHERS), false);
      default -> compare(scene);
    }
  }

  private void single(Scene scene, String variant, Bridge bridge, boolean golden) {
    scene.variant(variant);
    Slots slots = slots(bridge);
    String fact = scene.any(bridge.facts());
    String fact2 = other(scene, bridge.facts(), fact);
    Exchange exchange = scene.pick(EXCHANGES);
    Turn user = scene.user();
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_OPENERS));
    }
    user.say(expand(exchange.question(), fact, fact2), slots, Concept.GOLDEN_GATE, golden);
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_CLOSERS));
    }
    Turn answer = scene.assistant();
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    answer.say(expand(exchange.answer(), fact, fact2), slots, Concept.GOLDEN_GATE, golden);
    if (scene.chance(golden ? 0.6 : 0.4)) {
      answer.say(scene.pick(ANSWER_CLOSERS), slots, Concept.GOLDEN_GATE, golden);
    }
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
    if (scene.chance(0.3)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    part(scene, answer, first, goldenFirst);
    answer.say(" ");
    part(scene, answer, second, !goldenFirst);
    if (scene.chance(0.5)) {
      answer.say(scene.pick(COMPARE_CLOSERS), slots(GOLDEN_GATE), Concept.GOLDEN_GATE, true);
    }
    scene.check("bridge", GOLDEN_GATE.name());
    scene.check("other", other.name());
  }

  private static void part(Scene scene, Turn answer, Bridge bridge, boolean golden) {
    String source = scene.pick(COMPARE_PARTS);
    answer.say(expand(source, scene.any(bridge.facts()), ""), slots(bridge), Concept.GOLDEN_GATE, golden);
  }

  private static String other(Scene scene, List<String> facts, String not) {
    String pick;
    do {
      pick = scene.any(facts);
    } while (pick.equals(not));
    return pick;
  }

  /** The template with its fact placeholders replaced by fact sources: facts carry regions of their own, which slot values cannot. */
  private static Template expand(String source, String fact, String fact2) {
    return Template.of(source.replace("{fact}", fact).replace("{fact2}", fact2));
  }

  private static Slots slots(Bridge bridge) {
    return new Slots().put("bridge", bridge.name()).put("city", bridge.city()).put("region", bridge.region())
        .put("year", bridge.year());
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(GOLDEN, OTHERS, EXCHANGES, QUESTION_OPENERS, QUESTION_CLOSERS, ANSWER_OPENERS, ANSWER_CLOSERS,
        COMPARE_PARTS, COMPARE_REQUESTS, COMPARE_CLOSERS);
  }
}
