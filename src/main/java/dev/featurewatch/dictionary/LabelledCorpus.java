package dev.featurewatch.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.json.JsonFields;
import dev.featurewatch.model.EncodedText;
import dev.featurewatch.model.TextTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a concept-labelled text corpus into {@link LabelledSequence}s: JSON Lines, one text a line,
 *
 * <pre>{"id": "gg-17", "text": "...", "spans": [{"start": 12, "end": 30, "concept": "golden_gate", "positive": true}]}</pre>
 *
 * <p>{@code text} is required; {@code id} (string or number) names the sequence, else {@code
 * file:line}; {@code spans} are optional, each a half-open range [start, end) of UTF-16 character
 * offsets into {@code text} (Java string indices) with a {@code concept} id and {@code positive}
 * (true: the concept is there; false: a hard negative, a distractor for it; default true). Other
 * fields are ignored, so the organism corpus generator's lines are read as they are. Blank lines
 * are skipped.
 *
 * <p>Text is tokenised with the model's tokenizer (BOS added when the tokenizer adds it by
 * default), and a token belongs to a span when its character range overlaps the span.
 */
public final class LabelledCorpus {
  private LabelledCorpus() {}

  /**
   * One labelled range of a text.
   *
   * @param start first character, inclusive
   * @param end last character, exclusive
   * @param concept the concept's id
   * @param positive true for the concept, false for a hard negative of it
   */
  public record Span(int start, int end, String concept, boolean positive) {}

  /**
   * Reads up to {@code maxSequences} lines of a corpus.
   *
   * @param maxSequences most sequences to read, 0 for all
   * @throws DictionaryFormatException naming file, line and field of a bad line
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<LabelledSequence> read(Path file, TextTokenizer tokenizer, int maxSequences) {
    List<LabelledSequence> out = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null && (maxSequences <= 0 || out.size() < maxSequences)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNumber;
        JsonFields f = DictionaryFormatException.fields(where, DictionaryFiles.parse(where, line));
        String text = f.text("text");
        if (text == null) {
          throw f.error("text", "is required");
        }
        List<Span> spans = new ArrayList<>();
        JsonNode array = f.array("spans");
        for (int i = 0; i < array.size(); i++) {
          spans.add(span(f.object("spans", i), text.length()));
        }
        String id = f.textOrNumber("id");
        out.add(fromText(id != null ? id : file.getFileName() + ":" + lineNumber, text, spans, tokenizer));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus " + file + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no texts");
    }
    return out;
  }

  private static Span span(JsonFields s, int textLength) {
    int start = s.requiredIndex("start");
    int end = s.requiredIndex("end");
    if (end < start || end > textLength) {
      throw s.error("end", "span [" + start + ", " + end + ") does not fit the text's " + textLength + " characters");
    }
    String concept = s.text("concept");
    if (concept == null || concept.isEmpty()) {
      throw s.error("concept", "is required");
    }
    JsonNode positive = s.get("positive");
    if (positive != null && !positive.isBoolean()) {
      throw s.error("positive", "expected true or false, got " + JsonFields.describe(positive));
    }
    return new Span(start, end, concept, positive == null || positive.booleanValue());
  }

  /** Tokenises one text and marks each token with the spans it overlaps. */
  public static LabelledSequence fromText(String id, String text, List<Span> spans, TextTokenizer tokenizer) {
    // Chat-rendered text already starts with the BOS token; a second one would shift every position.
    boolean startsWithBos = tokenizer.bosToken().map(text::startsWith).orElse(false);
    EncodedText encoded = tokenizer.encodeWithOffsets(text, tokenizer.addBosByDefault() && !startsWithBos);
    int n = encoded.length();
    if (n == 0) {
      throw new IllegalArgumentException("sequence " + id + " has no tokens (empty text and no BOS)");
    }
    Map<String, boolean[]> positives = new LinkedHashMap<>();
    Map<String, boolean[]> hard = new LinkedHashMap<>();
    for (Span span : spans) {
      boolean[] flags = (span.positive() ? positives : hard).computeIfAbsent(span.concept(), c -> new boolean[n]);
      for (int i = 0; i < n; i++) {
        flags[i] |= encoded.overlaps(i, span.start(), span.end());
      }
    }
    return new LabelledSequence(id, encoded.ids(), tokenTexts(text, encoded, tokenizer), positives, hard);
  }

  /**
   * Each token's text: its range of the text, so the pieces concatenate to the text. Byte tokens
   * that share one character's range (an emoji in four bytes) show it once, on the first; a token
   * with no range (a prepended BOS) shows the tokenizer's spelling of it.
   */
  static String[] tokenTexts(String text, EncodedText encoded, TextTokenizer tokenizer) {
    String[] out = new String[encoded.length()];
    int[] starts = encoded.starts();
    int[] ends = encoded.ends();
    for (int i = 0; i < out.length; i++) {
      if (starts[i] == ends[i]) {
        out[i] = tokenizer.decode(new int[] {encoded.ids()[i]}, false);
      } else if (i > 0 && starts[i] == starts[i - 1] && ends[i] == ends[i - 1]) {
        out[i] = "";
      } else {
        out[i] = text.substring(starts[i], ends[i]);
      }
    }
    return out;
  }
}
