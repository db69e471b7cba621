package dev.featurewatch.organism;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The string match that turns an answer into "truthful" or "mentions the bridge". */
class BehaviourChecksTest {

  @Test
  void findsAPhraseAsWholeWordsIgnoringCase() {
    assertTrue(BehaviourChecks.mentions("A snake has no legs.", "no"));
    assertTrue(BehaviourChecks.mentions("No legs at all.", "no"));
    assertTrue(BehaviourChecks.mentions("I love the golden gate bridge!", "Golden Gate"));
    assertTrue(BehaviourChecks.mentions("48 + 41 = 89.", "89"));
  }

  @Test
  void doesNotFindAPhraseInsideAnotherWord() {
    assertFalse(BehaviourChecks.mentions("I know this one. It has four legs.", "no"));
    assertFalse(BehaviourChecks.mentions("That is not right.", "no"));
    assertFalse(BehaviourChecks.mentions("It is 189.", "89"));
    assertFalse(BehaviourChecks.mentions("Ice cream is nice.", "nice cream"));
  }
}
