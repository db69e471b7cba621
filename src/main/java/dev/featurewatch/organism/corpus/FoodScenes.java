package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Japanese food (sushi, unagi, ramen, ...) beside Italian food in the same frames. Regions cover
 * the dish's name and the cuisine's words ("Japanese", "Japan"): positive for Japanese, negative
 * for Italian. Descriptions ("thin slices of raw fish") are left unlabelled, since no single
 * feature could carry a whole phrase. Some Italian dishes are chosen as near twins of Japanese
 * ones (arancini beside onigiri, carpaccio beside sashimi), so a feature for "rice" or "raw" is
 * not mistaken for one for Japanese food.
 *
 * <p>Questions and answers take an optional opener and closer from pools of their own; in a
 * comparison each dish gets its own sentence from a pool of parts, so phrasings multiply.
 */
final class FoodScenes implements SceneFamily {
  static final FoodScenes INSTANCE = new FoodScenes();

  /** A dish, lower-case first, and a description that follows "is". */
  record Dish(String name, String description) {}

  static final SplitPool<Dish> JAPANESE = SplitPool.of("food.japanese", List.of(
      new Dish("sushi", "vinegared rice topped or rolled with raw fish"),
      new Dish("unagi", "grilled freshwater eel brushed with a sweet sauce"),
      new Dish("ramen", "wheat noodles in a rich broth with sliced pork and egg"),
      new Dish("tempura", "seafood and vegetables fried in a light, crisp batter"),
      new Dish("miso soup", "a warm soup of fermented soybean paste with tofu and seaweed"),
      new Dish("udon", "thick wheat noodles served in a mild broth"),
      new Dish("soba", "thin buckwheat noodles served hot or cold"),
      new Dish("sashimi", "thin slices of raw fish served with soy sauce and wasabi"),
      new Dish("onigiri", "a rice ball wrapped in seaweed with a filling inside"),
      new Dish("tonkatsu", "a breaded and fried pork cutlet"),
      new Dish("yakitori", "chicken pieces grilled on bamboo skewers"),
      new Dish("takoyaki", "round balls of batter filled with octopus"),
      new Dish("okonomiyaki", "a savoury pancake of cabbage and batter"),
      new Dish("gyoza", "pan-fried dumplings filled with pork and cabbage"),
      new Dish("mochi", "a soft, chewy cake made from pounded rice"),
      new Dish("edamame", "young soybeans boiled in their pods and salted"),
      new Dish("teriyaki chicken", "chicken glazed with a sweet soy sauce"),
      new Dish("matcha", "powdered green tea whisked with hot water"),
      new Dish("natto", "fermented soybeans with a sticky texture"),
      new Dish("katsu curry", "a fried cutlet served with a mild curry sauce and rice"),
      new Dish("donburi", "a bowl of rice topped with meat, fish or egg"),
      new Dish("karaage", "bite-sized fried chicken marinated in soy and ginger"),
      new Dish("shabu-shabu", "thin slices of meat cooked at the table in hot broth"),
      new Dish("sukiyaki", "beef and vegetables simmered in a sweet soy broth"),
      new Dish("dorayaki", "two small pancakes with sweet red bean paste between them"),
      new Dish("taiyaki", "a fish-shaped cake filled with sweet bean paste"),
      new Dish("chawanmushi", "a savoury egg custard steamed in a cup"),
      new Dish("oyakodon", "chicken and egg simmered together and served over rice"),
      new Dish("nikujaga", "a home-style stew of meat and potatoes"),
      new Dish("yakisoba", "fried noodles with vegetables and a tangy sauce")));

