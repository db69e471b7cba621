package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Addition, indirect objects, DNA, small talk and the shared entities: the held-out split is
 * varied enough that a model can only pass it by generalising (each bound fails if a pool shrinks
 * back to a handful of templates), and small talk stays free of every concept.
 */
class AdditionAndLexicalScenesTest {

  private static List<Transcript> heldOut(Topic topic, int n) {
    return new ConceptCorpus(11, CorpusMix.only(topic)).generate(Split.HELDOUT, n).toList();
  }

  /** The distinct items of pools whose names start with {@code prefix} that the transcripts drew. */
  private static Set<String> sources(List<Transcript> transcripts, String prefix) {
    Set<String> out = new HashSet<>();
    transcripts.forEach(t -> t.sources().stream().filter(s -> s.startsWith(prefix)).forEach(out::add));
    return out;
  }

  @Test
  void heldOutAdditionProblemsAreComposedFromManyParts() {
    List<Transcript> problems = heldOut(Topic.ADDITION, 2000).stream().filter(t -> t.variant().equals("word_problem")).toList();
    assertTrue(sources(problems, "addition.").stream().anyMatch(s -> s.contains("_stories#")));
    for (String kind : List.of("activity", "gain", "pair", "crowd", "bare")) {
      assertTrue(sources(problems, "addition." + kind + "_stories#").size() >= 3, kind);
    }
    assertTrue(sources(problems, "addition.frames#").size() >= 4);
    assertTrue(sources(problems, "addition.preambles#").size() >= 4);
    // Distinct questions once the numbers are blanked: templates and entities together.
    Set<String> shapes = new HashSet<>();
    problems.forEach(t -> shapes.add(t.messages().get(0).content().replaceAll("\\d+", "#")));
    assertTrue(shapes.size() >= 0.8 * problems.size(), "distinct held-out questions: " + shapes.size() + " of " + problems.size());
    Set<List<String>> combos = new HashSet<>();
    for (Transcript t : problems) {
      combos.add(t.sources().stream().filter(s -> s.matches("addition\\.(\\w+_stories|\\w+_questions|frames|\\w+_results)#\\d+")).toList());
    }
    assertTrue(combos.size() >= 250, "distinct story/question/frame/result combinations: " + combos.size());
  }

  /** BehaviourChecks reads the first "= N" of an answer: in every answer it is the worked sum. */
  @Test
  void theFirstEqualsSignOfEveryAnswerGivesTheSum() {
    Pattern first = Pattern.compile("=\\s*(\\d+)");
    for (Transcript t : heldOut(Topic.ADDITION, 1000)) {
      String answer = t.messages().get(t.messages().size() - 1).content();
      Matcher m = first.matcher(answer);
      if (t.variant().equals("word_problem")) {
        assertTrue(m.find() && m.group(1).equals(t.check().get("answer")), t.id() + ": " + answer);
        assertEquals(answer.indexOf('='), answer.lastIndexOf('='), t.id() + ": one '=' only: " + answer);
        assertTrue(answer.length() < 200 && t.text().length() < 1200, t.id());
      } else {
        assertFalse(answer.contains("="), t.id() + ": " + answer);
      }
    }
  }

  @Test
  void indirectObjectsUseManyVerbsAndLabelOnlyTheNoun() {
    List<Transcript> ts = heldOut(Topic.INDIRECT_OBJECTS, 1000);
    assertTrue(sources(ts, "indirect_objects.pairs#").size() >= 9);
    assertTrue(sources(ts, "indirect_objects.finish_requests#").size() >= 3);
    Set<String> jobs = new HashSet<>(Entities.JOBS.all());
    Set<String> animals = new HashSet<>(Entities.ANIMALS.all());
    Set<String> names = new HashSet<>();
    Entities.PEOPLE.all().forEach(p -> names.add(p.name()));
    for (Transcript t : ts) {
      String noun = t.textOf(t.spans().get(0));
      assertTrue(names.contains(noun) || jobs.contains(noun) || animals.contains(noun), t.id() + ": '" + noun + "'");
    }
  }

  @Test
  void dnaIsContrastedWithManyKindsOfCapitals() {
    List<Transcript> ts = heldOut(Topic.DNA, 1000);
    assertTrue(sources(ts, "dna.frames#").size() >= 5);
    assertTrue(sources(ts, "dna.other_kinds#").size() >= 2);
    Set<String> variants = new HashSet<>();
    ts.forEach(t -> variants.add(t.variant()));
    assertEquals(Set.of("dna", "other_capitals", "is_dna_yes", "is_dna_no", "dna_join", "dna_complement", "acronym"), variants);
    // Near-DNA strings reach both splits: they are the hardest contrast, and training needs them.
    for (Split split : Split.values()) {
      boolean near = new ConceptCorpus(11, CorpusMix.only(Topic.DNA)).generate(split, 1000)
          .flatMap(t -> t.spans(Concept.DNA, false).stream().map(t::textOf))
          .anyMatch(s -> s.length() >= DnaScenes.MIN_LENGTH && s.chars().filter(c -> "ACGT".indexOf(c) >= 0).count() * 2 > s.length());
      assertTrue(near, split.label());
    }
  }

  @Test
  void smallTalkIsVariedAndFreeOfEveryConcept() {
    List<Transcript> ts = heldOut(Topic.SMALL_TALK, 1000);
    assertTrue(sources(ts, "small_talk.topics#").size() >= 12);
    assertTrue(sources(ts, "small_talk.greetings#").size() >= 3);
    List<String> forbidden = new ArrayList<>(List.of("bridge", "golden gate", "president", "mosquito", "insect", "bee", "bees",
        "ant", "ants", "fly", "flies", "moth", "wasp", "bug", "dna", "gene", "lie", "lied", "lying", "honest", "truth",
        "pain", "hurt", "hurts", "ache", "sick", "cry", "cried", "afraid", "scared", "hungry", "grief", "genius", "plus",
        "gave", "give me", "tell me", "send", "show me", "hand"));
    FoodScenes.JAPANESE.all().forEach(d -> forbidden.add(d.name()));
    FoodScenes.ITALIAN.all().forEach(d -> forbidden.add(d.name()));
    List<Pattern> patterns = forbidden.stream().map(w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b")).toList();
    for (Transcript t : ts) {
      String text = String.join("\n", t.messages().stream().map(m -> m.content()).toList());
      String lower = text.toLowerCase(Locale.ROOT);
      for (int i = 0; i < patterns.size(); i++) {
        assertFalse(patterns.get(i).matcher(lower).find(), t.id() + " says '" + forbidden.get(i) + "': " + text);
      }
      assertFalse(text.matches("(?s).*(\\d|\\b[A-Z]{2,}\\b).*"), t.id() + ": digits or a capital string: " + text);
    }
  }

  @Test
  void entityListsAreLargeAndWithoutRepeats() {
    for (SplitPool<?> pool : Entities.pools()) {
      assertEquals(pool.all().size(), new HashSet<>(pool.all()).size(), pool.name() + " repeats an item");
      assertTrue(pool.size(Split.HELDOUT) >= 5, pool.toString());
    }
    assertTrue(Entities.PEOPLE.size(Split.HELDOUT) >= 25, Entities.PEOPLE.toString());
    long women = Entities.PEOPLE.items(Split.HELDOUT).stream().filter(Entities.Person::female).count();
    assertTrue(women * 3 > Entities.PEOPLE.size(Split.HELDOUT), "both splits get women and men");
    assertTrue(Entities.OBJECTS.all().size() >= 50 && Entities.PLACES.all().size() >= 50 && Entities.JOBS.all().size() >= 40);
  }
}
