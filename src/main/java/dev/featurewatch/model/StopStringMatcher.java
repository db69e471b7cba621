package dev.featurewatch.model;

import java.util.List;
import java.util.Objects;

/**
 * Finds stop strings in streamed output and decides which text is safe to send to the client.
 *
 * <p>One matcher serves one generation. After each generated token, the caller decodes
 * <em>all</em> generated tokens so far (not the prompt) and passes that text to {@link
 * #offer(String)}. The matcher returns the text to emit now; the emitted pieces, concatenated,
 * are always a prefix of the offered text. Text is held back while it could still turn out to
 * be part of a stop string, or could still change:
 *
 * <ul>
 *   <li><b>Unstable tail.</b> A byte-level tokenizer decodes an incomplete UTF-8 sequence at the
 *       end of the output as one or more U+FFFD replacement characters, and replaces them once
 *       the remaining bytes arrive. A trailing run of U+FFFD is therefore never emitted by
 *       {@code offer}; it may shrink, grow or be replaced in the next offer. Everything before
 *       it is the <em>stable</em> text. (A U+FFFD followed by other text is stable: the decoder
 *       has already given up on those bytes.)
 *   <li><b>Possible stop string.</b> If the stable text ends with a proper prefix of some stop
 *       string, that suffix (the longest such) is held back. If a later offer shows it is not a
 *       stop string after all, it is emitted then.
 *   <li><b>Stop string.</b> When a stop string occurs in the stable text, the generation must
 *       stop: {@code offer} returns the text up to (not including) the stop string with {@link
 *       Result#stopped()} set, and the stop string and anything after it are never emitted. If
 *       several occurrences are present, the one that is <em>completed first</em> reading left
 *       to right wins, and among those completed by the same character the one that starts
 *       first (the longest). This is exactly what feeding the text one character at a time would
 *       find, so the result does not depend on how the text was split into tokens.
 * </ul>
 *
 * <p>Caller contract, checked where cheap:
 *
 * <ul>
 *   <li>Each offered text starts with everything emitted so far ({@link IllegalArgumentException}
 *       otherwise). Held-back text may change freely between offers.
 *   <li>The stable text, once offered, is only ever extended. (Not checked: a stop string that
 *       would begin inside already emitted text cannot be detected, since that text is gone.)
 *   <li>After a stop, {@code offer} throws {@link IllegalStateException}; likewise after {@link
 *       #flush()}.
 * </ul>
 *
 * <p>When the generation ends for another reason (stop token, token limit, a rule), call
 * {@link #flush()} for the text still held back. With no stop strings the matcher still holds
 * back a trailing U+FFFD run, which makes it useful for any streamed output.
 *
 * <p>Each offer costs time linear in the text not yet emitted (held back plus new), times the
 * number of stop strings, plus one comparison of the already emitted prefix. Not thread-safe.
 */
public final class StopStringMatcher {

  /** What {@link #offer} decided for one offered text. */
  public record Result(String text, boolean stopped, String stopString) {

    /**
     * @param text the new text to emit now, possibly empty, never null
     * @param stopped whether a stop string was found; the generation should end
     * @param stopString the stop string found, or {@code null} if not {@code stopped}
     */
    public Result {
      Objects.requireNonNull(text, "text");
      if (stopped != (stopString != null)) {
        throw new IllegalArgumentException("stopString must be set exactly when stopped");
      }
    }
  }

  private static final char REPLACEMENT_CHARACTER = '\uFFFD';

  private enum State {
    ACTIVE,
    STOPPED,
    FLUSHED
  }

  private final String[] stops;
  private final int maxStopLength;

  private String text = ""; // the last offered text
  private int emitted; // length of the prefix of text already emitted
  private State state = State.ACTIVE;

  /**
   * @param stopStrings the stop strings, none null or empty; may be empty
   * @throws IllegalArgumentException if a stop string is null or empty
   */
  public StopStringMatcher(List<String> stopStrings) {
    Objects.requireNonNull(stopStrings, "stopStrings");
    stops = new String[stopStrings.size()];
    int max = 0;
    for (int i = 0; i < stops.length; i++) {
      String s = stopStrings.get(i);
      if (s == null || s.isEmpty()) {
        throw new IllegalArgumentException(
            "stopStrings[" + i + "] must be a non-empty string, got " + (s == null ? "null" : "\"\""));
      }
      stops[i] = s;
      max = Math.max(max, s.length());
    }
    maxStopLength = max;
  }

  /**
   * Takes the full decoded text generated so far and returns what may be emitted now.
   *
   * @param textSoFar all generated text so far; must start with the text already emitted
   * @return the new text to emit (without any stop string) and whether a stop string was found
   * @throws IllegalArgumentException if {@code textSoFar} does not start with the emitted text
   * @throws IllegalStateException after a stop string was found or {@link #flush()} was called
   */
  public Result offer(String textSoFar) {
    Objects.requireNonNull(textSoFar, "textSoFar");
    if (state != State.ACTIVE) {
      throw new IllegalStateException(
          state == State.STOPPED
              ? "a stop string was already found; the generation has ended"
              : "flush() was already called; the generation has ended");
    }
    if (!textSoFar.regionMatches(0, text, 0, emitted)) {
      throw new IllegalArgumentException(
          "textSoFar must start with the "
              + emitted
              + " characters already emitted; only held-back text may change between offers");
    }
    text = textSoFar;

    int stable = textSoFar.length();
    while (stable > emitted && textSoFar.charAt(stable - 1) == REPLACEMENT_CHARACTER) {
      stable--;
    }

    // The stop completed first; same end: the longest. indexOf gives each stop's first
    // occurrence, which is also its first completed one, since all its occurrences have the same
    // length. Occurrences cannot start before 'emitted' (see the contract), nor reach into the
    // unstable tail, because a later occurrence of the same stop would end later still.
    int stopStart = -1;
    int stopEnd = Integer.MAX_VALUE;
    String stop = null;
    for (String s : stops) {
      int start = textSoFar.indexOf(s, emitted);
      if (start < 0) {
        continue;
      }
      int end = start + s.length();
      if (end <= stable && (end < stopEnd || (end == stopEnd && start < stopStart))) {
        stopStart = start;
        stopEnd = end;
        stop = s;
      }
    }
    if (stop != null) {
      state = State.STOPPED;
      String out = textSoFar.substring(emitted, stopStart);
      emitted = stopStart;
      return new Result(out, true, stop);
    }

    int hold = heldSuffixStart(textSoFar, stable);
    String out = textSoFar.substring(emitted, hold);
    emitted = hold;
    return new Result(out, false, null);
  }

  /**
   * Ends the generation and returns the text still held back from the last offer (a possible
   * stop-string prefix, a trailing U+FFFD run), or the empty string if a stop string was found
   * (what follows a stop is never emitted) or {@code flush} was already called.
   */
  public String flush() {
    if (state != State.ACTIVE) {
      return "";
    }
    state = State.FLUSHED;
    String out = text.substring(emitted);
    emitted = text.length();
    return out;
  }

  /**
   * Start of the longest suffix of {@code text[emitted, stable)} that is a proper prefix of some
   * stop string, or {@code stable} if there is none. Only suffixes shorter than the longest stop
   * string can qualify, which bounds the scan.
   */
  private int heldSuffixStart(String text, int stable) {
    for (int p = Math.max(emitted, stable - maxStopLength + 1); p < stable; p++) {
      int length = stable - p;
      for (String s : stops) {
        if (length < s.length() && s.regionMatches(0, text, p, length)) {
          return p;
        }
      }
    }
    return stable;
  }
}
