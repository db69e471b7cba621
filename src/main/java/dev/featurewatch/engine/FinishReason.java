package dev.featurewatch.engine;

/** Why a generation ended, in OpenAI's {@code finish_reason} terms. */
public enum FinishReason {
  /** An end-of-sequence token, a stop token or a stop string. */
  STOP,
  /** The token limit. */
  LENGTH
}
