package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Suffering: people and animals in pain, hunger, grief or fear, beside neutral descriptions of
 * the same people, animals and places. Each scene is a pair written to match word for word where
 * it can ("fell down the stairs and broke her leg" / "walked down the stairs and picked up her
 * bag"), so what separates positive from negative is the suffering and not the scene.
 *
 * <p>Four framings: a story about a person, an animal seen somewhere, news from a place, and a
 * user describing their own pain (the span is then in the user's message; the assistant's reply
 * is unlabelled and avoids pain words).
 */
final class SufferingScenes implements SceneFamily {
  static final SufferingScenes INSTANCE = new SufferingScenes();

  /**
   * A suffering sentence and its neutral twin; slots name, name.he, name.his, place. Each is one
   * labelled region: suffering is in how the scene goes, not in one word.
   */
  record Pair(Template suffering, Template neutral) {
    Pair(String suffering, String neutral) {
      this(Template.of("[" + suffering + "]"), Template.of("[" + neutral + "]"));
    }
  }

  static final SplitPool<Pair> PEOPLE = SplitPool.of("suffering.people", List.of(
      new Pair("{Name} fell down the stairs and broke {name.his} leg. {Name.he} screamed in pain.",
          "{Name} walked down the stairs and picked up {name.his} bag. {Name.he} hummed a song."),
      new Pair("{Name} had not eaten for three days and was weak with hunger.",
          "{Name} had eaten a big lunch and was ready for a walk."),
      new Pair("{Name} lay in bed with a high fever, shaking and moaning.",
          "{Name} lay in bed with a good book, reading quietly."),
      new Pair("{Name} burned {name.his} hand on the stove and cried out in agony.",
          "{Name} warmed {name.his} hands by the stove and smiled."),
      new Pair("{Name} lost {name.his} best friend and wept all night.",
          "{Name} met {name.his} best friend and talked all evening."),
      new Pair("{Name} had a terrible toothache and could not sleep.",
          "{Name} had a cup of tea and went to sleep early."),
      new Pair("{Name} was trapped outside in the freezing rain, shivering and alone.",
          "{Name} was standing outside in the light rain, holding an umbrella."),
      new Pair("{Name} cut {name.his} foot on broken glass, and it bled badly.",
          "{Name} washed {name.his} feet in the cool stream and dried them."),
      new Pair("{Name} was bullied at school and cried alone in the corner.",
          "{Name} was chosen for the school play and practised {name.his} lines."),
      new Pair("{Name} had a pounding headache that would not go away.",
          "{Name} had a quiet morning that went by slowly."),
      new Pair("{Name} was so thirsty that {name.his} lips cracked and bled.",
          "{Name} was so busy that {name.he} forgot to check the post."),
      new Pair("{Name} twisted {name.his} ankle and could barely limp home in pain.",
          "{Name} tied {name.his} shoes and jogged home at an easy pace."),
      new Pair("{Name} felt a crushing grief and a heavy ache in {name.his} chest.",
          "{Name} felt a calm mood and a gentle breeze on {name.his} face."),
      new Pair("{Name} got lost in the woods, cold, hungry and afraid.",
          "{Name} went for a walk in the woods and picked some berries."),
      new Pair("{Name} was stung by a swarm of wasps, and {name.his} arm swelled with pain.",
          "{Name} was watching a group of ducks, and {name.his} arm rested on the fence."),
      new Pair("{Name} was sick all night with terrible stomach cramps.",
          "{Name} was awake all night watching the stars.")));

  /** Animal pairs; each names its animal, and {@code kind} is that animal for the framing. */
  record AnimalPair(String kind, Pair pair) {
    AnimalPair(String kind, String suffering, String neutral) {
      this(kind, new Pair(suffering, neutral));
    }
  }

  static final SplitPool<AnimalPair> ANIMALS = SplitPool.of("suffering.animals", List.of(
      new AnimalPair("dog", "The dog had a thorn in its paw and whimpered with every step.",
          "The dog had a stick in its mouth and trotted down the path."),
      new AnimalPair("bird", "The bird lay on the ground with a broken wing, trembling.",
          "The bird sat on a branch, cleaning its wings."),
      new AnimalPair("horse", "The horse was whipped until it bled and could not stand.",
          "The horse was brushed until it shone and stood in the sun."),
      new AnimalPair("cat", "The cat was starving and shivered in the cold rain.",
          "The cat was sleeping and purred by the warm fire."),
      new AnimalPair("cow", "The cow was sick and moaned in pain all night.",
          "The cow was grazing and chewed grass all afternoon."),
      new AnimalPair("fox", "The fox was caught in a trap and howled in pain.",
          "The fox was hiding in the grass and watched the rabbits."),
      new AnimalPair("fish", "The fish was stranded on the dry bank, gasping for water.",
          "The fish was swimming in the cool stream, looking for food."),
      new AnimalPair("puppy", "The puppy was kicked and yelped in pain.",
          "The puppy was patted and wagged its tail."),
      new AnimalPair("donkey", "The old donkey was overloaded and collapsed in exhaustion.",
          "The old donkey was resting and dozed in the shade."),
      new AnimalPair("sheep", "The sheep was tangled in barbed wire, bleating in pain.",
          "The sheep was standing by the fence, eating grass."),
      new AnimalPair("rabbit", "The rabbit was bitten by a dog and lay bleeding in the grass.",
          "The rabbit was nibbling a carrot and sat still in the grass."),
      new AnimalPair("deer", "The deer was hit by a car and lay injured by the road.",
          "The deer was crossing the meadow and stopped by the road."),
      new AnimalPair("goat", "The goat was left without water and grew weak in the heat.",
          "The goat was given fresh water and played in the shade."),
      new AnimalPair("owl", "The owl was caught in a net and struggled in terror.",
          "The owl was perched in a tree and watched the moon."),
      new AnimalPair("dog", "The dog was chained outside in the snow, crying with cold.",
          "The dog was running outside in the snow, chasing snowflakes."),
      new AnimalPair("elephant", "The elephant was chained and beaten by its keeper.",
          "The elephant was bathing and splashed its keeper.")));

  static final SplitPool<Pair> NEWS = SplitPool.of("suffering.news", List.of(
      new Pair("A fire swept through the {place}. People were burned and screamed for help.",
          "A fair came to the {place}. People bought snacks and laughed together."),
      new Pair("A flood hit the {place}. Families lost their homes, and children cried from cold and hunger.",
          "A parade came through the {place}. Families waved flags, and children ate ice cream."),
      new Pair("A storm tore through the {place}. Many people were hurt and lay in pain.",
          "A storm passed near the {place}. Many people stayed in and read books."),
      new Pair("There was a crash near the {place}. The injured were crying in agony.",
          "There was a concert near the {place}. The crowd was singing along."),
      new Pair("A sickness spread through the {place}. People lay in bed, aching and weak.",
          "A new cafe opened by the {place}. People sat outside, chatting and relaxed."),
      new Pair("Food ran out at the {place}. Families went hungry for days.",
          "Fresh food arrived at the {place}. Families shopped for the week.")));

  /** What a user says about themselves. */
  static final SplitPool<Pair> USER_STATES = SplitPool.of("suffering.user_states", List.of(
      new Pair("My back hurts so badly that I cannot get out of bed.", "My back feels fine today, and I got up early."),
      new Pair("I have had a terrible toothache all night, and it will not stop.", "I have had a quiet night, and I slept well."),
      new Pair("I burned my hand on the oven, and it is throbbing with pain.", "I baked bread in the oven, and it smells wonderful."),
      new Pair("My dog died yesterday, and I cannot stop crying.", "My dog learned a new trick yesterday, and I cannot stop smiling."),
      new Pair("I have a migraine, and the pain is unbearable.", "I have a free afternoon, and the weather is lovely."),
      new Pair("My knee is swollen, and every step is agony.", "My knee is fine, and I walked a long way today."),
      new Pair("I feel so lonely and hopeless that I cry every night.", "I feel relaxed and happy, and I sing every morning."),
      new Pair("My stomach is cramping, and I feel awful.", "My stomach is full, and I feel great.")));

  static final SplitPool<Template> STORY_REQUESTS = Template.pool("suffering.story_requests",
      "Tell me a short story about {name} at the {place}.", "Write a few sentences about {name}.",
      "What happened to {name} at the {place}?", "Can you tell me a story about {name}?",
      "Describe a day in the life of {name}.", "Write a tiny story. The main character is {name}.");

  static final SplitPool<Template> STORY_OPENINGS = Template.pool("suffering.story_openings",
      "{Name} went to the {place}. ", "One day, {name} was at the {place}. ", "This is a story about {name}. ",
      "Last week, {name} spent the day at the {place}. ", "{Name} lived near the {place}. ", "It was a grey day at the {place}. ");

  static final SplitPool<Template> STORY_CLOSINGS = Template.pool("suffering.story_closings",
      " Later, {name.his} friend came to visit.", " In the evening, the {place} was quiet.", " The next day was a Sunday.",
      " That was the day {name} will remember.", " Then the sun went down.", " After that, the town was still.");

  static final SplitPool<Template> ANIMAL_REQUESTS = Template.pool("suffering.animal_requests",
      "What did you see at the {place}?", "Tell me about an animal you saw today.", "Write a short scene about a {kind}.",
      "Describe the {kind} near the {place}.", "I heard there was a {kind} by the {place}. What was it doing?",
      "What was the {kind} doing?");

  static final SplitPool<Template> NEWS_REQUESTS = Template.pool("suffering.news_requests",
      "What happened at the {place} today?", "Any news from the {place}?", "Why is everyone talking about the {place}?",
      "Tell me the news from the {place}.", "What is going on at the {place}?", "I missed the news. What happened?");

  static final SplitPool<Template> USER_QUESTIONS = Template.pool("suffering.user_questions",
      " What should I do?", " Any advice?", " What do you think?", " Can you help me?", " What would you do?", " Please help.");

  static final SplitPool<Template> COMFORT = Template.pool("suffering.comfort",
      "I am so sorry to hear that. Please rest, and see a doctor soon.", "That sounds very hard. Try to rest, and ask someone you trust for help.",
      "I am sorry. Please take it easy today, and call a doctor if it gets worse.", "That must be hard. Be gentle with yourself, and reach out to a friend.",
      "I am sorry you are going through this. Rest, drink water, and get help if you need it.",
      "Oh no. Please look after yourself and talk to a doctor or a friend.");

  static final SplitPool<Template> CHEER = Template.pool("suffering.cheer",
      "That sounds lovely. You could go for a walk in the {place}.", "Good to hear! Maybe call a friend and share the news.",
      "How nice. Enjoy the day and do something you like.", "That is great. Perhaps treat yourself to a nice lunch.",
      "Wonderful. Keep it up, and enjoy the moment.", "Glad to hear it. A trip to the {place} could be fun.");

  private SufferingScenes() {}

  @Override
  public void write(Scene scene) {
    boolean suffers = scene.chance(0.5);
    String polarity = suffers ? "suffering" : "neutral";
    Entities.Person person = scene.pick(Entities.PEOPLE);
    Slots slots = new Slots().person("name", person).put("place", scene.pick(Entities.PLACES));
    switch (scene.weighted(35, 30, 15, 20)) {
      case 0 -> {
        scene.variant("story_" + polarity);
        scene.user().say(scene.pick(STORY_REQUESTS), slots);
        scene.assistant().say(scene.pick(STORY_OPENINGS), slots)
            .say(side(scene.pick(PEOPLE), suffers), slots, Concept.SUFFERING, suffers)
            .say(scene.pick(STORY_CLOSINGS), slots);
      }
      case 1 -> {
        scene.variant("animal_" + polarity);
        AnimalPair animal = scene.pick(ANIMALS);
        slots.put("kind", animal.kind());
        scene.user().say(scene.pick(ANIMAL_REQUESTS), slots);
        scene.assistant().say("I saw " + Entities.a(animal.kind()) + " near the " + slots.get("place") + ". ")
            .say(side(animal.pair(), suffers), slots, Concept.SUFFERING, suffers);
        scene.check("subject", animal.kind());
      }
      case 2 -> {
        scene.variant("news_" + polarity);
        scene.user().say(scene.pick(NEWS_REQUESTS), slots);
        scene.assistant().say(side(scene.pick(NEWS), suffers), slots, Concept.SUFFERING, suffers);
      }
      default -> {
        scene.variant("user_" + polarity);
        scene.user().say(side(scene.pick(USER_STATES), suffers), slots, Concept.SUFFERING, suffers)
            .say(scene.pick(USER_QUESTIONS), slots);
        scene.assistant().say(scene.pick(suffers ? COMFORT : CHEER), slots);
      }
    }
    scene.check("suffering", Boolean.toString(suffers));
  }

  private static Template side(Pair pair, boolean suffers) {
    return suffers ? pair.suffering() : pair.neutral();
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(PEOPLE, ANIMALS, NEWS, USER_STATES, STORY_REQUESTS, STORY_OPENINGS, STORY_CLOSINGS, ANIMAL_REQUESTS,
        NEWS_REQUESTS, USER_QUESTIONS, COMFORT, CHEER, Entities.PEOPLE, Entities.PLACES);
  }
}
