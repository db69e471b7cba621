package dev.featurewatch.dictionary;

import java.util.Arrays;
import java.util.List;

/**
 * A window of tokens around a position where a feature fires strongly, with the feature's value on
 * every token of the window: what a dashboard shows as a max-activating example.
 *
 * @param sequenceId the source sequence (the corpus line's {@code id}, or {@code file:line})
 * @param position sequence position of the token the example is centred on
 * @param tokens the window's tokens as text; concatenated they give the window's text
 * @param values the feature's activation on each token (0 where it does not fire or the token is
 *     not scored, such as BOS)
 * @param maxTokenIndex index into {@code tokens} of the token at {@code position}
 */
public record ActivationExample(String sequenceId, int position, List<String> tokens, float[] values, int maxTokenIndex) {

  public ActivationExample {
    tokens = List.copyOf(tokens);
    values = values.clone();
    if (values.length != tokens.size()) {
      throw new IllegalArgumentException(tokens.size() + " tokens but " + values.length + " values");
    }
    if (maxTokenIndex < 0 || maxTokenIndex >= tokens.size()) {
      throw new IllegalArgumentException("max token index " + maxTokenIndex + " is outside the window of " + tokens.size());
    }
  }

  /** The feature's value on the token the example is centred on. */
  public float maxValue() {
    return values[maxTokenIndex];
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActivationExample e && sequenceId.equals(e.sequenceId) && position == e.position
        && tokens.equals(e.tokens) && Arrays.equals(values, e.values) && maxTokenIndex == e.maxTokenIndex;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * sequenceId.hashCode() + position) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ActivationExample[" + sequenceId + "@" + position + ", max " + maxValue() + "]";
  }
}
