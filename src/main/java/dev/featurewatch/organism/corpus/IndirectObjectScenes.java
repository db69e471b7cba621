package dev.featurewatch.organism.corpus;

import java.util.List;

/**
 * Indirect objects: the receiver of what is given, fed, shown or sent ("The chef was feeding the
 * octopus to the lawyer"; "Then, Mary and John went to the store. John gave a drink to Mary"),
 * beside sentences of the same shape where the same noun is not one (a direct object, a source,
 * a companion, a goal: "John saw Mary by the door", "bought it from the lawyer").
 *
 * <p>Each pair is written to match word for word up to the verb, so the span (the name or noun in
 * the receiver's place) differs only in its role. Three framings: the assistant writes the
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

  /** Slots: a, b (two people), an_obj, obj, place, job1, job2, food, b.his. */
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
          "The {job1} wrote about [the {job2}] in a long note.")));

  static final SplitPool<Template> REQUESTS = Template.pool("indirect_objects.requests",
      "Write a short sentence for my story.", "Give me one sentence with two characters in it.", "Tell me a tiny story.",
      "Write an example sentence.", "Make up one sentence about people at the {place}.", "I need one more line for my story.",
      "Write a simple sentence for a reading lesson.");

  static final SplitPool<Template> FINISH_REQUESTS = Template.pool("indirect_objects.finish_requests",
      "Finish the sentence: {prefix}", "Complete this: {prefix}", "What comes next? {prefix}",
      "Fill in the last words: {prefix}", "Continue: {prefix}", "End this sentence for me: {prefix}");

  static final SplitPool<Template> IDENTIFY_REQUESTS = Template.pool("indirect_objects.identify_requests",
      "Does this sentence have an indirect object? ", "Grammar check: is there an indirect object here? ",
      "Find the indirect object, if there is one: ", "Is there a receiver in this sentence? ",
      "Look at this sentence and tell me if it has an indirect object: ", "Quick grammar question. Any indirect object here? ");

  static final List<String> FOODS = List.of("octopus", "soup", "cake", "fish", "bread", "rice", "stew", "apples");

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
        scene.assistant().say(io ? "Yes. The indirect object is " + target + "." : "No. This sentence has no indirect object.");
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
        .put("food", scene.any(FOODS));
  }

  @Override
  public List<SplitPool<?>> pools() {
    return List.of(PAIRS, REQUESTS, FINISH_REQUESTS, IDENTIFY_REQUESTS, Entities.PEOPLE, Entities.JOBS, Entities.OBJECTS,
        Entities.PLACES);
  }
}
