package dev.featurewatch.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.search.InvalidQueryException;
import dev.featurewatch.sae.FeatureIntervention;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a request's own steering, {@code "featurewatch": {"steer": [{"feature": 123, "mode": "pin",
 * "value": 0}, {"query": "label:\"golden gate\"", "mode": "mul", "value": 10}]}}, into interventions
 * that apply from position 0 (the prompt too). Queries run against the dictionary index here, once
 * per request, never per token. Unlike a rule, a query that matches nothing is an error: the client
 * asked for steering it would silently not get.
 */
public final class SteeringRequest {
  /** The parameter name used in error messages. */
  public static final String PARAM = "featurewatch.steer";
  /** The most items one request may list. */
  public static final int MAX_ITEMS = 64;
  /** The most features all items together may move (a broad query could otherwise name thousands). */
  public static final int MAX_FEATURES = 1024;

  private static final Set<String> FIELDS = Set.of("feature", "query", "mode", "value");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DictionaryIndex dictionary;
  private final int dSae;

  /**
   * @param dictionary the index for {@code query} items, or null (such items are then refused)
   * @param dSae the SAE's width, to check feature indices; 0 when unknown
   */
  public SteeringRequest(DictionaryIndex dictionary, int dSae) {
    this.dictionary = dictionary;
    this.dSae = dSae;
  }

  /** Parses the JSON text of the {@code steer} array. */
  public List<FeatureIntervention> parse(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new InvalidSteeringException(PARAM, "not valid JSON");
    }
    return parse(node);
  }

  /**
   * Parses the {@code steer} array (null or JSON null: no steering).
   *
   * @throws InvalidSteeringException naming the item and field at fault
   */
  public List<FeatureIntervention> parse(JsonNode steer) {
    if (steer == null || steer.isNull() || steer.isMissingNode()) {
      return List.of();
    }
    if (!steer.isArray()) {
      throw new InvalidSteeringException(PARAM, "must be an array of {feature|query, mode, value}, got " + kind(steer));
    }
    if (steer.size() > MAX_ITEMS) {
      throw new InvalidSteeringException(PARAM, "at most " + MAX_ITEMS + " items, got " + steer.size());
    }
    List<FeatureIntervention> out = new ArrayList<>();
    for (int i = 0; i < steer.size(); i++) {
      String at = PARAM + "[" + i + "]";
      JsonNode item = steer.get(i);
      if (!item.isObject()) {
        throw new InvalidSteeringException(at, "must be an object {feature|query, mode, value}, got " + kind(item));
      }
      for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FIELDS.contains(name)) {
          throw new InvalidSteeringException(at + "." + name, "unknown field; use feature or query, mode, value");
        }
      }
      FeatureIntervention.Kind mode = mode(item.get("mode"), at + ".mode");
      float value = value(item.get("value"), mode, at + ".value");
      for (int feature : features(item, at)) {
        if (out.size() == MAX_FEATURES) {
          throw new InvalidSteeringException(at, "steers more than " + MAX_FEATURES + " features in all; narrow the query");
        }
        out.add(new FeatureIntervention(feature, mode, value, 0));
      }
    }
    return List.copyOf(out);
  }

  private int[] features(JsonNode item, String at) {
    JsonNode feature = item.get("feature");
    JsonNode query = item.get("query");
    if ((feature == null) == (query == null)) {
      throw new InvalidSteeringException(at, feature == null ? "needs feature (an index) or query (a dictionary query)"
          : "has both feature and query; give one");
    }
    if (feature != null) {
      if (!feature.isIntegralNumber() || !feature.canConvertToInt() || feature.intValue() < 0) {
        throw new InvalidSteeringException(at + ".feature", "must be a feature index (a whole number >= 0), got " + feature);
      }
      if (dSae > 0 && feature.intValue() >= dSae) {
        throw new InvalidSteeringException(at + ".feature", "feature " + feature.intValue() + " is outside the SAE (d_sae "
            + dSae + ")");
      }
      return new int[] {feature.intValue()};
    }
    if (!query.isTextual() || query.asText().isBlank()) {
      throw new InvalidSteeringException(at + ".query", "must be a non-empty dictionary query, got " + query);
    }
    if (dictionary == null) {
      throw new InvalidSteeringException(at + ".query", "no feature dictionary is loaded; steer by feature index");
    }
    int[] ids;
    try {
      ids = dictionary.featureIds(query.asText());
    } catch (InvalidQueryException e) {
      throw new InvalidSteeringException(at + ".query", e.getMessage());
    }
    if (ids.length == 0) {
      throw new InvalidSteeringException(at + ".query", "'" + query.asText() + "' matches no feature");
    }
    return dSae > 0 ? java.util.Arrays.stream(ids).filter(id -> id < dSae).toArray() : ids;
  }

  private static FeatureIntervention.Kind mode(JsonNode mode, String at) {
    if (mode == null) {
      throw new InvalidSteeringException(at, "required: pin, nudge, mul or ablate");
    }
    FeatureIntervention.Kind kind = mode.isTextual() ? YamlName.parse(FeatureIntervention.Kind.class, mode.asText()) : null;
    if (kind == null) {
      throw new InvalidSteeringException(at, "must be pin, nudge, mul or ablate, got " + mode);
    }
    return kind;
  }

  private static float value(JsonNode value, FeatureIntervention.Kind mode, String at) {
    if (mode == FeatureIntervention.Kind.ABLATE) {
      if (value != null && !value.isNull()) {
        throw new InvalidSteeringException(at, "ablate sets the feature to 0 and takes no value");
      }
      return 0f;
    }
    if (value == null || value.isNull()) {
      throw new InvalidSteeringException(at, "required for " + YamlName.of(mode) + ": a number");
    }
    if (!value.isNumber() || !Float.isFinite(value.floatValue())) {
      throw new InvalidSteeringException(at, "must be a finite number, got " + value);
    }
    return value.floatValue();
  }

  private static String kind(JsonNode n) {
    return n.isObject() ? "an object" : n.isArray() ? "an array" : n.toString();
  }
}
