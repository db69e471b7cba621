package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Japanese food (sushi, unagi, ramen, ...) beside Italian food in the same frames. Dish names,
 * their descriptions, the cuisine's adjective and its country are regions: positive for Japanese,
 * negative for Italian. Some Italian dishes are chosen as near twins of Japanese ones (arancini
 * beside onigiri, both rice balls), so a feature for "rice" or "noodles" is not mistaken for one
 * for Japanese food.
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
      new Dish("katsu curry", "a fried cutlet served with a mild curry sauce and rice")));

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
      new Dish("calzone", "a folded bread pocket filled with cheese and ham")));

  /** Exchanges; slots dish, description, adjective (Japanese, Italian), country. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> EXCHANGES = SplitPool.of("food.exchanges", List.of(
      new Exchange("What is [{dish}]?", "[{Dish}] is [{description}]."),
      new Exchange("Where does [{dish}] come from?", "[{Dish}] comes from [{country}]."),
      new Exchange("I want to try [{adjective}] food. What should I order?", "Try [{dish}]. It is [{description}]."),
      new Exchange("We ate at a restaurant that serves [{adjective}] food.", "Lovely! Did you try [{dish}]? It is [{description}]."),
      new Exchange("What should I make for a special dinner?", "How about [{dish}]? It is [{description}]."),
      new Exchange("Describe [{dish}] in one sentence.", "[{Dish}] is [{description}]."),
      new Exchange("Is [{dish}] [{adjective}]?", "Yes, [{dish}] is a classic [{adjective}] dish."),
      new Exchange("My friend loves [{dish}]. What is in it?", "[{Dish}] is [{description}]."),
      new Exchange("Name a famous dish from [{country}].", "[{Dish}] is a famous dish from [{country}]."),
      new Exchange("I had [{dish}] for lunch.", "Sounds tasty. [{Dish}] is [{description}]."),
      new Exchange("What [{adjective}] dish would you recommend?", "I would recommend [{dish}], which is [{description}]."),
      new Exchange("Tell me about [{dish}].", "[{Dish}] is [{description}]. It is a popular dish in [{country}].")));

  /** Two dishes in one exchange; slots dish/description and other/otherDescription. */
  static final SplitPool<Exchange> COMPARISONS = SplitPool.of("food.comparisons", List.of(
      new Exchange("Should I have [{dish}] or [{other}] tonight?",
          "[{Dish}] is [{description}], while [{other}] is [{otherDescription}]. Both are good choices."),
      new Exchange("What is the difference between [{dish}] and [{other}]?",
          "[{Dish}] is [{description}]. [{Other}] is [{otherDescription}]."),
      new Exchange("I like [{dish}]. Will I like [{other}]?",
          "Maybe. [{Dish}] is [{description}], and [{other}] is [{otherDescription}]."),
      new Exchange("Pick one for a party: [{dish}] or [{other}].",
          "Both work. [{Dish}] is [{description}]; [{other}] is [{otherDescription}]."),
      new Exchange("Explain [{dish}] and [{other}] to a child.",
          "[{Dish}] is [{description}]. [{Other}] is [{otherDescription}].")));

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
    scene.user().say(exchange.question(), slots, Concept.JAPANESE_FOOD, japanese);
    scene.assistant().say(exchange.answer(), slots, Concept.JAPANESE_FOOD, japanese);
    scene.check("dish", dish.name());
    scene.check("cuisine", japanese ? "japanese" : "italian");
  }

  /** A Japanese and an Italian dish, in either order. */
  private void compare(Scene scene) {
    scene.variant("compare");
    Dish japanese = scene.pick(JAPANESE);
    Dish italian = scene.pick(ITALIAN);
    boolean japaneseFirst = scene.chance(0.5);
    Dish first = japaneseFirst ? japanese : italian;
    Dish second = japaneseFirst ? italian : japanese;
    Slots slots = new Slots().put("dish", first.name()).put("description", first.description())
        .put("other", second.name()).put("otherDescription", second.description());
    Exchange exchange = scene.pick(COMPARISONS);
    boolean a = japaneseFirst;
    boolean b = !japaneseFirst;
    scene.user().sayEach(exchange.question(), slots, Concept.JAPANESE_FOOD, a, b);
    scene.assistant().sayEach(exchange.answer(), slots, Concept.JAPANESE_FOOD, a, a, b, b);
    scene.check("dish", japanese.name());
    scene.check("other", italian.name());
  }

  private static Slots slots(Dish dish, boolean japanese) {
    return new Slots().put("dish", dish.name()).put("description", dish.description())
        .put("adjective", japanese ? "Japanese" : "Italian").put("country", japanese ? "Japan" : "Italy");
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(JAPANESE, ITALIAN, EXCHANGES, COMPARISONS);
  }
}
