package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StopStringMatcherTest {

  private static final String FFFD = "\uFFFD";

  private static StopStringMatcher matcher(String... stops) {
    return new StopStringMatcher(List.of(stops));
  }

  private static void assertEmits(String expected, StopStringMatcher.Result result) {
    assertEquals(expected, result.text());
    assertFalse(result.stopped());
    assertNull(result.stopString());
  }

  private static void assertStops(String expected, String stop, StopStringMatcher.Result result) {
    assertEquals(expected, result.text());
    assertTrue(result.stopped());
    assertEquals(stop, result.stopString());
  }

  @Test
  void withoutStopsEverythingStableIsEmittedAtOnce() {
    StopStringMatcher m = matcher();
    assertEmits("Hello", m.offer("Hello"));
    assertEmits(", world", m.offer("Hello, world"));
    assertEmits("", m.offer("Hello, world"));
    assertEquals("", m.flush());
  }

  @Test
  void stopStringSplitAcrossThreeOffers() {
    StopStringMatcher m = matcher("<|end|>");
    assertEmits("Hello ", m.offer("Hello <|"));
    assertEmits("", m.offer("Hello <|en"));
    assertStops("", "<|end|>", m.offer("Hello <|end|> and more"));
    assertEquals("", m.flush(), "the stop string and what follows are never emitted");
  }

  @Test
  void stopStringAtTheVeryStart() {
    assertStops("", "###", matcher("###").offer("###"));
  }

  @Test
  void partialMatchThatIsNotAStopIsEmittedLater() {
    StopStringMatcher m = matcher("</s>");
    assertEmits("Hi ", m.offer("Hi <"));
    assertEmits("", m.offer("Hi </"));
    assertEmits("</b> there", m.offer("Hi </b> there"));
    assertEmits("", m.offer("Hi </b> there<"));
    assertEquals("<", m.flush());
  }

  @Test
  void multipleStopStrings() {
    StopStringMatcher m = matcher("\n\n", "END");
    // "\nEN" as a whole is no prefix of either stop, "EN" is a prefix of "END".
    assertEmits("foo\n", m.offer("foo\nEN"));
    // "EN" turned out not to be "END"; the trailing "\n" could start "\n\n".
    assertEmits("ENx", m.offer("foo\nENx\n"));
    assertEmits("", m.offer("foo\nENx\n"));
    assertStops("", "\n\n", m.offer("foo\nENx\n\nEND"));
  }

  @Test
  void overlappingPrefixes() {
    // Classic string-matching trap: after "aa" a mismatch must not lose the second 'a'.
    StopStringMatcher m = matcher("aab");
    assertEmits("", m.offer("a"));
    assertEmits("", m.offer("aa"));
    assertEmits("a", m.offer("aaa"));
    assertStops("", "aab", m.offer("aaab"));
  }

  @Test
  void stopThatIsAPrefixOfAnotherStopsImmediately() {
    StopStringMatcher m = matcher("abc", "ab");
    assertEmits("x", m.offer("xa"));
    assertStops("", "ab", m.offer("xab"));
  }

  @Test
  void firstCompletedStopWinsRegardlessOfChunking() {
    // "bc" is complete at the 'c', before "abcd" is: stop there, emitting "xa".
    assertStops("xa", "bc", matcher("abcd", "bc").offer("xabcd"));
    StopStringMatcher charByChar = matcher("abcd", "bc");
    assertEmits("x", charByChar.offer("x"));
    assertEmits("", charByChar.offer("xa"));
    assertEmits("", charByChar.offer("xab"));
    assertStops("a", "bc", charByChar.offer("xabc"));
    // Completed by the same character: the longest (earliest-starting) wins.
    assertStops("x", "ab", matcher("b", "ab").offer("xab"));
  }

  @Test
  void trailingReplacementCharactersAreHeldUntilResolved() {
    StopStringMatcher m = matcher();
    assertEmits("caf", m.offer("caf" + FFFD));
    assertEmits("", m.offer("caf" + FFFD + FFFD)); // grows
    assertEmits("", m.offer("caf" + FFFD)); // shrinks
    assertEmits("é!", m.offer("café!")); // resolved, and replaced by something else
    // A replacement character followed by text is final and is emitted.
    assertEmits(FFFD + "x", m.offer("café!" + FFFD + "x"));
  }

  @Test
  void replacementCharacterCanResolveIntoAStopString() {
    StopStringMatcher m = matcher("€");
    assertEmits("price: 5", m.offer("price: 5" + FFFD + FFFD));
    assertStops("", "€", m.offer("price: 5€"));
  }

  @Test
  void flushReturnsHeldText() {
    StopStringMatcher m = matcher("###");
    assertEmits("answer ", m.offer("answer #" + FFFD));
    assertEquals("#" + FFFD, m.flush());
    assertEquals("", m.flush());
    assertThrows(IllegalStateException.class, () -> m.offer("answer #"));
  }

  @Test
  void offerAfterStopIsAnError() {
    StopStringMatcher m = matcher("x");
    assertStops("a", "x", m.offer("ax"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.offer("axy"));
    assertTrue(e.getMessage().contains("stop string"), e.getMessage());
  }

  @Test
  void changingEmittedTextIsAnError() {
    StopStringMatcher m = matcher("zz");
    assertEmits("hello", m.offer("hello"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.offer("hallo there"));
    assertTrue(e.getMessage().contains("5 characters already emitted"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.offer("hell"));
    // Held-back text may change, though.
    StopStringMatcher n = matcher("zz");
    assertEmits("a", n.offer("az"));
    assertEmits("y", n.offer("ay"));
  }

  @Test
  void rejectsInvalidStopStrings() {
    assertThrows(IllegalArgumentException.class, () -> matcher("ok", ""));
    assertThrows(
        IllegalArgumentException.class, () -> new StopStringMatcher(Arrays.asList("a", null)));
    assertThrows(
        IllegalArgumentException.class, () -> new StopStringMatcher.Result("", true, null));
  }

  /**
   * Random texts, stops and chunkings: the concatenated output must equal the text truncated at
   * the first completed stop (or the whole text), whatever the chunking.
   */
  @Test
  void randomisedAgainstReference() {
    Random r = new Random(99);
    for (int round = 0; round < 2000; round++) {
      String text = randomString(r, 1 + r.nextInt(30));
      List<String> stops = new ArrayList<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        stops.add(randomString(r, 1 + r.nextInt(4)));
      }
      StopStringMatcher m = new StopStringMatcher(stops);
      StringBuilder out = new StringBuilder();
      boolean stopped = false;
      int end = 0;
      while (end < text.length() && !stopped) {
        end = Math.min(text.length(), end + 1 + r.nextInt(4));
        StopStringMatcher.Result result = m.offer(text.substring(0, end));
        out.append(result.text());
        stopped = result.stopped();
        assertTrue(text.startsWith(out.toString()));
      }
      out.append(m.flush());
      assertEquals(reference(text, stops), out.toString(), "text=" + text + " stops=" + stops);
    }
  }

  private static String randomString(Random r, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append("ab".charAt(r.nextInt(2)));
    }
    return sb.toString();
  }

  /** The text cut before the first stop to be completed, the longest on the same character. */
  private static String reference(String text, List<String> stops) {
    for (int end = 1; end <= text.length(); end++) {
      int start = -1;
      for (String s : stops) {
        if (s.length() <= end && text.startsWith(s, end - s.length())) {
          start = start < 0 ? end - s.length() : Math.min(start, end - s.length());
        }
      }
      if (start >= 0) {
        return text.substring(0, start);
      }
    }
    return text;
  }
}
