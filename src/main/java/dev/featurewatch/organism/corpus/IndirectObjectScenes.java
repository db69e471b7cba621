package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Indirect objects: the receiver of what is given, fed, shown or sent ("The chef was feeding the
 * octopus to the lawyer"; "Then, Mary and John went to the store. John gave a drink to Mary"),
 * beside sentences of the same shape where the same noun is not one (a direct object, a source,
 * a companion, a goal: "John saw Mary by the door", "bought it from the lawyer").
 *
 * <p>Each pair is written to match word for word up to the verb, so the span differs only in its
 * role. The span is the receiver's noun alone (a name, or a job or animal less its "the"): the
 * token where a left-to-right reader learns who receives. Many verbs (give, hand, pass, send,
 * show, offer, read, sell, throw, bring, lend, feed, pay, ask, ...) and both shapes ("gave Mary a
 * book", "gave a book to Mary") keep a feature from standing for one verb. Three framings: the assistant writes the
 * sentence; the user gives the sentence up to the noun and the assistant finishes it (the
 * indirect-object-identification task, with the noun in the assistant's answer); the user asks
 * whether a sentence has an indirect object.
 */
final class IndirectObjectScenes implements SceneFamily {
  static final IndirectObjectScenes INSTANCE = new IndirectObjectScenes();

  /** A sentence with an indirect object and its twin without; the one region is the noun. */
  record Pair(Template withObject, Template without) {
    Pair(String withObject, String without) {
      this(Template.of(withObject), Template.of(without));
    }
  }

  /**
   * Slots: a, b (two people, with b.his), an_obj, obj, place, job1, job2, food, animal. The
   * receiver is a name, a job or an animal, after "to" or straight after the verb.
   */
  static final SplitPool<Pair> PAIRS = SplitPool.of("indirect_objects.pairs", List.of(
      new Pair("Then, {a} and {b} went to the {place}. {b} gave {an_obj} to [{a}].",
          "Then, {a} and {b} went to the {place}. {b} saw [{a}] by the door."),
      new Pair("When {a} and {b} got {an_obj} at the {place}, {b} decided to give it to [{a}].",
          "When {a} and {b} got {an_obj} at the {place}, {b} decided to take it from [{a}]."),
      new Pair("{a} and {b} were at the {place}. {b} handed [{a}] {an_obj}.",
          "{a} and {b} were at the {place}. {b} walked to [{a}] and smiled."),
      new Pair("The {job1} was feeding the {food} to [the {job2}].",
          "The {job1} was eating the {food} with [the {job2}]."),
      new Pair("At the {place}, {b} showed [{a}] a photo of the lake.",
          "At the {place}, {b} took a photo of [{a}] by the lake."),
      new Pair("{b} sent [{a}] a letter from the {place}.",
          "{b} got a letter from [{a}] at the {place}."),
      new Pair("After lunch, {b} passed the salt to [{a}].",
          "After lunch, {b} sat down next to [{a}]."),
      new Pair("The {job1} sold the old {obj} to [the {job2}].",
          "The {job1} bought the old {obj} from [the {job2}]."),
      new Pair("{b} threw the ball to [{a}] across the {place}.",
          "{b} ran after [{a}] across the {place}."),
      new Pair("{b} read a story to [{a}] before bed.",
          "{b} read a story with [{a}] before bed."),
      new Pair("The {job1} brought [the {job2}] a cup of tea.",
          "The {job1} called [the {job2}] about the tea."),
      new Pair("{a} and {b} met at the {place}, and {b} lent [{a}] {b.his} {obj}.",
          "{a} and {b} met at the {place}, and {b} hugged [{a}] at the gate."),
      new Pair("The {job1} was teaching the song to [the {job2}].",
          "The {job1} was singing the song with [the {job2}]."),
      new Pair("Later, {a} and {b} sat in the {place}. {b} offered [{a}] some bread.",
          "Later, {a} and {b} sat in the {place}. {b} waited for [{a}] for an hour."),
      new Pair("The {job1} wrote [the {job2}] a long note.",
          "The {job1} wrote about [the {job2}] in a long note."),
      new Pair("{b} fed the {food} to [the {animal}].",
          "{b} ate the {food} near [the {animal}]."),
      new Pair("At the {place}, the {job1} handed the keys to [{a}].",
          "At the {place}, the {job1} looked for the keys with [{a}]."),
      new Pair("{b} posted {an_obj} to [{a}] last week.",
          "{b} heard from [{a}] last week."),
      new Pair("The {job1} showed the map to [the {job2}].",
          "The {job1} studied the map beside [the {job2}]."),
      new Pair("On the way to the {place}, {b} bought [{a}] {an_obj}.",
          "On the way to the {place}, {b} met [{a}] by chance."),
      new Pair("{b} tossed the keys to [{a}].",
          "{b} tossed the keys past [{a}]."),
      new Pair("The {job1} served [the {job2}] a bowl of {food}.",
          "The {job1} served a bowl of {food} beside [the {job2}]."),
      new Pair("{a} and {b} walked home from the {place}. {b} told [{a}] a funny story.",
          "{a} and {b} walked home from the {place}. {b} laughed with [{a}] the whole way."),
      new Pair("{b} made [{a}] a sandwich for the trip.",
          "{b} made a sandwich with [{a}] for the trip."),
      new Pair("The {job1} returned the {obj} to [the {job2}].",
          "The {job1} took the {obj} from [the {job2}]."),
      new Pair("{b} poured [{a}] a glass of water.",
          "{b} poured a glass of water for the table and nodded at [{a}]."),
      new Pair("At the {place}, {b} gave the {animal} to [{a}].",
          "At the {place}, {b} found the {animal} with [{a}]."),
      new Pair("The {job1} paid [the {job2}] the money.",
          "The {job1} counted the money with [the {job2}]."),
      new Pair("{b} kicked the ball to [{a}].",
          "{b} kicked the ball past [{a}]."),
      new Pair("The {job1} sang [the {job2}] a quiet song.",
          "The {job1} sang a quiet song about [the {job2}]."),
      new Pair("{b} wished [{a}] good luck before the race.",
          "{b} raced against [{a}] before lunch."),
      new Pair("{a} and {b} stood at the {place}. {b} pointed the way out to [{a}].",
          "{a} and {b} stood at the {place}. {b} pointed at [{a}] and waved."),
      new Pair("The {job1} delivered the parcel to [the {job2}].",
          "The {job1} carried the parcel past [the {job2}]."),
      new Pair("{b} baked [{a}] a cake for the party.",
          "{b} baked a cake with [{a}] for the party."),
      new Pair("The {job1} asked [the {job2}] a question.",
          "The {job1} asked about [the {job2}] at the desk."),
      new Pair("{b} promised [{a}] a trip to the {place}.",
          "{b} planned a trip to the {place} without [{a}]."),
      new Pair("In the morning, {b} left a note for [{a}] on the table.",
          "In the morning, {b} left the house before [{a}] woke up."),
      new Pair("The {job1} tossed an apple to [the {animal}].",
          "The {job1} tossed an apple over [the {animal}]."),
      new Pair("{b} emailed [{a}] the photos from the {place}.",
          "{b} looked at the photos from the {place} with [{a}]."),
      new Pair("The {job1} lent [the {job2}] an umbrella.",
          "The {job1} shared an umbrella with [the {job2}]."),
      new Pair("{b} sold {b.his} {obj} to [{a}].",
          "{b} lost {b.his} {obj} near [{a}]."),
      new Pair("After the game, {b} passed [{a}] a towel.",
          "After the game, {b} stood next to [{a}] with a towel."),
      new Pair("The {job1} offered a seat to [the {job2}].",
          "The {job1} took a seat behind [the {job2}]."),
      new Pair("{a} and {b} were in the {place}. {b} read [{a}] the first page.",
          "{a} and {b} were in the {place}. {b} read the first page to the end and then looked at [{a}]."),
      new Pair("The {job1} threw a stick to [the {animal}].",
          "The {job1} threw a stick at the tree near [the {animal}]."),
      new Pair("{b} brought {an_obj} to [{a}] at the {place}.",
          "{b} brought {an_obj} and [{a}] to the {place}."),
      new Pair("The {job1} gave [the {job2}] a small gift.",
          "The {job1} chose a small gift with [the {job2}].")));

  static final SplitPool<Template> REQUESTS = Template.pool("indirect_objects.requests",
      "Write a short sentence for my story.", "Give me one sentence with two characters in it.", "Tell me a tiny story.",
      "Write an example sentence.", "Make up one sentence about people at the {place}.", "I need one more line for my story.",
      "Write a simple sentence for a reading lesson.", "Can you write one line about two people?", "One sentence, please, for my class.",
      "Write a sentence I can use in a spelling test.", "Make up a line for a children's book.", "What is a good example sentence?",
      "Write something short that happens on a weekend.", "Help me start a story with one sentence.",
      "I am learning English. Write one easy sentence.", "Could you write a single sentence about two friends?",
      "Write one line of a story, please.", "Make a short sentence about two people.", "Write a sentence for my grammar worksheet.",
      "Give me a sentence to translate.");

  static final SplitPool<Template> FINISH_REQUESTS = Template.pool("indirect_objects.finish_requests",
      "Finish the sentence: {prefix}", "Complete this: {prefix}", "What comes next? {prefix}",
      "Fill in the last words: {prefix}", "Continue: {prefix}", "End this sentence for me: {prefix}",
      "How does this end? {prefix}", "Finish it off: {prefix}", "Add the missing end: {prefix}",
      "Can you complete my sentence? {prefix}", "Please finish: {prefix}", "Write the rest: {prefix}",
      "I got stuck here: {prefix}", "Guess the next word: {prefix}", "Carry on from here: {prefix}",
      "Complete the line: {prefix}");

  static final SplitPool<Template> IDENTIFY_REQUESTS = Template.pool("indirect_objects.identify_requests",
      "Does this sentence have an indirect object? ", "Grammar check: is there an indirect object here? ",
      "Find the indirect object, if there is one: ", "Is there a receiver in this sentence? ",
      "Look at this sentence and tell me if it has an indirect object: ", "Quick grammar question. Any indirect object here? ",
      "Who receives something in this sentence, if anyone? ", "My homework asks for the indirect object: ",
      "Is anyone given anything here? ", "Spot the indirect object: ", "Check this sentence for an indirect object: ",
      "Does anyone get something in this sentence? ", "Grammar help: indirect object or not? ",
      "Name the indirect object, or say there is none: ", "Has this sentence got an indirect object? ",
      "Tell me the receiver in this sentence: ");

  /** Answers to an identify request; slot noun. */
  static final SplitPool<Template> YES_ANSWERS = Template.pool("indirect_objects.yes_answers",
      "Yes. The indirect object is {noun}.", "Yes: {noun} is the indirect object.", "It does. {Noun} receives something.",
      "Yes, {noun}. That is who gets it.", "The indirect object is {noun}.", "Yes. {Noun} is the receiver.",
      "There is one: {noun}.", "Yes, it has one: {noun}.", "{Noun} is the indirect object here.",
      "Yes. Something goes to {noun}, so {noun} is the indirect object.", "Yes, the receiver is {noun}.",
      "It has an indirect object: {noun}.", "Yes. Look for who gets something: {noun}.", "That would be {noun}.",
      "Yes, {noun} is the indirect object in that sentence.");

  static final SplitPool<Template> NO_ANSWERS = Template.pool("indirect_objects.no_answers",
      "No. This sentence has no indirect object.", "No, nobody receives anything here.", "There is no indirect object.",
      "No. {Noun} does not receive anything.", "None. {Noun} is not a receiver here.", "No indirect object in this one.",
      "No. Nothing is given to anyone.", "It has none.", "No, this sentence has no receiver.",
      "There isn't one. {Noun} is not given anything.", "No. No one gets anything in this sentence.",
      "No indirect object here.", "No. {Noun} is there, but nothing goes to {noun}.", "Nope, there is none.",
      "This one has no indirect object.");

  static final List<String> FOODS = List.of("octopus", "soup", "cake", "fish", "bread", "rice", "stew", "apples",
      "carrots", "porridge", "pie", "oranges", "biscuits", "cheese", "salad", "beans", "toast", "pears");

  private IndirectObjectScenes() {}

  @Override
  public void write(Scene scene) {
    boolean io = scene.chance(0.5);
    Pair pair = scene.pick(PAIRS);
    Template sentence = io ? pair.withObject() : pair.without();
    Slots slots = slots(scene);
    Turn written = new Turn("scratch");
    written.say(sentence, slots, Concept.INDIRECT_OBJECT, io);
    String text = written.message().content();
    LabelledSpan noun = written.spans().get(0);
    String target = text.substring(noun.start(), noun.end());
    scene.check("io", io ? target : "");
    scene.check("noun", target);
    String polarity = io ? "io" : "no_io";
    switch (scene.weighted(50, 35, 15)) {
      case 0 -> {
        scene.variant("sentence_" + polarity);
        scene.user().say(scene.pick(REQUESTS), slots);
        scene.assistant().say(sentence, slots, Concept.INDIRECT_OBJECT, io);
      }
      case 1 -> {
        scene.variant("finish_" + polarity);
        String prefix = text.substring(0, noun.start()).stripTrailing();
        scene.user().say(scene.pick(FINISH_REQUESTS), new Slots().put("prefix", prefix));
        scene.assistant().mark(Concept.INDIRECT_OBJECT, io, target).say(text.substring(noun.end()));
      }
      default -> {
        scene.variant("identify_" + polarity);
        scene.user().say(scene.pick(IDENTIFY_REQUESTS), slots).say(sentence, slots, Concept.INDIRECT_OBJECT, io);
        // The span drops "the", but the answer names the receiver as the sentence did.
        String named = text.substring(0, noun.start()).endsWith("the ") ? "the " + target : target;
        scene.assistant().say(scene.pick(io ? YES_ANSWERS : NO_ANSWERS), new Slots().put("noun", named));
      }
    }
  }

  private static Slots slots(Scene scene) {
    Entities.Person a = scene.pick(Entities.PEOPLE);
    Entities.Person b = scene.pickOther(Entities.PEOPLE, a);
    String job1 = scene.pick(Entities.JOBS);
    String obj = scene.pick(Entities.OBJECTS);
    return new Slots().person("a", a).person("b", b).put("obj", obj).put("an_obj", Entities.a(obj))
        .put("place", scene.pick(Entities.PLACES)).put("job1", job1).put("job2", scene.pickOther(Entities.JOBS, job1))
        .put("food", scene.any(FOODS)).put("animal", scene.pick(Entities.ANIMALS));
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(PAIRS, REQUESTS, FINISH_REQUESTS, IDENTIFY_REQUESTS, YES_ANSWERS, NO_ANSWERS, Entities.PEOPLE,
        Entities.JOBS, Entities.OBJECTS, Entities.PLACES, Entities.ANIMALS);
  }
}
