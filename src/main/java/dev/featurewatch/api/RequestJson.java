package dev.featurewatch.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/**
 * Reads request bodies strictly: UTF-8 only (invalid bytes are an error, not replacement
 * characters), no duplicate keys, bounded nesting and number length, big numbers kept exact so a
 * range check sees their real value. Every failure is a 400 naming what is wrong.
 */
public final class RequestJson {
  /** Deeper than any real request; deep nesting is an attack on the parser, not a request. */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(100).build())
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private RequestJson() {}

  /** The body a request's body handler read, as a JSON object. */
  public static JsonNode parseObject(RoutingContext ctx) {
    return parseObject(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
  }

  /** The body as a JSON object. */
  public static JsonNode parseObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw OpenAiError.invalid(null, "the request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw OpenAiError.invalid(null, "invalid_json", "the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw OpenAiError.invalid(null, "invalid_json", "the request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw OpenAiError.invalid(null, "invalid_json", "the request body must be a JSON object");
    }
    return node;
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
