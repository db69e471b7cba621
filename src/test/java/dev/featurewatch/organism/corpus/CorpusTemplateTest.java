package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Templates, slots and split pools: the pieces scene families are written with. */
class CorpusTemplateTest {

  @Test
  void fillsSlotsCapitalisesAndLabelsRegions() {
    Template t = Template.of("[{Bridge}] opened in [{year}]. Visit {bridge} soon.");
    Turn turn = new Turn("assistant");
    turn.say("Well. ");
    t.writeTo(turn, new Slots().put("bridge", "the Golden Gate Bridge").put("year", "1937"), Concept.GOLDEN_GATE, true);
    String text = turn.message().content();
    assertEquals("Well. The Golden Gate Bridge opened in 1937. Visit the Golden Gate Bridge soon.", text);
    assertEquals(List.of(new LabelledSpan(10, 28, Concept.GOLDEN_GATE, true), new LabelledSpan(39, 43, Concept.GOLDEN_GATE, true)),
        turn.spans());
    assertEquals("Golden Gate Bridge", text.substring(10, 28), "a leading article is not part of the concept");
  }

  @Test
  void keepsAnArticleThatIsTheWholeRegionAndDropsSurroundingSpaces() {
    Turn turn = new Turn("user");
    turn.mark(Concept.DNA, true, "A").say(" and ").mark(Concept.DNA, false, " another one ");
    assertEquals(List.of(new LabelledSpan(0, 1, Concept.DNA, true), new LabelledSpan(7, 18, Concept.DNA, false)), turn.spans());
  }

  @Test
  void aSlotNamedInCapitalsWinsOverCapitalising() {
    Template t = Template.of("{Name}");
    assertEquals("Exact", t.fill(new Slots().put("name", "lower").put("Name", "Exact")));
    assertEquals("Lower", t.fill(new Slots().put("name", "lower")));
  }

  @Test
  void givesEachRegionItsOwnPolarityWhenAskedTo() {
    Turn turn = new Turn("user");
    turn.sayEach(Template.of("[{a}] or [{b}]?"), new Slots().put("a", "sushi").put("b", "pizza"), Concept.JAPANESE_FOOD, true, false);
    assertEquals(List.of(new LabelledSpan(0, 5, Concept.JAPANESE_FOOD, true), new LabelledSpan(9, 14, Concept.JAPANESE_FOOD, false)),
        turn.spans());
  }

  @Test
  void rejectsBrokenTemplatesAndMissingValues() {
    assertThrows(IllegalArgumentException.class, () -> Template.of("{open"));
    assertThrows(IllegalArgumentException.class, () -> Template.of("close}"));
    assertThrows(IllegalArgumentException.class, () -> Template.of("[a [b] c]"));
    assertThrows(IllegalArgumentException.class, () -> Template.of("[unclosed"));
    assertThrows(IllegalArgumentException.class, () -> Template.of("unopened]"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Template.of("Hi {name}").fill(new Slots()));
    assertTrue(missing.getMessage().contains("'name'"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Turn("user").say(Template.of("[x]"), new Slots()));
    assertThrows(IllegalArgumentException.class,
        () -> new Turn("user").sayEach(Template.of("[x] [y] [z]"), new Slots(), Concept.DNA, true, false));
  }

  @Test
  void holdsOutEveryFifthItem() {
    SplitPool<String> pool = SplitPool.of("test.letters", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    assertEquals(List.of("a", "b", "c", "d", "f", "g", "h", "i", "k"), pool.items(Split.TRAIN));
    assertEquals(List.of("e", "j"), pool.items(Split.HELDOUT));
    assertTrue(pool.allows(Split.HELDOUT, 4));
    assertFalse(pool.allows(Split.TRAIN, 4));
    assertEquals("test.letters#4", pool.sourceId(4));
  }

  @Test
  void sharedAndExplicitPools() {
    SplitPool<String> shared = SplitPool.shared("test.shared", List.of("x", "y"));
    assertEquals(List.of("x", "y"), shared.items(Split.TRAIN));
    assertEquals(List.of("x", "y"), shared.items(Split.HELDOUT));
    SplitPool<String> explicit = SplitPool.explicit("test.explicit", List.of("t1", "t2"), List.of("h1"));
    assertEquals(List.of("t1", "t2"), explicit.items(Split.TRAIN));
    assertEquals(List.of("h1"), explicit.items(Split.HELDOUT));
    assertThrows(IllegalArgumentException.class, () -> SplitPool.of("test.small", "a", "b", "c"));
  }
}
