package dev.featurewatch.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.json.JsonFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a {@link FeatureEntry} and of {@link DictionaryMetadata}: snake_case names,
 * with Neuronpedia's where it has one ({@code pos_str}/{@code pos_values}, {@code neg_str}/{@code
 * neg_values}; each example's {@code tokens}, {@code values}, {@code max_value}, {@code
 * max_value_token_index}). Unknown values (null, NaN, empty lists) are left out when writing and
 * read back as unknown; unknown fields are ignored when reading, so files from newer versions and
 * hand-edited ones still load. The API serves entries in this same shape.
 */
public final class DictionaryJson {
  private DictionaryJson() {}

  /** Value of the metadata line's {@code format} field, which marks it as the header. */
  public static final String FORMAT = "featurewatch-dictionary";
  /** The layout version this code writes and reads. */
  public static final int VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One feature as a JSON object. */
  public static ObjectNode toJson(FeatureEntry e) {
    ObjectNode o = NODES.objectNode();
    o.put("index", e.index());
    putText(o, "label", e.label());
    putText(o, "concept", e.concept());
    putNumber(o, "confidence", e.confidence());
    if (!e.conceptScores().isEmpty()) {
      ArrayNode scores = o.putArray("concept_scores");
      for (ConceptScore s : e.conceptScores()) {
        scores.addObject().put("concept", s.concept()).put("auroc", s.auroc());
      }
    }
    putText(o, "explanation", e.explanation());
    putNumber(o, "density", e.density());
    putNumber(o, "max_activation", e.maxActivation());
    putNumber(o, "mean_activation_positive", e.meanActivationOnPositives());
    putNumber(o, "mean_activation_hard_negative", e.meanActivationOnHardNegatives());
    if (!e.topExamples().isEmpty()) {
      ArrayNode examples = o.putArray("top_examples");
      for (ActivationExample x : e.topExamples()) {
        ObjectNode ex = examples.addObject();
        ex.put("sequence_id", x.sequenceId());
        ex.put("position", x.position());
        ArrayNode tokens = ex.putArray("tokens");
        x.tokens().forEach(tokens::add);
        ArrayNode values = ex.putArray("values");
        for (float v : x.values()) {
          values.add(v);
        }
        ex.put("max_value", x.maxValue());
        ex.put("max_value_token_index", x.maxTokenIndex());
      }
    }
    putEffects(o, "pos", e.topPromoted());
    putEffects(o, "neg", e.topSuppressed());
    if (e.histogram() != null) {
      ObjectNode h = o.putObject("histogram");
      ArrayNode edges = h.putArray("edges");
      for (float edge : e.histogram().edges()) {
        edges.add(edge);
      }
      ArrayNode counts = h.putArray("counts");
      Arrays.stream(e.histogram().counts()).forEach(counts::add);
    }
    return o;
  }

  /**
   * Reads one feature.
   *
   * @param location {@code file:line}, for errors
   * @throws DictionaryFormatException naming the location and field of a missing or mistyped value
   */
  public static FeatureEntry entryFromJson(String location, JsonNode node) {
    JsonFields f = DictionaryFormatException.fields(location, node);
    int index = f.requiredIndex("index");
    List<ConceptScore> scores = new ArrayList<>();
    JsonNode scoreArray = f.array("concept_scores");
    for (int i = 0; i < scoreArray.size(); i++) {
      JsonFields s = f.object("concept_scores", i);
      String concept = s.text("concept");
      if (concept == null || concept.isEmpty()) {
        throw s.error("concept", "is required");
      }
      scores.add(new ConceptScore(concept, s.number("auroc")));
    }
    List<ActivationExample> examples = new ArrayList<>();
    JsonNode exampleArray = f.array("top_examples");
    for (int i = 0; i < exampleArray.size(); i++) {
      examples.add(example(f.object("top_examples", i)));
    }
    String label = f.text("label");
    String concept = f.text("concept");
    return new FeatureEntry(index, label, concept, f.number("confidence"), scores, f.text("explanation"),
        f.number("density"), f.number("max_activation"), f.number("mean_activation_positive"),
        f.number("mean_activation_hard_negative"), examples, effects(f, "pos"), effects(f, "neg"), histogram(f));
  }

  private static ActivationExample example(JsonFields x) {
    String[] tokens = x.texts("tokens");
    float[] values = x.floats("values");
    if (values.length != tokens.length) {
      throw x.error("values", "has " + values.length + " values for " + tokens.length + " tokens");
    }
    if (tokens.length == 0) {
      throw x.error("tokens", "an example needs at least one token");
    }
    int max = x.requiredIndex("max_value_token_index");
    if (max >= tokens.length) {
      throw x.error("max_value_token_index", max + " is outside the " + tokens.length + " tokens");
    }
    String sequenceId = x.textOrNumber("sequence_id");
    return new ActivationExample(sequenceId == null ? "" : sequenceId, x.optionalIndex("position", 0), List.of(tokens),
        values, max);
  }

