package dev.featurewatch.dictionary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.json.JsonFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Imports feature explanations exported from Neuronpedia into a dictionary.
 *
 * <p>Neuronpedia's explanation export ({@code /api/explanation/export?modelId=…&saeId=…}) is a JSON
 * array of flat objects, and its dataset dumps are JSON Lines (often gzipped) of the same objects:
 * {@code {"modelId": "gemma-2-2b", "layer": "20-gemmascope-res-16k", "index": "10956",
 * "description": "…", "typeName": "…", "explanationModelName": "…"}}. {@code index} is a string
 * there (a number is accepted too); {@code description} becomes the entry's explanation;
 * {@code layer} is Neuronpedia's name for the SAE (its "source"). Both layouts are read, gzipped or
 * not ({@code .gz}).
 *
 * <p>An export may hold several explanations of one feature (several explainer models); the first
 * in the file wins. An export that covers several SAEs must be narrowed to one with a model and
 * source filter, or the merge refuses: explanations of another SAE's feature 17 would describe the
 * wrong feature.
 */
public final class NeuronpediaExplanations {
  private NeuronpediaExplanations() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One explanation.
   *
   * @param modelId Neuronpedia's model id, may be null
   * @param source Neuronpedia's SAE id (its {@code layer} field), may be null
   * @param index the feature
   * @param description the explanation text
   * @param location where in the file it was, for errors
   */
  public record Explanation(String modelId, String source, int index, String description, String location) {}

  /**
   * What a merge did.
   *
   * @param dictionary the dictionary with the explanations merged in
   * @param merged explanations written into entries
   * @param created entries that did not exist before
   * @param duplicates later explanations of an already explained feature, ignored
   * @param filteredOut explanations of another model or source, ignored
   */
  public record MergeResult(FeatureDictionary dictionary, int merged, int created, int duplicates, int filteredOut) {}

  /**
   * Reads an export: a JSON array or JSON Lines, gzipped when the name ends in {@code .gz}.
   *
   * @throws DictionaryFormatException naming the file, line or element, and field of a bad entry
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<Explanation> read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int first;
      do {
        first = reader.read();
      } while (first != -1 && Character.isWhitespace(first));
      if (first == -1) {
        throw new DictionaryFormatException(file.toString(), null, "the file is empty");
      }
      reader.unread(first);
      return first == '[' ? readArray(file, reader) : readLines(file, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Neuronpedia export " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Explanation> readArray(Path file, Reader reader) throws IOException {
    JsonNode array;
    try {
      array = JSON.readTree(reader);
    } catch (JsonProcessingException e) {
      throw new DictionaryFormatException(file.toString(), null, "not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")");
    }
    List<Explanation> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(explanation(file + ": element " + i, array.get(i)));
    }
    return out;
  }

  private static List<Explanation> readLines(Path file, Reader reader) throws IOException {
    List<Explanation> out = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (!line.isBlank()) {
        String where = file + ":" + number;
        out.add(explanation(where, DictionaryFiles.parse(where, line)));
      }
    }
    return out;
  }

  private static Explanation explanation(String where, JsonNode node) {
    JsonFields f = DictionaryFormatException.fields(where, node);
    String index = f.textOrNumber("index");
    if (index == null) {
      throw f.error("index", "is required");
    }
    int parsed;
    try {
      parsed = Integer.parseInt(index.strip());
    } catch (NumberFormatException e) {
      throw f.error("index", "expected a feature index, got " + JsonFields.describe(node.get("index")));
    }
    if (parsed < 0) {
      throw f.error("index", "expected a feature index >= 0, got " + parsed);
    }
    String description = f.text("description");
    if (description == null) {
      throw f.error("description", "is required");
    }
    return new Explanation(f.text("modelId"), f.text("layer"), parsed, description.strip(), where);
  }

  /**
   * Merges explanations into a dictionary: each becomes its feature's explanation, replacing any
   * earlier one; a feature without an entry gets a new, otherwise empty one. Labels are untouched.
   * Metadata the dictionary lacks (model name, SAE path) is taken from the export.
   *
   * @param modelId keep only explanations of this Neuronpedia model, or null for any
   * @param source keep only explanations of this Neuronpedia SAE ({@code layer}), or null for any
   * @throws IllegalArgumentException if the kept explanations cover several SAEs, or an index is
   *     outside the dictionary's d_sae
   */
  public static MergeResult merge(FeatureDictionary dictionary, List<Explanation> explanations, String modelId,
      String source) {
    List<Explanation> kept = new ArrayList<>();
    TreeSet<String> saes = new TreeSet<>();
    for (Explanation e : explanations) {
      if ((modelId == null || modelId.equals(e.modelId())) && (source == null || source.equals(e.source()))) {
        kept.add(e);
        saes.add(e.modelId() + "/" + e.source());
      }
    }
    if (saes.size() > 1) {
      throw new IllegalArgumentException("the export holds explanations of " + saes.size() + " SAEs (" + String.join(", ", saes)
          + "); choose one with a model id and a source");
    }
    int dSae = dictionary.metadata().dSae();
    Map<Integer, FeatureEntry> changed = new LinkedHashMap<>();
    Map<Integer, Boolean> isNew = new HashMap<>();
    int duplicates = 0;
    for (Explanation e : kept) {
      if (dSae > 0 && e.index() >= dSae) {
        throw new DictionaryFormatException(e.location(), "index", e.index() + " is outside the dictionary's d_sae " + dSae);
      }
      if (changed.containsKey(e.index())) {
        duplicates++;
        continue;
      }
      FeatureEntry existing = dictionary.entry(e.index()).orElse(null);
      isNew.put(e.index(), existing == null);
      changed.put(e.index(), (existing == null ? FeatureEntry.empty(e.index()) : existing).withExplanation(e.description()));
    }
    DictionaryMetadata m = dictionary.metadata();
    if (!kept.isEmpty()) {
      Explanation any = kept.get(0);
      m = m.withOrigin(m.modelName() != null ? m.modelName() : any.modelId(),
          m.saePath() != null || any.source() == null ? m.saePath() : "neuronpedia:" + any.modelId() + "/" + any.source(),
          m.createdBy() != null ? m.createdBy() : "featurewatch dictionary import-neuronpedia");
    }
    int created = (int) isNew.values().stream().filter(b -> b).count();
    return new MergeResult(dictionary.withMetadata(m).withEntries(changed.values()), changed.size(), created, duplicates,
        explanations.size() - kept.size());
  }
}
