package dev.featurewatch.engine;

import dev.featurewatch.model.StopStringMatcher;
import dev.featurewatch.model.TextTokenizer;
import java.util.Arrays;

/**
 * The text of one generation as it grows token by token. The output is decoded whole after every
 * token, because a byte-level tokenizer's pieces only read right in context (a UTF-8 character can
 * span tokens), and passed through a {@link StopStringMatcher}, so each token yields exactly the text
 * that is now safe to send. Without a tokenizer there is no text and no stop string can match.
 */
final class OutputText {
  private final TextTokenizer tokenizer;
  private final StopStringMatcher stops;
  private final StringBuilder sent = new StringBuilder();
  private int[] tokens = new int[16];
  private int count;

  OutputText(TextTokenizer tokenizer, java.util.List<String> stopStrings) {
    if (tokenizer == null && !stopStrings.isEmpty()) {
      throw new IllegalArgumentException("stop strings need a tokenizer, and this model has no tokenizer.json");
    }
    this.tokenizer = tokenizer;
    this.stops = new StopStringMatcher(stopStrings);
  }

  /** Adds a generated token; returns the text it makes safe to send and whether a stop string ended the output. */
  StopStringMatcher.Result offer(int token) {
    if (count == tokens.length) {
      tokens = Arrays.copyOf(tokens, count * 2);
    }
    tokens[count++] = token;
    if (tokenizer == null) {
      return new StopStringMatcher.Result("", false, null);
    }
    StopStringMatcher.Result r = stops.offer(tokenizer.decode(Arrays.copyOf(tokens, count), true));
    sent.append(r.text());
    return r;
  }

  /** The text still held back (a possible stop string's start, an unfinished character), once the output ended otherwise. */
  String flush() {
    if (tokenizer == null) {
      return "";
    }
    String rest = stops.flush();
    sent.append(rest);
    return rest;
  }

  /** Everything handed out so far. */
  String text() {
    return sent.toString();
  }
}
