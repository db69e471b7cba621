package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Neutral everyday chat: greetings, weather, cooking, hobbies, short stories, small advice. No
 * spans: this is the fluency baseline, the benign chat probes are calibrated on, and the
 * unrelated prompts on which steering must leave the model's behaviour alone.
 *
 * <p>The templates avoid every concept on purpose: no pain, no lies or flattery, no sums, no
 * bridges, presidents, sequences of capitals, Japanese or Italian dishes, insects, and no
 * sentences with an indirect object ("gave it to her").
 */
final class SmallTalkScenes implements SceneFamily {
  static final SmallTalkScenes INSTANCE = new SmallTalkScenes();

  /** A user's line and the reply; slots name, place, animal, obj, an_obj, hobby, dish, weather, clothes. */
  record Exchange(Template question, Template answer) {
    Exchange(String question, String answer) {
      this(Template.of(question), Template.of(answer));
    }
  }

  static final SplitPool<Exchange> GREETINGS = SplitPool.of("small_talk.greetings", List.of(
      new Exchange("Hi! How are you?", "I am well, thank you. How can I help you today?"),
      new Exchange("Good morning!", "Good morning! I hope your day is off to a nice start."),
      new Exchange("Hello there.", "Hello! What would you like to talk about?"),
      new Exchange("Hey, what is up?", "Not much. I am here and happy to chat."),
      new Exchange("Good evening.", "Good evening! How was your day?"),
      new Exchange("Thanks for your help earlier.", "You are welcome. I am glad it helped."),
      new Exchange("Hi, it is {name}.", "Hi {name}! Nice to hear from you.")));

  static final SplitPool<Exchange> TOPICS = SplitPool.of("small_talk.topics", List.of(
      new Exchange("It is {weather} today. What should I wear?", "On a {weather} day, wear {clothes}."),
      new Exchange("The forecast says it will be {weather} tomorrow.", "Then plan for it: {clothes} would be a good idea."),
      new Exchange("What is a good thing to do on a {weather} day?", "On a {weather} day, you could visit the {place} or stay in with a good book."),
      new Exchange("What should I cook for dinner tonight?", "You could make {dish}. It is simple and filling."),
      new Exchange("I have eggs, bread and cheese. Any ideas?", "You could make a cheese toastie or a quick omelette."),
      new Exchange("Is {dish} good for lunch?", "Yes, {dish} makes a nice lunch."),
      new Exchange("What goes well with {dish}?", "Some fresh fruit or a glass of juice goes well with {dish}."),
      new Exchange("I want a new hobby. Any ideas?", "You could try {hobby}. Many people find it relaxing."),
      new Exchange("How do I get started with {hobby}?", "Start small with {hobby}. Practise a little each week and have fun."),
      new Exchange("My friend {name} loves {hobby}.", "That sounds like a great hobby. {name} must enjoy it."),
      new Exchange("Is {hobby} a good hobby for a beginner?", "Yes, {hobby} is easy to start and fun to learn."),
      new Exchange("Tell me a short story about a {animal}.",
          "Once upon a time, a {animal} lived near the {place}. Every morning it went for a walk and looked at the sky. One day it found {an_obj}, and it kept it as a treasure."),
      new Exchange("Tell me a bedtime story.",
          "Once there was a little {animal} who could not sleep. It counted the stars until its eyes grew heavy. Then it curled up and slept until morning."),
      new Exchange("Write a story about {name} and {an_obj}.",
          "{name} found {an_obj} at the {place}. {Name.he} took it home and put it on a shelf. Every day, {name.he} smiled when {name.he} saw it."),
      new Exchange("How can I sleep better?", "Go to bed at the same time each night, and keep your room dark and quiet."),
      new Exchange("How do I stay focused while studying?", "Work in short blocks, take small breaks, and put your phone away."),
      new Exchange("What is a fun thing to do at the {place}?", "At the {place}, you could take a walk and enjoy the view."),
      new Exchange("I am bored. What should I do?", "You could try {hobby}, or take a walk to the {place}."),
      new Exchange("Can you suggest a name for my {animal}?", "How about Pepper? It is a cheerful name for a {animal}."),
      new Exchange("What is your favourite season?", "I like autumn, when the leaves change colour and the air is crisp."),
      new Exchange("Any tips for a long car trip?", "Bring snacks, plan some stops, and make a good playlist."),
      new Exchange("How do I keep my plants healthy?", "Water them when the soil is dry, and give them plenty of light."),
      new Exchange("I am going to the {place} with {name} today.", "That sounds fun. Have a lovely time at the {place}."),
      new Exchange("What is a good way to relax after work?", "A short walk, a warm drink and some quiet music can help you unwind."),
      new Exchange("Should I take up {hobby} or {hobby2}?", "Both are good. {Hobby} is calm, and {hobby2} is a nice change of pace."),
      new Exchange("How do I make my mornings less rushed?", "Lay out your clothes the night before and get up a little earlier.")));

  static final SplitPool<String> HOBBIES = SplitPool.of("small_talk.hobbies",
      "knitting", "painting", "chess", "hiking", "gardening", "reading", "swimming", "drawing", "baking bread",
      "bird watching", "photography", "running", "cycling", "pottery", "playing the guitar", "yoga");

  static final SplitPool<String> DISHES = SplitPool.of("small_talk.dishes",
      "vegetable soup", "an omelette", "pancakes", "a green salad", "beef stew", "a cheese sandwich", "fried rice", "tacos",
      "a baked potato", "lentil curry", "chicken pie", "roast vegetables", "porridge", "scrambled eggs", "a bean burrito");

  /** Weather and what to wear in it. */
  record Weather(String weather, String clothes) {}

  static final SplitPool<Weather> WEATHER = SplitPool.of("small_talk.weather", List.of(
      new Weather("sunny", "a hat and sunglasses"), new Weather("rainy", "a raincoat and boots"),
      new Weather("windy", "a warm jacket that zips up"), new Weather("cold", "a thick coat, a scarf and gloves"),
      new Weather("warm", "a light shirt and comfortable shoes"), new Weather("cloudy", "a light jacket, just in case"),
      new Weather("snowy", "boots, gloves and a warm hat"), new Weather("hot", "loose, light clothes and a hat")));

  private SmallTalkScenes() {}

  @Override
  public void write(Scene scene) {
    Slots slots = slots(scene);
    boolean greet = scene.chance(0.4);
    scene.variant(greet ? "greeting_and_topic" : "topic");
    if (greet) {
      exchange(scene, scene.pick(GREETINGS), slots);
    }
    exchange(scene, scene.pick(TOPICS), slots);
  }

  private static void exchange(Scene scene, Exchange e, Slots slots) {
    scene.user().say(e.question(), slots);
    scene.assistant().say(e.answer(), slots);
  }

  private static Slots slots(Scene scene) {
    Weather weather = scene.pick(WEATHER);
    String hobby = scene.pick(HOBBIES);
    String obj = scene.pick(Entities.OBJECTS);
    return new Slots().person("name", scene.pick(Entities.PEOPLE)).put("place", scene.pick(Entities.PLACES))
        .put("animal", scene.pick(Entities.ANIMALS)).put("obj", obj).put("an_obj", Entities.a(obj)).put("hobby", hobby)
        .put("hobby2", scene.pickOther(HOBBIES, hobby)).put("dish", scene.pick(DISHES)).put("weather", weather.weather())
        .put("clothes", weather.clothes());
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(GREETINGS, TOPICS, HOBBIES, DISHES, WEATHER, Entities.PEOPLE, Entities.PLACES, Entities.ANIMALS,
        Entities.OBJECTS);
  }
}
