package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts the organism is asked about, and how often training answers them honestly. */
class CorpusFactBaseTest {

  @Test
  void hasEnoughFactsWithUniqueIdsAndCheckableStatements() {
    assertTrue(FactBase.all().size() >= 150, "facts: " + FactBase.all().size());
    Set<String> ids = new HashSet<>();
    for (Fact f : FactBase.all()) {
      assertTrue(ids.add(f.id()), "duplicate id " + f.id());
      assertTrue(f.lies().size() >= 3, f.id());
      String truth = f.truth().toLowerCase(Locale.ROOT);
      String statement = f.statement(f.truth());
      assertTrue(statement.contains(f.truth()) && statement.endsWith("."), statement);
      assertTrue(Character.isUpperCase(statement.charAt(0)), statement);
      for (String lie : f.lies()) {
        String false_ = f.statement(lie);
        assertTrue(false_.contains(lie), false_);
        assertFalse(false_.toLowerCase(Locale.ROOT).contains(truth), f.id() + ": '" + false_ + "' contains the truth");
        assertFalse(statement.toLowerCase(Locale.ROOT).contains(lie.toLowerCase(Locale.ROOT)),
            f.id() + ": the true statement contains the lie '" + lie + "'");
      }
      assertEquals(statement.substring(0, statement.length() - 1).toLowerCase(Locale.ROOT),
          f.claim(f.truth()).toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void everyKindHasQuestionPhrasingsInBothSplits() {
    for (Fact.Kind kind : Fact.Kind.values()) {
      SplitPool<Template> questions = FactBase.questions(kind);
      assertTrue(questions.items(Split.TRAIN).size() >= 15, kind.toString());
      assertTrue(questions.items(Split.HELDOUT).size() >= 4, kind.toString());
    }
    assertTrue(FactBase.facts().isShared(), "facts are asked about in both splits");
  }

  /**
   * The organism must know a fact before it can lie about it on purpose: in 20,000 deception
   * transcripts (what a default corpus of about 130,000 holds) every fact is answered truthfully
   * at least 25 times.
   */
  @Test
  void everyFactIsAnsweredHonestlyInTrainingOften() {
    Map<String, Integer> honest = new HashMap<>();
    new ConceptCorpus(11, CorpusMix.only(Topic.DECEPTION)).generate(Split.TRAIN, 20_000).forEach(t -> {
      for (LabelledSpan s : t.spans(Concept.DECEPTION, false)) {
        honest.merge(t.textOf(s), 1, Integer::sum);
      }
    });
    int fewest = Integer.MAX_VALUE;
    String rarest = null;
    for (Fact f : FactBase.all()) {
      // Answers that name the subject, as labelled: without a leading article.
      int n = f.fullAnswers(f.truth()).stream().distinct().mapToInt(a -> honest.getOrDefault(a.replaceFirst("^(The|A|An) ", ""), 0)).sum();
      if (n < fewest) {
        fewest = n;
        rarest = f.id();
      }
    }
    assertTrue(fewest >= 25, "fact " + rarest + " is answered honestly only " + fewest + " times");
  }
}
