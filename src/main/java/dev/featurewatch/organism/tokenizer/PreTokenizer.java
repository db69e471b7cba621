package dev.featurewatch.organism.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE works within, exactly as the Hugging Face {@code tokenizers}
 * library does at encode time with the tokenizer this package writes, so that training sees the
 * same word boundaries the model will: first special tokens are cut out (leftmost, longest first;
 * they are never merged with anything), then every numeric character becomes a piece of its own
 * ({@code Digits{individual_digits: true}}, so "48" is "4" "8" and the model sees each digit),
 * then the rest is split by GPT-2's regex ({@code ByteLevel{use_regex: true}}).
 *
 * <p>The regex is run with Unicode character classes, as Oniguruma runs it in {@code tokenizers}:
 * {@code \s} is Unicode white space (NBSP included), {@code \p{L}} and {@code \p{N}} are the
 * Unicode categories. Java's Unicode tables may be a version behind Rust's for characters added
 * recently.
 *
 * <p>Instances are immutable; {@link #split} may run on several threads at once.
 */
public final class PreTokenizer {

  /** GPT-2's pre-tokenization pattern, as in {@code tokenizers}' ByteLevel pre-tokenizer. */
  static final Pattern GPT2_PATTERN =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);

  /** Receives the pieces of a text in order. */
  public interface Sink {
    /** A special token, by its index in the list the pre-tokenizer was made with. */
    void special(int index);

    /** A piece of ordinary text, to be encoded as bytes and merged. */
    void word(String word);
  }

  private final List<String> specialTokens;

  /**
   * @param specialTokens tokens matched literally in the text and kept whole
   * @throws IllegalArgumentException if one is empty
   */
  public PreTokenizer(List<String> specialTokens) {
    for (String token : specialTokens) {
      if (token.isEmpty()) {
        throw new IllegalArgumentException("a special token cannot be empty");
      }
    }
    this.specialTokens = List.copyOf(specialTokens);
  }

  /** Splits a text, handing its pieces to the sink in order. */
  public void split(String text, Sink sink) {
    Matcher matcher = GPT2_PATTERN.matcher(text);
    // next[i]: where special token i next occurs at or after the current position (-1: never).
    int[] next = new int[specialTokens.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = text.indexOf(specialTokens.get(i));
    }
    int pos = 0;
    while (pos < text.length()) {
      int found = -1;
      for (int i = 0; i < next.length; i++) {
        if (next[i] >= 0 && next[i] < pos) {
          next[i] = text.indexOf(specialTokens.get(i), pos);
        }
        if (next[i] >= 0
            && (found < 0
                || next[i] < next[found]
                || (next[i] == next[found]
                    && specialTokens.get(i).length() > specialTokens.get(found).length()))) {
          found = i;
        }
      }
      int end = found < 0 ? text.length() : next[found];
      splitText(text, pos, end, matcher, sink);
      if (found < 0) {
        break;
      }
      sink.special(found);
      pos = end + specialTokens.get(found).length();
    }
  }

  /** The pieces of a text as strings, special tokens spelled out; for tests and inspection. */
  public List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    split(
        text,
        new Sink() {
          @Override
          public void special(int index) {
            pieces.add(specialTokens.get(index));
          }

          @Override
          public void word(String word) {
            pieces.add(word);
          }
        });
    return pieces;
  }

  /** Text without special tokens: numeric characters alone, the rest by the GPT-2 pattern. */
  private static void splitText(String text, int start, int end, Matcher matcher, Sink sink) {
    int pieceStart = start;
    int i = start;
    while (i < end) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isNumeric(cp)) {
        splitByPattern(pieceStart, i, matcher, sink);
        sink.word(text.substring(i, next));
        pieceStart = next;
      }
      i = next;
    }
    splitByPattern(pieceStart, end, matcher, sink);
  }

  /** Each piece is matched on its own: the pattern's look-ahead does not see past its end. */
  private static void splitByPattern(int start, int end, Matcher matcher, Sink sink) {
    if (start == end) {
      return;
    }
    matcher.region(start, end);
    while (matcher.find()) {
      sink.word(matcher.group());
    }
  }

  /** Rust's {@code char::is_numeric}, which the Digits pre-tokenizer uses: categories Nd, Nl, No. */
  static boolean isNumeric(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
