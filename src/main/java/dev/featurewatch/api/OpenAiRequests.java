package dev.featurewatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and validates the bodies of OpenAI's completion endpoints into {@link OpenAiRequest}s. */
public final class OpenAiRequests {
  /** The longest output one request may ask for, whatever the context; far above any real answer. */
  static final long MAX_TOKENS_LIMIT = 1 << 20;
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

  private OpenAiRequests() {}

  /** A {@code /v1/chat/completions} body. */
  public static OpenAiRequest chat(JsonNode body) {
    List<ChatMessage> messages = messages(body);
    Long maxTokens = Params.optionalInteger(body, "max_completion_tokens", 0, MAX_TOKENS_LIMIT);
    Long legacyMax = Params.optionalInteger(body, "max_tokens", 0, MAX_TOKENS_LIMIT);
    if (maxTokens == null) {
      maxTokens = legacyMax;
    }
    return common(body, messages, null, maxTokens == null ? null : maxTokens.intValue());
  }

  /** A {@code /v1/completions} body (OpenAI's default {@code max_tokens} there is 16). */
  public static OpenAiRequest completion(JsonNode body) {
    JsonNode p = body.get("prompt");
    String prompt;
    if (p == null || p.isNull()) {
      throw OpenAiError.invalid("prompt", "prompt is required");
    } else if (p.isTextual()) {
      prompt = p.textValue();
    } else if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
      prompt = p.get(0).textValue();
    } else {
      throw OpenAiError.invalid("prompt", "prompt must be a string (or an array of one string), got " + Params.describe(p));
    }
    if (prompt.isEmpty()) {
      throw OpenAiError.invalid("prompt", "prompt must not be empty");
    }
    Long maxTokens = Params.optionalInteger(body, "max_tokens", 0, MAX_TOKENS_LIMIT);
    return common(body, null, prompt, maxTokens == null ? 16 : maxTokens.intValue());
  }

  private static OpenAiRequest common(JsonNode body, List<ChatMessage> messages, String prompt, Integer maxTokens) {
    String model = Params.optionalString(body, "model");
    if (model == null) {
      throw OpenAiError.invalid("model", "model is required (GET /v1/models lists what this server serves)");
    }
    Long n = Params.optionalInteger(body, "n", 1, MAX_TOKENS_LIMIT);
    if (n != null && n != 1) {
      throw OpenAiError.invalid("n", "n must be 1: this server returns one choice per request");
    }
    if (Params.optionalBoolean(body, "logprobs", false)) {
      throw OpenAiError.invalid("logprobs", "logprobs are not supported");
    }
    if (Params.present(body, "tools") || Params.present(body, "functions")) {
      throw OpenAiError.invalid(Params.present(body, "tools") ? "tools" : "functions", "tool calling is not supported");
    }
    Double temperature = Params.optionalNumber(body, "temperature", 0, 2);
    Double topP = Params.optionalNumber(body, "top_p", 0, 1);
    if (topP != null && topP == 0) {
      throw OpenAiError.invalid("top_p", "top_p must be greater than 0");
    }
    Long seed = Params.optionalInteger(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    List<String> stop = Params.stopStrings(body);
    boolean stream = Params.optionalBoolean(body, "stream", false);
    boolean includeUsage = false;
    JsonNode streamOptions = Params.optionalObject(body, "stream_options");
    if (streamOptions != null) {
      if (!stream) {
        throw OpenAiError.invalid("stream_options", "stream_options is only allowed when stream is true");
      }
      includeUsage = Params.optionalBoolean(streamOptions, "include_usage", false);
    }
    boolean features = false;
    boolean ignoreEos = false;
    JsonNode steer = null;
    JsonNode extension = Params.optionalObject(body, "featurewatch");
    if (extension != null) {
      try {
        features = Params.optionalBoolean(extension, "features", false);
        ignoreEos = Params.optionalBoolean(extension, "ignore_eos", false);
      } catch (OpenAiError e) {
        throw OpenAiError.invalid("featurewatch." + e.param(), "featurewatch." + e.getMessage());
      }
      steer = extension.get("steer");
    }
    String user = Params.optionalString(body, "user");
    return new OpenAiRequest(body, model, messages, prompt, maxTokens, temperature == null ? 1 : temperature,
        topP == null ? 1 : topP, seed, stop, stream, includeUsage, features, steer, ignoreEos, user);
  }

  private static List<ChatMessage> messages(JsonNode body) {
    JsonNode list = body.get("messages");
    if (list == null || list.isNull()) {
      throw OpenAiError.invalid("messages", "messages is required");
    }
    if (!list.isArray()) {
      throw OpenAiError.invalid("messages", "messages must be an array, got " + Params.describe(list));
    }
    if (list.isEmpty()) {
      throw OpenAiError.invalid("messages", "messages must contain at least one message");
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "messages[" + i + "]";
      JsonNode m = list.get(i);
      if (!m.isObject()) {
        throw OpenAiError.invalid(at, at + " must be an object, got " + Params.describe(m));
      }
      String role;
      try {
        role = Params.optionalString(m, "role");
      } catch (OpenAiError e) {
        throw OpenAiError.invalid(at + ".role", at + ".role must be a string");
      }
      if (role == null) {
        throw OpenAiError.invalid(at + ".role", at + ".role is required");
      }
      if (!ROLES.contains(role)) {
        throw OpenAiError.invalid(at + ".role", at + ".role must be one of system, developer, user, assistant; got '"
            + role + "'");
      }
      out.add(new ChatMessage(role.equals("developer") ? "system" : role, content(m.get("content"), at + ".content")));
    }
    return out;
  }

  /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined. */
  private static String content(JsonNode c, String at) {
    if (c == null || c.isNull()) {
      throw OpenAiError.invalid(at, at + " is required");
    }
    if (c.isTextual()) {
      return c.textValue();
    }
    if (!c.isArray()) {
      throw OpenAiError.invalid(at, at + " must be a string or an array of text parts, got " + Params.describe(c));
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < c.size(); i++) {
      JsonNode part = c.get(i);
      JsonNode type = part.get("type");
      JsonNode t = part.get("text");
      if (!part.isObject() || type == null || !"text".equals(type.asText()) || t == null || !t.isTextual()) {
        throw OpenAiError.invalid(at + "[" + i + "]", at + "[" + i + "] must be {\"type\": \"text\", \"text\": \"...\"}: "
            + "only text is supported");
      }
      text.append(t.textValue());
    }
    return text.toString();
  }
}