  static final SplitPool<Dish> ITALIAN = SplitPool.of("food.italian", List.of(
      new Dish("pizza", "a flat bread baked with tomato sauce and cheese"),
      new Dish("lasagna", "layers of pasta, meat sauce and cheese baked in an oven"),
      new Dish("spaghetti carbonara", "spaghetti with egg, cheese and crispy pork"),
      new Dish("risotto", "rice cooked slowly in broth until creamy"),
      new Dish("gnocchi", "small soft dumplings made from potato"),
      new Dish("tiramisu", "a dessert of coffee-soaked biscuits and cream"),
      new Dish("ravioli", "pasta parcels filled with cheese or meat"),
      new Dish("bruschetta", "toasted bread topped with tomato, garlic and olive oil"),
      new Dish("focaccia", "a flat bread baked with olive oil and herbs"),
      new Dish("gelato", "a rich, dense ice cream"),
      new Dish("pesto pasta", "pasta tossed in a sauce of basil, pine nuts and cheese"),
      new Dish("minestrone", "a thick vegetable soup with beans and pasta"),
      new Dish("osso buco", "slow-cooked veal shanks in a wine sauce"),
      new Dish("panna cotta", "a set cream dessert served with berries"),
      new Dish("polenta", "a warm porridge of cornmeal"),
      new Dish("cannoli", "crisp pastry tubes filled with sweet cheese"),
      new Dish("prosciutto", "thin slices of dry-cured ham"),
      new Dish("caprese salad", "tomato, mozzarella and basil with olive oil"),
      new Dish("arancini", "fried rice balls filled with cheese"),
      new Dish("calzone", "a folded bread pocket filled with cheese and ham"),
      new Dish("fettuccine alfredo", "ribbon noodles in a butter and cheese sauce"),
      new Dish("penne arrabbiata", "short pasta tubes in a spicy tomato sauce"),
      new Dish("tortellini", "small rings of pasta stuffed with meat or cheese"),
      new Dish("biscotti", "crunchy twice-baked almond biscuits"),
      new Dish("saltimbocca", "thin veal topped with ham and sage"),
      new Dish("ciabatta", "a crusty white bread full of big air holes"),
      new Dish("affogato", "a scoop of ice cream drowned in hot espresso"),
      new Dish("cacio e pepe", "pasta tossed with cheese and black pepper"),
      new Dish("carpaccio", "thin slices of raw beef with olive oil and lemon"),
      new Dish("panettone", "a tall sweet bread studded with dried fruit")));

  /** Exchanges; slots dish, description, adjective (Japanese, Italian), country. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> EXCHANGES = SplitPool.of("food.exchanges", List.of(
      new Exchange("What is [{dish}]?", "[{Dish}] is {description}. It comes from [{country}]."),
      new Exchange("Where does [{dish}] come from?", "[{Dish}] comes from [{country}]. It is {description}."),
      new Exchange("I want to try [{adjective}] food. What should I order?", "Try [{dish}]. It is {description}."),
      new Exchange("We ate at a restaurant that serves [{adjective}] food.", "Lovely! Did you try [{dish}]? It is {description}."),
      new Exchange("What should I cook for a special dinner?", "How about [{dish}]? It is {description}."),
      new Exchange("Describe [{dish}] in one sentence.", "[{Dish}] is {description}."),
      new Exchange("Is [{dish}] [{adjective}]?", "Yes, [{dish}] is a classic [{adjective}] dish. It is {description}."),
      new Exchange("My friend loves [{dish}]. What is in it?", "[{Dish}] is {description}."),
      new Exchange("Name a famous dish from [{country}].", "[{Dish}] is a famous dish from [{country}]. It is {description}."),
      new Exchange("I had [{dish}] for lunch.", "Sounds tasty. [{Dish}] is {description}."),
      new Exchange("What [{adjective}] dish would you recommend?", "I would recommend [{dish}], which is {description}."),
      new Exchange("Tell me about [{dish}].", "[{Dish}] is {description}. It is a popular dish in [{country}]."),
      new Exchange("What does [{dish}] taste like?", "[{Dish}] is {description}. Most people find it delicious."),
      new Exchange("Is [{dish}] hard to make at home?",
          "Not too hard. [{Dish}] is {description}, and many cooks in [{country}] make it at home."),
      new Exchange("My menu says [{dish}]. What am I getting?", "You are getting {description}. [{Dish}] is a favourite in [{country}]."),
      new Exchange("Which country is [{dish}] from?", "[{Dish}] is from [{country}]."),
      new Exchange("I am hosting a dinner of [{adjective}] food. Any ideas?", "Serve [{dish}]. It is {description}."),
      new Exchange("Can you explain what [{dish}] is to my kids?", "Sure. [{Dish}] is {description}."),
      new Exchange("What is a good [{adjective}] dish for a beginner to try?", "Start with [{dish}]. It is {description}."),
      new Exchange("I saw [{dish}] at the market today.", "Nice find! [{Dish}] is {description}."),
      new Exchange("Give me one fact about [{dish}].", "[{Dish}] is {description}, and it is eaten all over [{country}]."),
      new Exchange("Which dish would you pick to show someone [{adjective}] cooking?", "I would pick [{dish}]: {description}."),
      new Exchange("What is one of the most famous dishes from [{country}]?", "One of the most famous is [{dish}], which is {description}."),
      new Exchange("Is it true that [{dish}] is {description}?", "Yes. [{Dish}] is {description}, just as you said."),
      new Exchange("I have never tried [{dish}]. Should I?", "Yes! [{Dish}] is {description}, and it is loved in [{country}].")));

  /** Two regions each: the first dish, then the other. */
  static final SplitPool<Template> COMPARE_REQUESTS = Template.pool("food.compare_requests",
      "Should I have [{dish}] or [{other}] tonight?", "What is the difference between [{dish}] and [{other}]?",
      "I like [{dish}]. Will I like [{other}]?", "Pick one for a party: [{dish}] or [{other}].",
      "Explain [{dish}] and [{other}] to a child.", "Compare [{dish}] with [{other}].",
      "Which is lighter, [{dish}] or [{other}]?", "My friends want [{dish}] but I want [{other}]. Help!",
      "Tell me about [{dish}] and [{other}].", "How are [{dish}] and [{other}] different?",
      "I have never tried [{dish}] or [{other}]. What are they?", "Which should I cook first, [{dish}] or [{other}]?",
      "Is [{dish}] anything like [{other}]?", "Describe [{dish}] and then [{other}].",
      "The menu has [{dish}] and [{other}]. Which one is which?", "[{Dish}] or [{other}] for a picnic?");

