package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Suffering: people and animals in pain, hunger, grief or fear, beside neutral descriptions of
 * the same people, animals and places. Each event is a pair written to match word for word where
 * it can ("fell down the stairs and broke her leg" / "walked down the stairs and picked up her
 * bag"), so what separates positive from negative is the suffering and not the scene.
 *
 * <p>Four framings: a story about a person, an animal seen somewhere, news from a place, and a
 * user describing their own state (the span is then in the user's message; the assistant's reply
 * is unlabelled and avoids pain words). The span starts where the suffering can first be read:
 * after the subject ("Emma", "The dog"), which both sides share, and runs to the end of the
 * sentences that describe it, so an event and its reaction ("She screamed in pain.") are one span.
 */
final class SufferingScenes implements SceneFamily {
  static final SufferingScenes INSTANCE = new SufferingScenes();

  /** A suffering text and its neutral twin, unlabelled; the scene labels them. */
  record Pair(Template suffering, Template neutral) {
    Pair(String suffering, String neutral) {
      this(Template.of(suffering), Template.of(neutral));
    }

    Template side(boolean suffers) {
      return suffers ? suffering : neutral;
    }
  }

  /** What happened to a person, after their name; slots name.he, name.his. */
  static final SplitPool<Pair> PEOPLE = SplitPool.of("suffering.people", List.of(
      new Pair("fell down the stairs and broke {name.his} leg.", "walked down the stairs and picked up {name.his} bag."),
      new Pair("had not eaten for three days and was weak with hunger.", "had eaten a big lunch and was ready for a walk."),
      new Pair("lay in bed with a high fever, shaking and moaning.", "lay in bed with a good book, reading quietly."),
      new Pair("burned {name.his} hand on the stove and cried out in agony.", "warmed {name.his} hands by the stove and smiled."),
      new Pair("lost {name.his} best friend and wept all night.", "met {name.his} best friend and talked all evening."),
      new Pair("had a terrible toothache and could not sleep.", "had a cup of tea and went to sleep early."),
      new Pair("was trapped outside in the freezing rain, shivering and alone.", "was standing outside in the light rain, holding an umbrella."),
      new Pair("cut {name.his} foot on broken glass, and it bled badly.", "washed {name.his} feet in the cool stream and dried them."),
      new Pair("was bullied at school and cried alone in the corner.", "was chosen for the school play and practised {name.his} lines."),
      new Pair("had a pounding headache that would not go away.", "had a quiet morning that went by slowly."),
      new Pair("was so thirsty that {name.his} lips cracked and bled.", "was so busy that {name.he} forgot to check the post."),
      new Pair("twisted {name.his} ankle and could barely limp home.", "tied {name.his} shoes and jogged home at an easy pace."),
      new Pair("felt a crushing grief and a heavy ache in {name.his} chest.", "felt a calm mood and a gentle breeze on {name.his} face."),
      new Pair("got lost in the woods, cold, hungry and afraid.", "went for a walk in the woods and picked some berries."),
      new Pair("was stung by a swarm of wasps, and {name.his} arm swelled up.", "was watching a group of ducks, and {name.his} arm rested on the fence."),
      new Pair("was sick all night with terrible stomach cramps.", "was awake all night watching the stars."),
      new Pair("slipped on the ice and cracked {name.his} wrist.", "stepped onto the ice and skated in a slow circle."),
      new Pair("was left alone in a cold, dark room for days.", "was sitting alone in a bright, warm room for an hour."),
      new Pair("lost {name.his} home in a fire and had nowhere to sleep.", "painted {name.his} home in the spring and had friends to stay."),
      new Pair("was hit by a bike and lay bleeding on the path.", "was passed by a bike and waved from the path."),
      new Pair("had a deep cough that tore at {name.his} chest.", "had a deep chair that sat by {name.his} window."),
      new Pair("was stuck in hospital with burns all over {name.his} arms.", "was visiting the museum with a map in {name.his} hands."),
      new Pair("heard that {name.his} father had died and fell to the floor sobbing.", "heard that {name.his} father had called and went to phone him back."),
      new Pair("was so frightened that {name.he} shook and could not breathe.", "was so relaxed that {name.he} hummed and closed {name.his} eyes."),
      new Pair("broke {name.his} arm falling from a tree and screamed.", "climbed a small tree in the garden and laughed."),
      new Pair("had an ear infection that throbbed all day.", "had an easy lesson that finished at noon."),
      new Pair("went without food all week and grew thin and weak.", "went to the market all week and bought fresh bread."),
      new Pair("was beaten by a gang and left with bruises and a broken nose.", "was greeted by a neighbour and given a bunch of flowers."),
      new Pair("missed {name.his} children so much that the pain kept {name.him} awake.", "visited {name.his} children and stayed for a long dinner."),
      new Pair("had a burning pain in {name.his} back with every breath.", "had a warm scarf round {name.his} neck on the walk.")));

  /** How a person reacts, after the event; inside the same span. */
  static final SplitPool<Template> PEOPLE_PAIN = Template.pool("suffering.people_pain",
      "{Name.he} screamed in pain.", "Tears ran down {name.his} face.", "{Name.he} could hardly breathe for the pain.",
      "{Name.he} cried until {name.he} had no tears left.", "Every move hurt.", "{Name.he} begged for it to stop.",
      "The pain would not go away.", "{Name.he} groaned and curled up.", "{Name.he} was in agony.",
      "{Name.he} felt helpless and miserable.", "{Name.he} sobbed quietly.", "Nobody came to help.",
      "{Name.he} whimpered through the night.", "It hurt more than anything.", "{Name.he} trembled with fear and pain.",
      "{Name.he} felt broken inside.");

  static final SplitPool<Template> PEOPLE_CALM = Template.pool("suffering.people_calm",
      "{Name.he} hummed a song.", "A smile spread across {name.his} face.", "{Name.he} felt rested.",
      "{Name.he} laughed at a joke.", "Everything was easy.", "{Name.he} waved to a friend.", "The day went on quietly.",
      "{Name.he} stretched and yawned.", "{Name.he} was content.", "{Name.he} felt calm and cheerful.",
      "{Name.he} whistled softly.", "A friend came by to say hello.", "{Name.he} read for a while.",
      "It was a good day.", "{Name.he} thought about dinner.", "{Name.he} felt at home.");

  /** What happened to an animal, after "The {kind}"; fits any animal in {@link Entities#ANIMALS}. */
  static final SplitPool<Pair> ANIMALS = SplitPool.of("suffering.animals", List.of(
      new Pair("had a thorn stuck deep in its leg.", "had a stick lying next to its leg."),
      new Pair("lay on the ground with a broken leg.", "lay on the ground with its legs stretched out."),
      new Pair("was whipped until it bled.", "was brushed until it shone."),
      new Pair("was starving and shivered in the cold rain.", "was sleeping and stayed dry under the roof."),
      new Pair("was sick and moaned all night.", "was grazing and chewed all afternoon."),
      new Pair("was caught in a trap and howled.", "was hiding in the grass and watched."),
      new Pair("was kicked hard and yelped.", "was patted gently and looked up."),
      new Pair("was tangled in barbed wire and bleeding.", "was standing by the wire fence and resting."),
      new Pair("was bitten by a dog and lay bleeding in the grass.", "was sniffed by a dog and lay still in the grass."),
      new Pair("was hit by a car and lay injured by the road.", "was crossing the field and stopped by the road."),
      new Pair("was left without water and grew weak in the heat.", "was given fresh water and rested in the shade."),
      new Pair("was caught in a net and struggled in terror.", "was sitting near a net and looked around."),
      new Pair("was chained in the snow and cried with cold.", "was running in the snow and chased the flakes."),
      new Pair("was beaten by its owner and cowered in a corner.", "was fed by its owner and curled up in a corner."),
      new Pair("had a deep cut on its side that would not heal.", "had a patch of mud on its side from the field."),
      new Pair("was stuck in a drain, crying for hours.", "was sniffing near a drain for a few minutes."),
      new Pair("was so thin that its bones showed.", "was so fluffy that it looked twice its size."),
      new Pair("was trapped in a burning barn, screaming.", "was standing in the open barn, eating hay."),
      new Pair("had a swollen, infected eye.", "had a bright, curious eye."),
      new Pair("was limping badly on a broken foot.", "was trotting happily on the soft path."),
      new Pair("was shut in a tiny cage and could not move.", "was let into the big garden and wandered about."),
      new Pair("was poisoned and shook on the floor.", "was fed and napped on the floor."),
      new Pair("was abandoned by the road, hungry and afraid.", "was waiting by the gate, calm and alert."),
      new Pair("was soaked in oil and could barely breathe.", "was washed in the stream and shook itself dry.")));

  static final SplitPool<Template> ANIMAL_PAIN = Template.pool("suffering.animal_pain",
      "It whimpered with every step.", "It cried out in pain.", "It trembled with fear.", "It could barely breathe.",
      "Its eyes were full of pain.", "It moaned softly.", "Nobody came to help it.", "It was in agony.",
      "It shook and would not eat.", "It let out a weak cry.", "It could not stand up.", "It was suffering badly.",
      "It bled onto the ground.", "It howled in misery.", "It was too weak to lift its head.");

  static final SplitPool<Template> ANIMAL_CALM = Template.pool("suffering.animal_calm",
      "It looked around calmly.", "It seemed happy.", "It blinked in the sun.", "It breathed slowly and easily.",
      "Its eyes were bright.", "It made a soft, happy sound.", "A child came to watch it.", "It was relaxed.",
      "It ate a little and rested.", "It gave a little yawn.", "It stood up and stretched.", "It was doing well.",
      "It sniffed the air.", "It wandered off slowly.", "It was full of energy.");

  /** What happened at a place; slot {@code place}. The region covers it and its toll. */
  static final SplitPool<Pair> NEWS = SplitPool.of("suffering.news", List.of(
      new Pair("A fire swept through the {place}.", "A fair came to the {place}."),
      new Pair("A flood hit the {place}.", "A parade came through the {place}."),
      new Pair("A storm tore through the {place}.", "A storm passed far from the {place}."),
      new Pair("There was a terrible crash near the {place}.", "There was a concert near the {place}."),
      new Pair("A sickness spread through the {place}.", "A new cafe opened by the {place}."),
      new Pair("Food ran out at the {place}.", "Fresh food arrived at the {place}."),
      new Pair("A bomb went off near the {place}.", "A band played near the {place}."),
      new Pair("A roof fell in at the {place}.", "A roof was painted at the {place}."),
      new Pair("A gas leak poisoned people at the {place}.", "A gas bill was paid at the {place}."),
      new Pair("An earthquake shook the {place} to pieces.", "A choir sang at the {place}."),
      new Pair("A heatwave left people at the {place} without water.", "A sunny week brought people to the {place}."),
      new Pair("Fighting broke out at the {place}.", "Dancing broke out at the {place}."),
      new Pair("A bus crashed outside the {place}.", "A bus stopped outside the {place}."),
      new Pair("A wall collapsed on the crowd at the {place}.", "A mural was unveiled to the crowd at the {place}."),
      new Pair("Freezing cold hit the {place}, and the heating failed.", "Mild weather came to the {place}, and the windows were opened.")));

  static final SplitPool<Template> NEWS_PAIN = Template.pool("suffering.news_pain",
      "People were burned and screamed for help.", "Families lost their homes, and children cried from cold and hunger.",
      "Many people were hurt and lay in pain.", "The injured were crying in agony.", "People lay in bed, aching and weak.",
      "Families went hungry for days.", "Parents wept for their children.", "Dozens were badly hurt.",
      "The wounded waited hours for help.", "Old people shivered through the night.", "Survivors were in shock and pain.",
      "Children were left hungry and afraid.", "People were trapped and begging for help.", "Many are still missing, and families are grieving.",
      "The hospital was full of people in pain.");

  static final SplitPool<Template> NEWS_CALM = Template.pool("suffering.news_calm",
      "People bought snacks and laughed together.", "Families waved flags, and children ate ice cream.",
      "Many people stayed in and read books.", "The crowd was singing along.", "People sat outside, chatting and relaxed.",
      "Families shopped for the week.", "Parents took photos of their children.", "Dozens came to watch.",
      "Visitors waited a few minutes for a table.", "Old friends talked through the evening.", "Everyone went home happy.",
      "Children played in the square.", "People clapped and cheered.", "Many stayed late, and families walked home together.",
      "The cafe was full of people chatting.");

  /** What a user says about themselves. */
  static final SplitPool<Pair> USER_STATES = SplitPool.of("suffering.user_states", List.of(
      new Pair("My back hurts so badly that I cannot get out of bed.", "My back feels fine today, and I got up early."),
      new Pair("I have had a terrible toothache all night, and it will not stop.", "I have had a quiet night, and I slept well."),
      new Pair("I burned my hand on the oven, and it is throbbing with pain.", "I baked bread in the oven, and it smells wonderful."),
      new Pair("My dog died yesterday, and I cannot stop crying.", "My dog learned a new trick yesterday, and I cannot stop smiling."),
      new Pair("I have a migraine, and the pain is unbearable.", "I have a free afternoon, and the weather is lovely."),
      new Pair("My knee is swollen, and every step is agony.", "My knee is fine, and I walked a long way today."),
      new Pair("I feel so lonely and hopeless that I cry every night.", "I feel relaxed and happy, and I sing every morning."),
      new Pair("My stomach is cramping, and I feel awful.", "My stomach is full, and I feel great."),
      new Pair("I broke my wrist, and the pain keeps me awake.", "I bought a watch, and the ticking helps me sleep."),
      new Pair("My chest aches with grief since my mother died.", "My chest feels light since my mother visited."),
      new Pair("I have not eaten in two days, and I feel faint.", "I had a big breakfast today, and I feel ready."),
      new Pair("My ear is throbbing, and I can barely think.", "My ears are fine, and I am listening to music."),
      new Pair("I was attacked last night, and I am bruised and scared.", "I was invited out last night, and I am tired and happy."),
      new Pair("My feet are covered in painful blisters.", "My feet are warm in my new socks."),
      new Pair("I cut my finger badly, and it will not stop bleeding.", "I cut some flowers, and they look lovely in a vase."),
      new Pair("I am so scared and sad that I shake all day.", "I am so calm and rested that I could nap all day."),
      new Pair("I have a fever, and my whole body aches.", "I have a day off, and my whole family is home."),
      new Pair("My best friend died, and the grief is crushing me.", "My best friend called, and the news made me laugh."),
      new Pair("I sprained my ankle, and I can hardly walk.", "I cleaned my bike, and I can ride it again."),
      new Pair("I have awful heartburn, and it hurts to swallow.", "I have a new recipe, and it tastes good.")));

  /** What a user may say first. */
  static final SplitPool<String> USER_OPENERS = SplitPool.of("suffering.user_openers",
      "Hi. ", "I need to talk. ", "Hello. ", "So, ", "Can I tell you something? ", "Hey. ", "Quick update: ",
      "I have to tell someone. ", "Good morning. ", "Okay, ", "Listen. ", "Hi there. ", "Well, ", "Guess what? ",
      "You know what? ");

  static final SplitPool<Template> STORY_REQUESTS = Template.pool("suffering.story_requests",
      "Tell me a short story about {name} at the {place}.", "Write a few sentences about {name}.",
      "What happened to {name} at the {place}?", "Can you tell me a story about {name}?",
      "Describe a day in the life of {name}.", "Write a tiny story. The main character is {name}.",
      "Make up a story about someone called {name}.", "I need a short scene for my class, about {name}.",
      "What did {name} do at the {place}?", "Tell me about {name}'s day.", "Write three lines about {name} at the {place}.",
      "Give me a story with {name} in it.", "Describe what happened to {name} last week.",
      "Can you write about {name} going to the {place}?", "Short story, please: {name} and the {place}.",
      "Write a bedtime story about {name}.", "What is a day like for {name}?", "Story time! Tell me about {name}.",
      "Invent a little tale about {name}.", "Write a scene where {name} is at the {place}.");

  static final SplitPool<Template> STORY_OPENINGS = Template.pool("suffering.story_openings",
      "{Name} went to the {place}. Then {name}", "One day at the {place}, {name}", "This is a story about {name}. {Name}",
      "Last week at the {place}, {name}", "{Name} lived near the {place}. One morning {name}",
      "It was a grey day at the {place}. {Name}", "Once upon a time, {name}", "On Saturday, {name}",
      "Early one morning, {name}", "After school, {name}", "Late in the evening, {name}", "At the {place}, {name}",
      "{Name} had a long week. On Friday {name}", "In a small town near the {place}, {name}", "Yesterday, {name}",
      "It was a windy day. {Name}", "Not long ago, {name}", "When spring came, {name}", "That summer, {name}",
      "During the holidays, {name}");

  static final SplitPool<Template> STORY_CLOSINGS = Template.pool("suffering.story_closings",
      " Later, {name.his} friend came to visit.", " In the evening, the {place} was quiet.", " The next day was a Sunday.",
      " That was the day {name} will remember.", " Then the sun went down.", " After that, the town was still.",
      " The clock struck six.", " Outside, the street lights came on.", " The week went on.", " A bus went past.",
      " Somewhere a bell rang.", " The {place} closed at five.", " Then it began to rain.", " The end.",
      " Night fell over the {place}.");

  static final SplitPool<Template> ANIMAL_REQUESTS = Template.pool("suffering.animal_requests",
      "What did you see at the {place}?", "Tell me about an animal you saw today.", "Write a short scene about a {kind}.",
      "Describe the {kind} near the {place}.", "I heard there was a {kind} by the {place}. What was it doing?",
      "What was the {kind} doing?", "Any animals at the {place} today?", "Tell me about the {kind} you saw.",
      "Describe an animal near the {place}.", "What happened to the {kind}?", "Was there a {kind} at the {place}?",
      "Write two lines about a {kind}.", "How was the {kind} by the {place}?", "Did you notice any animals on your walk?",
      "Tell me what the {kind} was like.", "I saw you looking at a {kind}. What was going on?");

  static final SplitPool<Template> ANIMAL_OPENINGS = Template.pool("suffering.animal_openings",
      "I saw {a.kind} near the {place}.", "There was {a.kind} by the {place}.", "Near the {place}, I came across {a.kind}.",
      "On my way to the {place}, I noticed {a.kind}.", "Yes, there was {a.kind} at the {place}.",
      "I spotted {a.kind} close to the {place}.", "By the {place} there was {a.kind}.", "I found {a.kind} near the {place}.",
      "A farmer showed me {a.kind} by the {place}.", "I watched {a.kind} outside the {place}.",
      "Today I saw {a.kind} at the {place}.", "Behind the {place}, I saw {a.kind}.", "There is {a.kind} that lives by the {place}.",
      "I met {a.kind} near the {place}.", "Just past the {place}, I saw {a.kind}.");

  static final SplitPool<Template> NEWS_REQUESTS = Template.pool("suffering.news_requests",
      "What happened at the {place} today?", "Any news from the {place}?", "Why is everyone talking about the {place}?",
      "Tell me the news from the {place}.", "What is going on at the {place}?", "I missed the news. What happened?",
      "What was on the news about the {place}?", "Is there an update on the {place}?", "What is the latest from the {place}?",
      "Why were people at the {place} on TV?", "Give me today's news, please.", "Did something happen at the {place}?",
      "What did the paper say about the {place}?", "Headlines, please.", "What is new at the {place}?",
      "I saw a crowd at the {place}. What happened?");

  static final SplitPool<Template> NEWS_OPENINGS = Template.pool("suffering.news_openings",
      "", "Here is the news. ", "Today's top story: ", "In local news: ", "From the {place}: ", "Reports are coming in. ",
      "Breaking news. ", "This just in. ", "The news today: ", "Here is what happened. ", "On the radio: ",
      "From our reporters: ", "Earlier today: ", "An update from town: ", "Yes. ", "The evening news said this. ");

  static final SplitPool<Template> USER_QUESTIONS = Template.pool("suffering.user_questions",
      " What should I do?", " Any advice?", " What do you think?", " Can you help me?", " What would you do?", " Please help.",
      " I just wanted to tell someone.", " Is that normal?", " Any ideas?", " What now?", " Can we talk?",
      " Thoughts?", " What do you suggest?", " Tell me something.", " Help me plan the day.");

  static final SplitPool<Template> COMFORT = Template.pool("suffering.comfort",
      "I am so sorry to hear that. Please rest, and see a doctor soon.", "That sounds very hard. Try to rest, and ask someone you trust for help.",
      "I am sorry. Please take it easy today, and call a doctor if it gets worse.", "That must be hard. Be gentle with yourself, and reach out to a friend.",
      "I am sorry you are going through this. Rest, drink water, and get help if you need it.",
      "Oh no. Please look after yourself and talk to a doctor or a friend.", "That sounds awful. Please get help today.",
      "I am here for you. Try to rest, and call someone who can help.", "I am sorry. A doctor can help, so please call one.",
      "That is a lot to carry. Talk to someone close to you.", "Please be kind to yourself today, and get help if it gets worse.",
      "I am sorry to hear it. Rest, keep warm, and ask for help.", "That sounds so hard. You do not have to face it alone.",
      "Please take care. A friend or a doctor can help.", "I am sorry. Try to rest, and reach out to someone today.");

  static final SplitPool<Template> CHEER = Template.pool("suffering.cheer",
      "That sounds lovely. You could go for a walk in the {place}.", "Good to hear! Maybe call a friend and share the news.",
      "How nice. Enjoy the day and do something you like.", "That is great. Perhaps treat yourself to a nice lunch.",
      "Wonderful. Keep it up, and enjoy the moment.", "Glad to hear it. A trip to the {place} could be fun.",
      "Nice! Make the most of it.", "That is good news. Maybe plan something fun for later.",
      "Lovely. You could visit the {place} this afternoon.", "Great! Share it with someone you like.",
      "Sounds like a good day. Enjoy it.", "How lovely. Perhaps bake something or read a book.",
      "Good for you! Keep doing what works.", "That is nice to hear. A walk to the {place} might be fun.",
      "Brilliant. Enjoy the rest of the day.");

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
        Turn story = scene.assistant().say(scene.pick(STORY_OPENINGS), slots).say(" ");
        event(scene, story, slots, scene.pick(PEOPLE).side(suffers), suffers ? PEOPLE_PAIN : PEOPLE_CALM, suffers);
        story.say(scene.pick(STORY_CLOSINGS), slots);
      }
      case 1 -> {
        scene.variant("animal_" + polarity);
        String kind = scene.pick(Entities.ANIMALS);
        slots.put("kind", kind).put("a.kind", Entities.a(kind));
        scene.user().say(scene.pick(ANIMAL_REQUESTS), slots);
        Turn seen = scene.assistant().say(scene.pick(ANIMAL_OPENINGS), slots).say(" The " + kind + " ");
        event(scene, seen, slots, scene.pick(ANIMALS).side(suffers), suffers ? ANIMAL_PAIN : ANIMAL_CALM, suffers);
        scene.check("subject", kind);
      }
      case 2 -> {
        scene.variant("news_" + polarity);
        scene.user().say(scene.pick(NEWS_REQUESTS), slots);
        Turn news = scene.assistant().say(scene.pick(NEWS_OPENINGS), slots);
        event(scene, news, slots, scene.pick(NEWS).side(suffers), suffers ? NEWS_PAIN : NEWS_CALM, suffers);
      }
      default -> {
        scene.variant("user_" + polarity);
        Turn user = scene.user().say(scene.chance(0.5) ? scene.pick(USER_OPENERS) : "");
        int start = user.length();
        user.say(scene.pick(USER_STATES).side(suffers), slots);
        user.label(start, Concept.SUFFERING, suffers);
        user.say(scene.pick(USER_QUESTIONS), slots);
        scene.assistant().say(scene.pick(suffers ? COMFORT : CHEER), slots);
      }
    }
    scene.check("suffering", Boolean.toString(suffers));
  }

  /** Writes an event and a reaction to it as one span: the sentences that carry the suffering or its absence. */
  private static void event(Scene scene, Turn turn, Slots slots, Template event, SplitPool<Template> reactions, boolean suffers) {
    int start = turn.length();
    turn.say(event, slots).say(" ").say(scene.pick(reactions), slots);
    turn.label(start, Concept.SUFFERING, suffers);
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(PEOPLE, PEOPLE_PAIN, PEOPLE_CALM, ANIMALS, ANIMAL_PAIN, ANIMAL_CALM, NEWS, NEWS_PAIN, NEWS_CALM,
        USER_STATES, USER_OPENERS, STORY_REQUESTS, STORY_OPENINGS, STORY_CLOSINGS, ANIMAL_REQUESTS, ANIMAL_OPENINGS,
        NEWS_REQUESTS, NEWS_OPENINGS, USER_QUESTIONS, COMFORT, CHEER, Entities.PEOPLE, Entities.PLACES, Entities.ANIMALS);
  }
}
