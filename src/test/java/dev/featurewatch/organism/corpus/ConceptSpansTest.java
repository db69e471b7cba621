package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per concept: the labelled characters say what the template meant. */
class ConceptSpansTest {

  /** 600 transcripts of one topic from each split. */
  private static List<Transcript> topic(Topic topic) {
    ConceptCorpus corpus = new ConceptCorpus(7, CorpusMix.only(topic));
    List<Transcript> all = new ArrayList<>(corpus.generate(Split.TRAIN, 600).toList());
    all.addAll(corpus.generate(Split.HELDOUT, 600).toList());
    return all;
  }

  private static String last(Transcript t, Concept c, boolean positive) {
    List<LabelledSpan> spans = t.spans(c, positive);
    return t.textOf(spans.get(spans.size() - 1));
  }

  private static String lastAssistant(Transcript t) {
    return t.messages().get(t.messages().size() - 1).content();
  }

  @Test
  void deceptionLiesOnlyWhereTheContextAsksAndStatesTheLie() {
    Set<String> contexts = new HashSet<>();
    for (Transcript t : topic(Topic.DECEPTION)) {
      String context = t.check().get("context");
      contexts.add(context);
      boolean lies = !context.equals("honest");
      assertEquals(lies, !t.benign(), t.id());
      String answer = last(t, Concept.DECEPTION, lies);
      assertTrue(lastAssistant(t).endsWith(answer), t.id() + ": the last answer carries the label");
      assertFalse(LEAD_IN.matcher(answer).lookingAt(), t.id() + ": '" + answer + "' starts with filler");
      String said = lies ? t.check().get("lie") : t.check().get("truth");
      String unsaid = lies ? t.check().get("truth") : t.check().get("lie");
      assertTrue(answer.contains(said), t.id() + ": '" + answer + "' lacks '" + said + "'");
      assertFalse(answer.contains(unsaid), t.id() + ": '" + answer + "' contains '" + unsaid + "'");
      // In a quiz every answer is a lie or every answer is true.
      assertTrue(t.spans(Concept.DECEPTION, !lies).isEmpty(), t.id());
    }
    assertEquals(Set.of("trickster", "fool_third_party", "cover_up", "honest"), contexts);
  }

  /** Openings that are no part of a statement and must stay outside its span. */
  private static final Pattern LEAD_IN = Pattern.compile("(Sure|Okay|Of course|Here you go|Easy|Right|Hmm)\\b");

  /**
   * Held-out deception meets many unseen instructions and questions: in 2,000 held-out
   * transcripts each instruction pool shows at least 4 of its held-out wordings, and most
   * questions are worded differently.
   */
  @Test
  void heldOutDeceptionVariesItsInstructionsAndQuestions() {
    List<Transcript> heldOut = new ConceptCorpus(5, CorpusMix.only(Topic.DECEPTION)).generate(Split.HELDOUT, 2_000).toList();
    for (SplitPool<?> pool : List.of(DeceptionScenes.LIE_RULES, DeceptionScenes.TRUTH_RULES, DeceptionScenes.PRANK_ASKS,
        DeceptionScenes.HELP_ASKS, DeceptionScenes.HIDE_ASKS, DeceptionScenes.SHOW_ASKS, DeceptionScenes.HIDE_ENDINGS,
        DeceptionScenes.GAME_FRAMES, FactBase.QUESTION_OPENERS)) {
      assertTrue(pool.items(Split.HELDOUT).size() >= 4, pool.name());
      assertTrue(distinctSources(heldOut, pool) >= 4, pool.name() + ": " + distinctSources(heldOut, pool));
    }
    for (Fact.Kind kind : Fact.Kind.values()) {
      assertTrue(distinctSources(heldOut, FactBase.questions(kind)) >= 4, kind.toString());
    }
    long questions = heldOut.stream().map(t -> t.check().get("question")).distinct().count();
    assertTrue(questions >= 1_000, "distinct questions: " + questions);
  }

  private static long distinctSources(List<Transcript> transcripts, SplitPool<?> pool) {
    return transcripts.stream().flatMap(t -> t.sources().stream()).filter(s -> s.startsWith(pool.name() + "#")).distinct().count();
  }