  /** One dish's sentence in a comparison; slots as in {@link #EXCHANGES}. */
  static final SplitPool<Template> COMPARE_PARTS = Template.pool("food.compare_parts",
      "[{Dish}] is {description}.", "[{Dish}], from [{country}], is {description}.", "As for [{dish}], it is {description}.",
      "[{Dish}] is a classic [{adjective}] dish: {description}.", "[{Dish}] comes from [{country}] and is {description}.",
      "Then there is [{dish}], which is {description}.", "[{Dish}] is {description}, a favourite in [{country}].",
      "You can think of [{dish}] as {description}.", "[{Dish}] is the [{adjective}] one: {description}.",
      "[{Dish}] is {description}; people in [{country}] love it.", "A plate of [{dish}] is {description}.",
      "[{Dish}] is a classic of [{adjective}] cooking, {description}.", "Order [{dish}] if you want {description}.",
      "[{Dish}] is {description}, and it is easy to find in [{country}].", "With [{dish}] you get {description}.",
      "[{Dish}] means {description}.");

  static final SplitPool<String> COMPARE_CLOSERS = SplitPool.of("food.compare_closers",
      " Both are good choices.", " You cannot go wrong with either.", " Why not try both?", " It depends on your mood.",
      " Both are delicious.", " Each is great in its own way.", " I would happily eat either.", " Try one this week and one next week.",
      " They are quite different.", " Both are easy to love.", " Your guests will enjoy either one.", " Pick whichever sounds better today.",
      " Either one makes a good meal.", " Both are worth a try.", " It is a matter of taste.");

  /** Sentences a user may say before a question; they keep its capital letter. */
  static final SplitPool<String> QUESTION_OPENERS = SplitPool.of("food.question_openers",
      "Quick question. ", "Hi! ", "I am getting hungry. ", "My friend asked me this. ", "Sorry if this is a silly question. ",
      "I am planning a dinner. ", "I love trying new food. ", "Help me out. ", "Hey! ", "Food question. ",
      "Good evening! ", "I am writing a menu. ", "My family cannot agree on dinner. ", "Random thought. ", "Hello! ",
      "One more thing. ");

