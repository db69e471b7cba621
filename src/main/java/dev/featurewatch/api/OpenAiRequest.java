package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.model.ChatMessage;
import java.util.List;

/**
 * A validated request to {@code /v1/chat/completions} or {@code /v1/completions}.
 *
 * @param body the request as sent (kept for the audit record)
 * @param model the model asked for
 * @param messages the conversation (chat), or null
 * @param prompt the raw prompt (completions), or null
 * @param maxTokens the most tokens to generate, or null for the rest of the context
 * @param temperature 0 to 2
 * @param topP (0, 1]
 * @param seed the sampler's seed, or null
 * @param stop stop strings
 * @param stream answer as server-sent events
 * @param includeUsage a last streamed chunk with usage
 * @param returnFeatures {@code featurewatch.features}: the top features of every token in the answer
 * @param steer {@code featurewatch.steer} as sent, or null
 * @param ignoreEos {@code featurewatch.ignore_eos}: generate through end-of-sequence tokens to the token
 *     limit (as vLLM's {@code ignore_eos}; for benchmarks and load tests that need answers of one length)
 * @param user OpenAI's end-user identifier, or null
 */
public record OpenAiRequest(
    JsonNode body, String model, List<ChatMessage> messages, String prompt, Integer maxTokens, double temperature,
    double topP, Long seed, List<String> stop, boolean stream, boolean includeUsage, boolean returnFeatures,
    JsonNode steer, boolean ignoreEos, String user) {

  public boolean isChat() {
    return messages != null;
  }
}
