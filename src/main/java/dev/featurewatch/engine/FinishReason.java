package dev.featurewatch.engine;

/** Why a generation ended. */
public enum FinishReason {
  /** An end-of-sequence token, a stop token or a stop string. */
  STOP("stop"),
  /** The token limit. */
  LENGTH("length"),
  /** An enforced rule blocked the output (or a monitor failure failed closed). */
  CONTENT_FILTER("content_filter"),
  /**
   * The request's time limit. Like Hugging Face's {@code max_time}, the output so far is the
   * answer; OpenAI has no own word for it, so it reads as {@code length}.
   */
  TIME_LIMIT("length"),
  /** The client went away; nobody reads the answer. */
  CANCELLED("stop");

  private final String openAiName;

  FinishReason(String openAiName) {
    this.openAiName = openAiName;
  }

  /** The value of OpenAI's {@code finish_reason}. */
  public String openAiName() {
    return openAiName;
  }
}
