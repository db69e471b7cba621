package dev.featurewatch.engine;

import dev.featurewatch.rules.RuleHit;
import java.util.List;

/** Receives a monitored generation as it happens, on the inference thread. */
public interface GuardedListener {
  GuardedListener NONE = new GuardedListener() { };

  /**
   * An output token has been checked (and, with a longer hold-back, so have the tokens after it
   * that its rules needed) and may leave the server.
   *
   * @param tokenId the token, or -1 for text held back to the end (a possible stop string that was not one)
   * @param text the text it makes safe to send, possibly empty
   * @param activity what the monitor read at this token, or null with tokenId -1
   */
  default void onReleased(int tokenId, String text, TokenActivity activity) { }

  /** Rules fired at a token just checked (prompt or output); called before any later release. */
  default void onHits(List<RuleHit> hits) { }
}
