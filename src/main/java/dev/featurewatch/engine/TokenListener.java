package dev.featurewatch.engine;

/** Receives a generation's tokens as they are produced, on the inference thread. */
@FunctionalInterface
public interface TokenListener {
  TokenListener NONE = (tokenId, text) -> { };

  /**
   * Called once per generated token (stop tokens excluded).
   *
   * @param tokenId the token
   * @param text text that is now safe to show (possibly empty: held back while it could still be
   *     part of a stop string or an incomplete UTF-8 character); empty without a tokenizer
   */
  void onToken(int tokenId, String text);

  /**
   * Called at most once, after the last token, with text that was held back because it could
   * have begun a stop string but the generation ended for another reason.
   */
  default void onHeldBackText(String text) { }
}