  private static List<TokenEffect> effects(JsonFields f, String prefix) {
    String[] tokens = f.texts(prefix + "_str");
    float[] values = f.floats(prefix + "_values");
    if (values.length != tokens.length) {
      throw f.error(prefix + "_values", "has " + values.length + " values for " + tokens.length + " tokens in "
          + prefix + "_str");
    }
    List<TokenEffect> out = new ArrayList<>(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      out.add(new TokenEffect(tokens[i], values[i]));
    }
    return out;
  }

  private static ActivationHistogram histogram(JsonFields f) {
    if (!f.has("histogram")) {
      return null;
    }
    JsonFields h = f.object("histogram");
    float[] edges = h.floats("edges");
    long[] counts = h.counts("counts");
    if (edges.length != counts.length + 1) {
      throw h.error("edges", counts.length + " counts need " + (counts.length + 1) + " edges, got " + edges.length);
    }
    return new ActivationHistogram(edges, counts);
  }

  /** The metadata header line as a JSON object. */
  public static ObjectNode toJson(DictionaryMetadata m) {
    ObjectNode o = NODES.objectNode();
    o.put("format", FORMAT);
    o.put("version", VERSION);
    putText(o, "model_name", m.modelName());
    putText(o, "sae_path", m.saePath());
    putText(o, "hook_name", m.hookName());
    if (m.dSae() > 0) {
      o.put("d_sae", m.dSae());
    }
    putText(o, "created_by", m.createdBy());
    putText(o, "created_at", m.createdAt());
    if (m.sequences() > 0) {
      o.put("sequences", m.sequences());
    }
    if (m.tokensScored() > 0) {
      o.put("tokens_scored", m.tokensScored());
    }
    putNumber(o, "label_threshold", m.labelThreshold());
    if (!m.conceptLabels().isEmpty()) {
      ObjectNode labels = o.putObject("concept_labels");
      m.conceptLabels().forEach(labels::put);
    }
    if (!m.bestFeatures().isEmpty()) {
      ArrayNode best = o.putArray("best_features");
      for (BestFeature b : m.bestFeatures()) {
        ObjectNode one = best.addObject().put("concept", b.concept()).put("feature", b.feature()).put("auroc", b.auroc());
        putNumber(one, "mean_activation_positive", b.meanActivationOnPositives());
        putNumber(one, "mean_activation_hard_negative", b.meanActivationOnHardNegatives());
      }
    }
    return o;
  }

  /** Whether a line's object is the metadata header rather than a feature. */
  static boolean isHeader(JsonNode node) {
    return node.isObject() && node.has("format");
  }

  /**
   * Reads the metadata header.
   *
   * @throws DictionaryFormatException if the format or version is not this one, or a field is mistyped
   */
  public static DictionaryMetadata metadataFromJson(String location, JsonNode node) {
    JsonFields f = DictionaryFormatException.fields(location, node);
    if (!FORMAT.equals(f.text("format"))) {
      throw f.error("format", "expected \"" + FORMAT + "\", got " + JsonFields.describe(node.get("format")));
    }
    int version = f.requiredIndex("version");
    if (version != VERSION) {
      throw f.error("version", "this dictionary is layout version " + version + "; this FeatureWatch reads version " + VERSION);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (f.has("concept_labels")) {
      JsonFields l = f.object("concept_labels");
      l.node().fieldNames().forEachRemaining(name -> labels.put(name, l.text(name)));
    }
    List<BestFeature> best = new ArrayList<>();
    JsonNode bestArray = f.array("best_features");
    for (int i = 0; i < bestArray.size(); i++) {
      JsonFields b = f.object("best_features", i);
      String concept = b.text("concept");
      if (concept == null) {
        throw b.error("concept", "is required");
      }
      best.add(new BestFeature(concept, b.requiredIndex("feature"), b.number("auroc"), b.number("mean_activation_positive"),
          b.number("mean_activation_hard_negative")));
    }
    return new DictionaryMetadata(f.text("model_name"), f.text("sae_path"), f.text("hook_name"), f.optionalIndex("d_sae", 0),
        f.text("created_by"), f.text("created_at"), f.count("sequences"), f.count("tokens_scored"),
        f.number("label_threshold"), labels, best);
  }

  private static void putText(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static void putNumber(ObjectNode o, String field, double value) {
    if (!Double.isNaN(value)) {
      o.put(field, value);
    }
  }

  private static void putEffects(ObjectNode o, String prefix, List<TokenEffect> effects) {
    if (effects.isEmpty()) {
      return;
    }
    ArrayNode tokens = o.putArray(prefix + "_str");
    ArrayNode values = o.putArray(prefix + "_values");
    for (TokenEffect t : effects) {
      tokens.add(t.token());
      values.add(t.value());
    }
  }
}
