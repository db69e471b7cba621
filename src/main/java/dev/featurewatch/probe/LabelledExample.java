package dev.featurewatch.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One labelled sequence for probe training, read from a JSON Lines file. A line is one of
 *
 * <ul>
 *   <li>{@code {"text": "...", "label": 0|1}}: sequence-level, text tokenized with the model's
 *       tokenizer (BOS added when the tokenizer adds it by default);
 *   <li>{@code {"tokens": [1, 5, ...], "label": 0|1}}: sequence-level, token ids used as given;
 *   <li>{@code {"tokens": [...], "token_labels": [0, 0, 1, ...]}}: token-level, one label per
 *       token (every token is an example).
 * </ul>
 *
 * A file holds one kind of label, sequence-level or token-level, because a probe reads either one
 * pooled row per sequence or every row. Other fields (an id, a source) are ignored. Blank lines are
 * skipped. Errors name the file, the line and the field: {@code train.jsonl:17: field 'label'
 * must be 0 or 1}.
 *
 * @param source {@code file:line}, for error messages about this example later on
 * @param tokens the token ids, not empty
 * @param label 0 or 1 for a sequence-level example; -1 for a token-level one
 * @param tokenLabels one 0 or 1 per token for a token-level example, else null
 */
public record LabelledExample(String source, int[] tokens, int label, int[] tokenLabels) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether this example carries one label per token. */
  public boolean isTokenLevel() {
    return tokenLabels != null;
  }

  /**
   * Whether any label of this example is 1; the train/held-out split stratifies on it, so both
   * parts get positives even when they are rare.
   */
  public boolean hasPositive() {
    if (tokenLabels == null) {
      return label == 1;
    }
    for (int l : tokenLabels) {
      if (l == 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads labelled examples.
   *
   * @param file a JSON Lines file
   * @param encoder turns a {@code text} field into token ids, or null when the model has no
   *     tokenizer (then only {@code tokens} lines are accepted)
   * @return the examples in file order, all of one kind (sequence-level or token-level)
   * @throws IllegalArgumentException naming the file, line and field of the first bad line
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<LabelledExample> read(Path file, Function<String, int[]> encoder) {
    return read(file, encoder, true);
  }

  /**
   * Reads a benign set: the same formats, but {@code label} and {@code token_labels} are ignored
   * and every example is a negative (label 0). Whether it is scored per sequence or per token is
   * decided by the probe it calibrates, not by the file.
   */
  public static List<LabelledExample> readBenign(Path file, Function<String, int[]> encoder) {
    return read(file, encoder, false);
  }

  private static List<LabelledExample> read(Path file, Function<String, int[]> encoder, boolean labelled) {
    List<LabelledExample> examples = new ArrayList<>();
    int firstLine = 0; // line of the first example, whose kind the others must share
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int lineNumber = 0;
      while ((text = reader.readLine()) != null) {
        lineNumber++;
        if (text.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNumber;
        LabelledExample e = parseLine(where, text, encoder, labelled);
        if (examples.isEmpty()) {
          firstLine = lineNumber;
        } else if (labelled && e.isTokenLevel() != examples.get(0).isTokenLevel()) {
          throw new IllegalArgumentException(where + ": field '" + (e.isTokenLevel() ? "token_labels" : "label")
              + "': line " + firstLine + " has " + (e.isTokenLevel() ? "a sequence-level 'label'" : "token-level 'token_labels'")
              + "; a file holds one kind of label");
        }
        examples.add(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (examples.isEmpty()) {
      throw new IllegalArgumentException(file + ": no examples");
    }
    return examples;
  }

  private static LabelledExample parseLine(String where, String line, Function<String, int[]> encoder, boolean labelled) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a JSON object with 'text' or 'tokens'");
    }
    boolean hasText = node.has("text");
    boolean hasTokens = node.has("tokens");
    if (hasText == hasTokens) {
      throw new IllegalArgumentException(where + (hasText ? ": give 'text' or 'tokens', not both" : ": missing field 'text' or 'tokens'"));
    }
    int[] tokens = hasTokens ? tokenIds(where, node.get("tokens")) : encode(where, node.get("text"), encoder);
    if (!labelled) {
      return new LabelledExample(where, tokens, 0, null);
    }
    boolean hasLabel = node.has("label");
    boolean hasTokenLabels = node.has("token_labels");
    if (hasLabel == hasTokenLabels) {
      throw new IllegalArgumentException(where + (hasLabel ? ": give 'label' or 'token_labels', not both" : ": missing field 'label' (or 'token_labels')"));
    }
    if (hasLabel) {
      return new LabelledExample(where, tokens, binary(where, "label", node.get("label")), null);
    }
    if (hasText) {
      // Labels align with token ids; after tokenizing text there is no telling which token is which.
      throw new IllegalArgumentException(where + ": field 'token_labels' needs 'tokens' (labels align with token ids, not text)");
    }
    JsonNode labels = node.get("token_labels");
    if (!labels.isArray()) {
      throw new IllegalArgumentException(where + ": field 'token_labels' must be an array of 0 and 1");
    }
    if (labels.size() != tokens.length) {
      throw new IllegalArgumentException(where + ": field 'token_labels' has " + labels.size() + " labels for " + tokens.length + " tokens");
    }
    int[] tokenLabels = new int[tokens.length];
    for (int i = 0; i < tokenLabels.length; i++) {
      tokenLabels[i] = binary(where, "token_labels[" + i + "]", labels.get(i));
    }
    return new LabelledExample(where, tokens, -1, tokenLabels);
  }

  private static int[] tokenIds(String where, JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(where + ": field 'tokens' must be an array of token ids");
    }
    if (array.isEmpty()) {
      throw new IllegalArgumentException(where + ": field 'tokens' is empty");
    }
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      JsonNode id = array.get(i);
      if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
        throw new IllegalArgumentException(where + ": field 'tokens[" + i + "]' must be a non-negative integer, got " + id);
      }
      ids[i] = id.intValue();
    }
    return ids;
  }

  private static int[] encode(String where, JsonNode text, Function<String, int[]> encoder) {
    if (!text.isTextual()) {
      throw new IllegalArgumentException(where + ": field 'text' must be a string");
    }
    if (encoder == null) {
      throw new IllegalArgumentException(where + ": field 'text' needs a tokenizer, but the model directory has no "
          + "tokenizer.json; give token ids in 'tokens' instead");
    }
    int[] ids = encoder.apply(text.asText());
    if (ids.length == 0) {
      throw new IllegalArgumentException(where + ": field 'text' gives no tokens");
    }
    return ids;
  }

  private static int binary(String where, String field, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToInt() || (value.intValue() != 0 && value.intValue() != 1)) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be 0 or 1, got " + value);
    }
    return value.intValue();
  }
}
