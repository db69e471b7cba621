package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Neutral everyday chat: greetings, weather, cooking, hobbies, short stories, small advice. No
 * spans: this is the fluency baseline, the benign chat probes are calibrated on, and the
 * unrelated prompts on which steering must leave the model's behaviour alone.
 *
 * <p>The templates avoid every concept on purpose: no pain, fear or hunger, no lies or flattery, no
 * numbers or sums, no bridges, presidents, strings of capitals ("OK", "TV"), Japanese or Italian
 * dishes, insects, and no sentences with an indirect object ("gave it to her", "tell me a story").
 * A chat is a greeting (sometimes), a topic and a closing exchange (sometimes), each from its own
 * pool, so the held-out chats steering is tested on are new in every part.
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
      new Exchange("Hi, it is {name}.", "Hi {name}! Nice to hear from you."),
      new Exchange("Hello again!", "Welcome back! What is on your mind?"),
      new Exchange("Morning! I just got up.", "Good morning! Take your time and have a slow start."),
      new Exchange("Hey there, are you free to chat?", "Of course. What shall we talk about?"),
      new Exchange("Hi. I am writing from {town}.", "Hello! I hope the weather in {town} is kind today."),
      new Exchange("Good afternoon.", "Good afternoon! What can I do for you?"),
      new Exchange("Howdy!", "Howdy! It is good to hear from you."),
      new Exchange("Hello, my name is {name}.", "Nice to meet you, {name}. What would you like to chat about?"),
      new Exchange("Hi, quick chat before work?", "Sure, a quick chat sounds good."),
      new Exchange("Evening! Long day.", "Evening! Let us keep things easy, then."),
      new Exchange("Hey! Back from the {place}.", "Welcome back! Was it busy at the {place}?"),
      new Exchange("Hello, anyone there?", "Yes, I am here. How can I help?"),
      new Exchange("Hi there, friend.", "Hi! It is nice to chat with you."),
      new Exchange("Good day to you.", "And a good day to you too!")));

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
      new Exchange("My friend {name} loves {hobby}.", "That sounds like a fun hobby. {name} must enjoy it."),
      new Exchange("Is {hobby} a good hobby for a beginner?", "Yes, {hobby} is easy to start and fun to learn."),
      new Exchange("Could you write a short story about a {animal}?",
          "Once upon a time, a {animal} lived near the {place}. Every morning it went for a walk and looked at the sky. One day it found {an_obj}, and it kept it as a treasure."),
      new Exchange("Write a bedtime story.",
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
      new Exchange("How do I keep my plants healthy?", "Water them when the soil is dry, and put them where there is plenty of light."),
      new Exchange("I am going to the {place} with {name} today.", "That sounds fun. Have a lovely time at the {place}."),
      new Exchange("What is a good way to relax after work?", "A short walk, a warm drink and some quiet music can help you unwind."),
      new Exchange("Should I take up {hobby} or {hobby2}?", "Both are good. {Hobby} is calm, and {hobby2} is a nice change of pace."),
      new Exchange("How do I make my mornings less rushed?", "Lay out your clothes the night before and get up a little earlier."),
      new Exchange("We just moved to {town}. What should we do first?", "Take a walk around {town}, find the nearest {place}, and say hello to the neighbours."),
      new Exchange("What do people usually do at a {place}?", "Most people come to the {place} to see friends, look around and enjoy some time out."),
      new Exchange("I found {an_obj} on the way home.", "What a find! You could keep it on a shelf or ask around to see whose it is."),
      new Exchange("How often should I walk my {animal}?", "Most of them like a walk every day, and a little play in between."),
      new Exchange("What can I do with old jars?", "Wash them out and use them for buttons, pens or homemade jam."),
      new Exchange("I keep forgetting my keys. Any tricks?", "Put a small bowl by the door and drop your keys in it every time you come home."),
      new Exchange("What is a nice weekend plan?", "Sleep in, take a walk to the {place}, and cook {dish} in the evening."),
      new Exchange("How do I learn to cook {dish}?", "Follow a simple recipe, take it slowly, and taste as you go."),
      new Exchange("Is it a good idea to start {hobby} in the winter?", "Sure. Any season is a good one to begin {hobby}."),
      new Exchange("What should I pack for a day at the {place}?", "Pack water, a snack, {clothes} and something to read."),
      new Exchange("Do you like rainy days?", "Rainy days are cosy. They are good for reading and warm drinks."),
      new Exchange("How can I keep my desk tidy?", "Clear it at the end of each day and keep only what you use often on top."),
      new Exchange("I want to read more. How do I start?", "Carry a book with you and read a few pages whenever you wait."),
      new Exchange("What colour should I paint my kitchen?", "A soft yellow or a pale green can make a kitchen feel bright and fresh."),
      new Exchange("My {animal} keeps waking me up early.", "You could move its bed a little further away and keep the curtains closed."),
      new Exchange("How do I make a good cup of tea?", "Use fresh water, let it steep for a few minutes, and add milk if you like."),
      new Exchange("Any ideas for a picnic at the {place}?", "Bring a blanket, some sandwiches, fruit and a ball to play with."),
      new Exchange("What is a good song to sing in the car?", "Pick something everyone knows, with a chorus you can all join in."),
      new Exchange("How do I start a garden?", "Begin with a small patch, choose easy plants, and water them in the evening."),
      new Exchange("I am visiting {town} next week.", "How nice! Try to see the {place} while you are there."),
      new Exchange("What is a cheap day out?", "A walk in the park, a visit to the library, or a picnic by the {place}."),
      new Exchange("How do I stop my bread from going stale?", "Keep it in a bread bin or a paper bag, and freeze what you will not eat soon."),
      new Exchange("What games can we play on a {weather} afternoon?", "Try a board game, cards, or a treasure hunt around the house."),
      new Exchange("How do I get better at {hobby}?", "Practise often, watch how others do it, and be patient with yourself."),
      new Exchange("{name} wants to try {hobby}. Is it hard?", "Not at all. {name} can start with the basics and build up slowly."),
      new Exchange("What should I name my new boat?", "How about Sea Breeze or Little Wave? Both sound cheerful."),
      new Exchange("What do you think of {hobby2}?", "{Hobby2} is a lovely pastime. It can be calm and fun at once."),
      new Exchange("How do I plan a birthday party?", "Pick a date, invite a few friends, and choose simple food and games."),
      new Exchange("I want to walk more. Any tips?", "Walk to the {place} instead of driving, and take the stairs when you can."),
      new Exchange("Where should I put a new bookshelf?", "Put it against a wall near a good reading chair and a window."),
      new Exchange("What is nice to do in the evening?", "Read a chapter, listen to music, or take a slow walk after dinner."),
      new Exchange("Which is better, mornings or evenings?", "It depends on you. Some people feel fresh early, others later in the day."),
      new Exchange("How do I keep my {obj} clean?", "Wipe it with a soft cloth now and then, and keep it somewhere dry."),
      new Exchange("Describe a perfect autumn walk.", "Crunchy leaves, cool air, a warm scarf, and a cup of cocoa at the end."),
      new Exchange("What should I do with a free afternoon?", "Try {hobby}, visit the {place}, or simply rest with a good book."),
      new Exchange("Can you write a short poem about the {weather} weather?",
          "The day is {weather}, the streets are still, / I watch the clouds drift over the hill."),
      new Exchange("I just started {hobby}!", "How exciting! Enjoy learning something new."),
      new Exchange("What is a good breakfast before a busy day?", "Something simple like {dish} or toast with fruit will keep you going."),
      new Exchange("How do I make my room feel cosy?", "Add a soft blanket, a warm lamp and a few plants."),
      new Exchange("Our {animal} learned a new trick today!", "That is lovely! It must be fun to watch."),
      new Exchange("What is the best way to spend a holiday at home?", "Sleep in, cook something nice, and do one thing you never have time for.")));

  /** A closing exchange some chats end with. */
  static final SplitPool<Exchange> FOLLOW_UPS = SplitPool.of("small_talk.follow_ups", List.of(
      new Exchange("Thanks, that helps.", "You are welcome. Have a nice day!"),
      new Exchange("Great idea, I will try it.", "Enjoy it!"),
      new Exchange("Okay, sounds good.", "Have fun, and let me know how it goes."),
      new Exchange("Thank you!", "Any time."),
      new Exchange("Nice, cheers.", "Cheers! Enjoy the rest of your day."),
      new Exchange("I will do that this weekend.", "That sounds like a good plan."),
      new Exchange("Lovely, thanks.", "You are welcome."),
      new Exchange("Perfect. Bye for now!", "Bye! Take care."),
      new Exchange("Got it.", "Good. Have a lovely time."),
      new Exchange("That sounds nice.", "I think you will enjoy it."),
      new Exchange("Okay, one more thing later maybe.", "Sure, I am here whenever you want to chat."),
      new Exchange("Thanks, see you.", "See you soon!"),
      new Exchange("I like that.", "I am glad. Enjoy!"),
      new Exchange("Will do.", "Great. Have a good one."),
      new Exchange("That is all for now.", "Okay. Have a relaxing day.")));

  static final SplitPool<String> HOBBIES = SplitPool.of("small_talk.hobbies",
      "knitting", "painting", "chess", "hiking", "gardening", "reading", "swimming", "drawing", "baking bread",
      "bird watching", "photography", "running", "cycling", "pottery", "playing the guitar", "yoga",
      "sewing", "rock climbing", "dancing", "fishing", "woodwork", "singing in a choir", "playing the piano", "sailing",
      "crossword puzzles", "jigsaw puzzles", "calligraphy", "skating", "tennis", "rowing", "origami", "card games",
      "learning a language", "birdhouse building", "stargazing");

  /** Everyday dishes; none is Japanese or Italian (those are the food family's). */
  static final SplitPool<String> DISHES = SplitPool.of("small_talk.dishes",
      "vegetable soup", "an omelette", "pancakes", "a green salad", "beef stew", "a cheese sandwich", "fried rice", "tacos",
      "a baked potato", "lentil curry", "chicken pie", "roast vegetables", "porridge", "scrambled eggs", "a bean burrito",
      "fish and chips", "a jacket potato", "tomato soup", "a veggie wrap", "shepherd's pie", "a chicken salad", "corn bread",
      "a fruit salad", "beans on toast", "a stir fry", "pea soup", "a cheese omelette", "a turkey sandwich", "mashed potatoes",
      "a bowl of chili");

  /** Weather and what to wear in it. */
  record Weather(String weather, String clothes) {}

  static final SplitPool<Weather> WEATHER = SplitPool.of("small_talk.weather", List.of(
      new Weather("sunny", "a hat and sunglasses"), new Weather("rainy", "a raincoat and boots"),
      new Weather("windy", "a warm jacket that zips up"), new Weather("cold", "a thick coat, a scarf and gloves"),
      new Weather("warm", "a light shirt and comfortable shoes"), new Weather("cloudy", "a light jacket, just in case"),
      new Weather("snowy", "boots, gloves and a warm hat"), new Weather("hot", "loose, light clothes and a hat"),
      new Weather("foggy", "a bright coat so that drivers can see you"), new Weather("chilly", "a jumper under a light coat"),
      new Weather("drizzly", "a hooded jacket"), new Weather("frosty", "warm layers and shoes with a good grip"),
      new Weather("humid", "thin cotton clothes"), new Weather("stormy", "a waterproof coat, if you go out at all"),
      new Weather("mild", "a light jumper"), new Weather("breezy", "a light windproof jacket")));

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
    if (scene.chance(0.25)) {
      exchange(scene, scene.pick(FOLLOW_UPS), slots);
    }
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
        .put("clothes", weather.clothes()).put("town", scene.pick(Entities.TOWNS));
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(GREETINGS, TOPICS, FOLLOW_UPS, HOBBIES, DISHES, WEATHER, Entities.PEOPLE, Entities.PLACES, Entities.ANIMALS,
        Entities.OBJECTS, Entities.TOWNS);
  }
}
