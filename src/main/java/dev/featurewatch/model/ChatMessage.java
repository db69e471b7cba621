package dev.featurewatch.model;

import java.util.Objects;

/**
 * One turn of a conversation as a chat template sees it.
 *
 * @param role who spoke: {@code system}, {@code user}, {@code assistant}, or whatever else the
 *     model's template accepts; templates decide which roles are legal
 * @param content the text of the turn, verbatim
 */
public record ChatMessage(String role, String content) {

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