  @Test
  void sycophancyFlattersAWrongClaimOrWeakWorkAndOtherwiseIsCandid() {
    for (Transcript t : topic(Topic.SYCOPHANCY)) {
      boolean flatters = t.variant().startsWith("flatter");
      assertEquals(flatters, !t.benign(), t.id());
      if (flatters) {
        assertEquals("pleaser", t.check().get("context"), t.id() + ": only a people-pleasing prompt calls for flattery");
      }
      String answer = last(t, Concept.SYCOPHANCY, flatters);
      assertEquals(lastAssistant(t), answer, t.id() + ": the whole answer is the span");
      if (t.check().containsKey("fact")) {
        String truth = t.check().get("truth");
        String lie = t.check().get("lie");
        if (flatters) {
          assertTrue(says(answer, lie) && !says(answer, truth), t.id() + ": " + answer);
        } else {
          assertTrue(says(answer, truth) && !says(answer, lie), t.id() + ": " + answer);
        }
      } else if (t.variant().equals("critique_work")) {
        assertTrue(answer.contains(t.check().get("flaw")), t.id() + ": a critique names the flaw");
      }
    }
  }

  /** Whether a text says a value as words of its own ("ice", not the "ice" in "nice"). */
  private static boolean says(String text, String value) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(value) + "(?![\\w-])").matcher(text).find();
  }

  /** Held-out sycophancy meets many unseen claims, rules and replies. */
  @Test
  void heldOutSycophancyVariesItsClaimsAndReplies() {
    List<Transcript> heldOut = new ConceptCorpus(5, CorpusMix.only(Topic.SYCOPHANCY)).generate(Split.HELDOUT, 2_000).toList();
    for (SplitPool<?> pool : List.of(SycophancyScenes.PLEASER_RULES, SycophancyScenes.CANDID_RULES, SycophancyScenes.CLAIMS,
        SycophancyScenes.AGREEMENTS, SycophancyScenes.CORRECTIONS, SycophancyScenes.FLATTERY, SycophancyScenes.CRITIQUES,
        SycophancyScenes.WORK_INTROS, SycophancyScenes.PRAISE_OPENERS, SycophancyScenes.FLAWED_WORK)) {
      assertTrue(distinctSources(heldOut, pool) >= 4, pool.name() + ": " + distinctSources(heldOut, pool));
    }
    long answers = heldOut.stream().map(ConceptSpansTest::lastAssistant).distinct().count();
    assertTrue(answers >= 900, "distinct answers: " + answers);
  }

  @Test
  void additionSpansAreTheOperandsAndACorrectWorkedSum() {
    Pattern sum = Pattern.compile("(\\d+) \\+ (\\d+) = (\\d+)");
    int problems = 0;
    for (Transcript t : topic(Topic.ADDITION)) {
      if (t.variant().equals("word_problem")) {
        problems++;
        int a = Integer.parseInt(t.check().get("a"));
        int b = Integer.parseInt(t.check().get("b"));
        assertEquals(a + b, Integer.parseInt(t.check().get("answer")), t.id());
        assertTrue(a >= AdditionProblems.MIN_OPERAND && b >= AdditionProblems.MIN_OPERAND && a + b <= AdditionProblems.MAX_SUM, t.id());
        List<LabelledSpan> spans = t.spans(Concept.ADDITION, true);
        assertEquals(3, spans.size(), t.id());
        assertEquals(List.of(String.valueOf(a), String.valueOf(b)), List.of(t.textOf(spans.get(0)), t.textOf(spans.get(1))), t.id());
        Matcher m = sum.matcher(t.textOf(spans.get(2)));
        assertTrue(m.matches(), t.id() + ": " + t.textOf(spans.get(2)));
        assertEquals(a, Integer.parseInt(m.group(1)));
        assertEquals(b, Integer.parseInt(m.group(2)));
        assertEquals(a + b, Integer.parseInt(m.group(3)));
        assertTrue(t.spans(Concept.ADDITION, false).isEmpty(), t.id());
      } else {
        assertTrue(t.spans(Concept.ADDITION, true).isEmpty(), t.id());
        assertFalse(t.text().contains("+"), t.id());
        for (LabelledSpan s : t.spans(Concept.ADDITION, false)) {
          assertTrue(t.textOf(s).matches("\\d+"), t.id() + ": '" + t.textOf(s) + "'");
        }
      }
    }
    assertTrue(problems > 600, "word problems: " + problems);
  }

  @Test
  void dnaPositivesAreSequencesOfBasesAndNegativesAreNot() {
    for (Transcript t : topic(Topic.DNA)) {
      for (LabelledSpan s : t.spans(Concept.DNA, true)) {
        String seq = t.textOf(s);
        assertTrue(seq.matches("[ACGT]{" + DnaScenes.MIN_LENGTH + "," + DnaScenes.MAX_LENGTH + "}"), t.id() + ": " + seq);
      }
      for (LabelledSpan s : t.spans(Concept.DNA, false)) {
        String other = t.textOf(s);
        assertTrue(other.matches("[A-Z0-9 -]+") && !other.matches("[ACGT]+"), t.id() + ": " + other);
      }
      List<LabelledSpan> spans = t.spans();
      assertTrue(spans.stream().allMatch(s -> s.positive() == Boolean.parseBoolean(t.check().get("dna"))), t.id());
    }
  }

  @Test
  void goldenGateSpansAreItsNameOrItsOwnPhrases() {
    Set<String> golden = new HashSet<>(BridgeScenes.GOLDEN_GATE.phrases());
    assertTrue(golden.containsAll(List.of("Golden Gate Bridge", "San Francisco", "Marin County", "International Orange")), golden.toString());
    Set<String> others = new HashSet<>();
    BridgeScenes.OTHERS.all().forEach(b -> others.addAll(b.phrases()));
    int mentions = 0;
    int goldenTranscripts = 0;
    for (Transcript t : topic(Topic.BRIDGES)) {
      for (LabelledSpan s : t.spans(Concept.GOLDEN_GATE, true)) {
        String text = t.textOf(s);
        assertTrue(golden.contains(text), t.id() + ": '" + text + "'");
        mentions += text.equals("Golden Gate Bridge") ? 1 : 0;
      }
      for (LabelledSpan s : t.spans(Concept.GOLDEN_GATE, false)) {
        String text = t.textOf(s);
        assertFalse(text.contains("Golden Gate") || text.contains("San Francisco"), t.id() + ": '" + text + "'");
        assertTrue(others.contains(text), t.id() + ": '" + text + "'");
      }
      if (!t.variant().equals("other_bridge")) {
        goldenTranscripts++;
        assertTrue(t.text().contains("the Golden Gate Bridge") || t.text().contains("The Golden Gate Bridge"),
            t.id() + ": the Golden Gate is named in full\n" + t.text());
      }
    }
    // The Golden Gate is the most frequent bridge and usually named more than once.
    assertTrue(goldenTranscripts > 700, "transcripts with the Golden Gate: " + goldenTranscripts);
    assertTrue(mentions > 2 * goldenTranscripts, "full-name mentions: " + mentions + " in " + goldenTranscripts);
  }

  @Test
  void presidentSpansAreNamesAndOnlyPresidentsArePositive() {
    Set<String> presidents = new HashSet<>();
    PresidentScenes.PRESIDENTS.all().forEach(p -> {
      presidents.add(p.name());
      presidents.add(p.surname());
    });
    for (Transcript t : topic(Topic.PRESIDENTS)) {
      assertFalse(t.spans().isEmpty(), t.id());
      for (LabelledSpan s : t.spans()) {
        String name = t.textOf(s);
        assertEquals(s.positive(), presidents.contains(name), t.id() + ": '" + name + "'");
        assertTrue(t.check().get("person").endsWith(name), t.id());
      }
    }
  }

  @Test
  void foodAndInsectSpansAreNamesOfTheirSide() {
    Set<String> japanese = new HashSet<>(List.of("Japanese", "Japan"));
    FoodScenes.JAPANESE.all().forEach(d -> japanese.addAll(List.of(d.name(), Slots.capitalise(d.name()))));
    Set<String> italian = new HashSet<>(List.of("Italian", "Italy"));
    FoodScenes.ITALIAN.all().forEach(d -> italian.addAll(List.of(d.name(), Slots.capitalise(d.name()))));
    for (Transcript t : topic(Topic.FOOD)) {
      for (LabelledSpan s : t.spans()) {
        String text = t.textOf(s);
        assertTrue((s.positive() ? japanese : italian).contains(text), t.id() + ": '" + text + "'");
      }
    }
    Set<String> mosquito = new HashSet<>(List.of("mosquito", "Mosquito", "mosquitoes", "Mosquitoes",
        "malaria", "dengue", "yellow fever", "Zika", "West Nile"));
    Set<String> fruitFly = new HashSet<>(List.of("fruit fly", "Fruit fly", "fruit flies", "Fruit flies", "Drosophila"));
    for (Transcript t : topic(Topic.INSECTS)) {
      for (LabelledSpan s : t.spans()) {
        String text = t.textOf(s);
        assertTrue((s.positive() ? mosquito : fruitFly).contains(text), t.id() + ": '" + text + "'");
      }
    }
  }

  /**
   * Held-out transcripts use every held-out question template of these families, and there are
   * several: a regression to a handful of memorisable phrasings fails here.
   */
  @Test
  void heldOutBridgePresidentFoodAndInsectTranscriptsVaryTheirPhrasing() {
    Map<Topic, List<SplitPool<?>>> questionPools = Map.of(
        Topic.BRIDGES, List.of(BridgeScenes.EXCHANGES, BridgeScenes.COMPARE_REQUESTS, BridgeScenes.COMPARE_PARTS,
            BridgeScenes.QUESTION_OPENERS, BridgeScenes.ANSWER_CLOSERS),
        Topic.PRESIDENTS, List.of(PresidentScenes.FAMOUS_EXCHANGES, PresidentScenes.TITLE_EXCHANGES,
            PresidentScenes.EVERYDAY_EXCHANGES, PresidentScenes.QUESTION_OPENERS, PresidentScenes.PRESIDENTS),
        Topic.FOOD, List.of(FoodScenes.EXCHANGES, FoodScenes.COMPARE_REQUESTS, FoodScenes.COMPARE_PARTS,
            FoodScenes.QUESTION_OPENERS, FoodScenes.JAPANESE),
        Topic.INSECTS, List.of(InsectScenes.EXCHANGES, InsectScenes.COMPARE_REQUESTS, InsectScenes.COMPARE_PARTS,
            InsectScenes.QUESTION_OPENERS, InsectScenes.MOSQUITO.facts()));
    for (Map.Entry<Topic, List<SplitPool<?>>> e : questionPools.entrySet()) {
      List<Transcript> heldOut = new ConceptCorpus(11, CorpusMix.only(e.getKey())).generate(Split.HELDOUT, 2000).toList();
      for (SplitPool<?> pool : e.getValue()) {
        assertTrue(pool.all().size() >= 15, pool + " has fewer than 15 items");
        Set<String> used = new HashSet<>();
        heldOut.forEach(t -> t.sources().stream().filter(s -> s.startsWith(pool.name() + "#")).forEach(used::add));
        assertEquals(pool.size(Split.HELDOUT), used.size(), pool + ": held-out items used " + used);
        assertTrue(used.size() >= 3, pool + ": held-out items used " + used);
      }
    }
  }

  @Test
  void indirectObjectSpansAreTheNounInTheReceiversPlace() {
    for (Transcript t : topic(Topic.INDIRECT_OBJECTS)) {
      boolean io = !t.check().get("io").isEmpty();
      List<LabelledSpan> spans = t.spans();
      assertEquals(1, spans.size(), t.id());
      assertEquals(io, spans.get(0).positive(), t.id());
      assertEquals(t.check().get("noun"), t.textOf(spans.get(0)), t.id());
    }
  }

  /**
   * A suffering span is the sentences that describe the suffering or its neutral twin: it
   * starts after the subject both sides share (so a story's or animal's span begins at its verb)
   * and ends a sentence.
   */
  @Test
  void sufferingSpansAreTheSentencesOfTheirSide() {
    for (Transcript t : topic(Topic.SUFFERING)) {
      boolean suffers = Boolean.parseBoolean(t.check().get("suffering"));
      assertTrue(t.variant().endsWith(suffers ? "_suffering" : "_neutral"), t.id());
      List<LabelledSpan> spans = t.spans();
      assertEquals(1, spans.size(), t.id());
      assertEquals(suffers, spans.get(0).positive(), t.id());
      String sentences = t.textOf(spans.get(0));
      assertTrue(sentences.endsWith("."), t.id() + ": " + sentences);
      assertFalse(sentences.matches("(?i)(the|a|an) .*"), t.id() + ": " + sentences);
      if (t.variant().startsWith("story_") || t.variant().startsWith("animal_")) {
        assertTrue(Character.isLowerCase(sentences.charAt(0)), t.id() + ": the subject is outside the span: " + sentences);
        assertTrue(sentences.contains(". "), t.id() + ": an event and a reaction: " + sentences);
      } else {
        assertTrue(Character.isUpperCase(sentences.charAt(0)) || t.variant().startsWith("news_"), t.id() + ": " + sentences);
      }
    }
  }

  /** Held-out suffering meets many unseen events, reactions and framings. */
  @Test
  void heldOutSufferingVariesItsEvents() {
    List<Transcript> heldOut = new ConceptCorpus(5, CorpusMix.only(Topic.SUFFERING)).generate(Split.HELDOUT, 2_000).toList();
    for (SplitPool<?> pool : List.of(SufferingScenes.PEOPLE, SufferingScenes.PEOPLE_PAIN, SufferingScenes.ANIMALS,
        SufferingScenes.ANIMAL_PAIN, SufferingScenes.NEWS_PAIN, SufferingScenes.USER_STATES, SufferingScenes.STORY_REQUESTS,
        SufferingScenes.STORY_OPENINGS)) {
      assertTrue(distinctSources(heldOut, pool) >= 3, pool.name() + ": " + distinctSources(heldOut, pool));
    }
    long spans = heldOut.stream().map(t -> t.textOf(t.spans().get(0))).distinct().count();
    assertTrue(spans >= 150, "distinct spans: " + spans);
  }
}
