package dev.featurewatch.dictionary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes feature dictionaries as JSON Lines.
 *
 * <p>Layout: the first line may be a metadata header, an object with {@code "format":
 * "featurewatch-dictionary"} and {@code "version": 1} (see {@link DictionaryJson#toJson(
 * DictionaryMetadata)}); a feature line never has a {@code format} field, so the two cannot be
 * confused, and a file without a header is a valid dictionary with unknown metadata. Every other
 * line is one feature, an object with at least {@code index} (see {@link
 * DictionaryJson#toJson(FeatureEntry)}), in ascending index order when written. Blank lines are
 * skipped. Files are UTF-8.
 *
 * <p>Errors name the file, the line and the field: {@code features.jsonl:12: field
 * 'top_examples[0].values': has 3 values for 4 tokens}.
 */
public final class DictionaryFiles {
  private DictionaryFiles() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * Reads a dictionary file.
   *
   * @throws DictionaryFormatException naming the file, line and field of the first bad line
   * @throws UncheckedIOException if the file cannot be read
   */
  public static FeatureDictionary read(Path file) {
    DictionaryMetadata metadata = DictionaryMetadata.empty();
    List<FeatureEntry> entries = new ArrayList<>();
    Map<Integer, Integer> lineOfIndex = new HashMap<>();
    boolean first = true;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int lineNumber = 0;
      while ((text = reader.readLine()) != null) {
        lineNumber++;
        if (text.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNumber;
        JsonNode node = parse(where, text);
        if (DictionaryJson.isHeader(node)) {
          if (!first) {
            throw new DictionaryFormatException(where, "format", "the metadata header must be the first line");
          }
          metadata = DictionaryJson.metadataFromJson(where, node);
        } else {
          FeatureEntry entry = DictionaryJson.entryFromJson(where, node);
          Integer earlier = lineOfIndex.putIfAbsent(entry.index(), lineNumber);
          if (earlier != null) {
            throw new DictionaryFormatException(where, "index", "feature " + entry.index() + " is already on line " + earlier);
          }
          if (metadata.dSae() > 0 && entry.index() >= metadata.dSae()) {
            throw new DictionaryFormatException(where, "index", entry.index() + " is outside d_sae " + metadata.dSae()
                + " of the header");
          }
          entries.add(entry);
        }
        first = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dictionary " + file + ": " + e.getMessage(), e);
    }
    return new FeatureDictionary(metadata, entries);
  }

  /** Parses one line, naming the line when it is not JSON. */
  static JsonNode parse(String where, String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DictionaryFormatException(where, null, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Writes a dictionary: the metadata header, then one feature per line in index order. The file
   * is written beside its target and moved into place, so a reader never sees half a dictionary.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, FeatureDictionary dictionary) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        out.write(JSON.writeValueAsString(DictionaryJson.toJson(dictionary.metadata())));
        out.write('\n');
        for (FeatureEntry e : dictionary.entries()) {
          out.write(JSON.writeValueAsString(DictionaryJson.toJson(e)));
          out.write('\n');
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write dictionary " + file + ": " + e.getMessage(), e);
    }
  }
}