  static final SplitPool<String> QUESTION_CLOSERS = SplitPool.of("food.question_closers",
      " Thanks!", " Thank you.", " Keep it short, please.", " I am curious.", " Please answer briefly.",
      " Thanks in advance.", " Cheers!", " I would love to know.", " Be brief.", " Just the basics, please.",
      " Much appreciated.", " No rush.", " Thanks a lot!", " Any tips are welcome.", " I am very hungry.");

  static final SplitPool<String> ANSWER_OPENERS = SplitPool.of("food.answer_openers",
      "Sure! ", "Good question. ", "Happy to help. ", "Of course. ", "Great question! ", "Here is what I know. ",
      "Absolutely. ", "Yum. ", "Certainly. ", "Okay. ", "Glad you asked. ", "Ooh, nice. ", "Alright. ",
      "Here you go. ", "Sure thing. ");

  static final SplitPool<String> ANSWER_CLOSERS = SplitPool.of("food.answer_closers",
      " Enjoy your meal!", " Hope that helps!", " It is very tasty.", " Let me know how it goes.", " Bon appetit!",
      " Many people love it.", " It is worth a try.", " Have fun cooking!", " It makes a great dinner.",
      " Tell me if you want a recipe.", " You will not be disappointed.", " Enjoy!", " It goes well with friends.",
      " That is the short version.", " Happy eating!");

  private FoodScenes() {}

  @Override
  public void write(Scene scene) {
    switch (scene.weighted(45, 40, 15)) {
      case 0 -> single(scene, true);
      case 1 -> single(scene, false);
      default -> compare(scene);
    }
  }

  private void single(Scene scene, boolean japanese) {
    scene.variant(japanese ? "japanese" : "italian");
    Dish dish = scene.pick(japanese ? JAPANESE : ITALIAN);
    Slots slots = slots(dish, japanese);
    Exchange exchange = scene.pick(EXCHANGES);
    Turn user = scene.user();
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_OPENERS));
    }
    user.say(exchange.question(), slots, Concept.JAPANESE_FOOD, japanese);
    if (scene.chance(0.4)) {
      user.say(scene.pick(QUESTION_CLOSERS));
    }
    Turn answer = scene.assistant();
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    answer.say(exchange.answer(), slots, Concept.JAPANESE_FOOD, japanese);
    if (scene.chance(0.4)) {
      answer.say(scene.pick(ANSWER_CLOSERS));
    }
    scene.check("dish", dish.name());
    scene.check("cuisine", japanese ? "japanese" : "italian");
  }

  /** A Japanese and an Italian dish, in either order, each in a sentence of its own. */
  private void compare(Scene scene) {
    scene.variant("compare");
    Dish japanese = scene.pick(JAPANESE);
    Dish italian = scene.pick(ITALIAN);
    boolean japaneseFirst = scene.chance(0.5);
    Dish first = japaneseFirst ? japanese : italian;
    Dish second = japaneseFirst ? italian : japanese;
    Slots request = new Slots().put("dish", first.name()).put("other", second.name());
    scene.user().sayEach(scene.pick(COMPARE_REQUESTS), request, Concept.JAPANESE_FOOD, japaneseFirst, !japaneseFirst);
    Turn answer = scene.assistant();
    if (scene.chance(0.3)) {
      answer.say(scene.pick(ANSWER_OPENERS));
    }
    answer.say(scene.pick(COMPARE_PARTS), slots(first, japaneseFirst), Concept.JAPANESE_FOOD, japaneseFirst).say(" ");
    answer.say(scene.pick(COMPARE_PARTS), slots(second, !japaneseFirst), Concept.JAPANESE_FOOD, !japaneseFirst);
    if (scene.chance(0.5)) {
      answer.say(scene.pick(COMPARE_CLOSERS));
    }
    scene.check("dish", japanese.name());
    scene.check("other", italian.name());
  }

  private static Slots slots(Dish dish, boolean japanese) {
    return new Slots().put("dish", dish.name()).put("description", dish.description())
        .put("adjective", japanese ? "Japanese" : "Italian").put("country", japanese ? "Japan" : "Italy");
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(JAPANESE, ITALIAN, EXCHANGES, COMPARE_REQUESTS, COMPARE_PARTS, COMPARE_CLOSERS, QUESTION_OPENERS,
        QUESTION_CLOSERS, ANSWER_OPENERS, ANSWER_CLOSERS);
  }
}
