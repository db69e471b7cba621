package dev.featurewatch.sae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.TextTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training and evaluation text as token sequences. A {@code .jsonl} file holds one document a
 * line, {@code {"text": "..."}} (needs a tokenizer) or {@code {"tokens": [1, 5, ...]}} (for
 * models without one); any other file is plain text, one document a line. Each document is
 * truncated to the context length and starts with BOS when the model has one.
 */
public final class Corpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<int[]> documents;

  private Corpus(List<int[]> documents) {
    this.documents = documents;
  }

  /** Documents as given (tests, and sequences sampled in memory). */
  public static Corpus of(List<int[]> documents) {
    return new Corpus(List.copyOf(documents));
  }

  /**
   * Reads and tokenizes a corpus file.
   *
   * @param tokenizer null for a model without one (then only {@code tokens} lines are accepted)
   * @param bosTokenId prepended when a document does not start with it; -1 for none
   * @param contextLength documents are cut to this many tokens
   * @throws IllegalArgumentException naming the file, line and field of a bad line
   */
  public static Corpus read(Path file, TextTokenizer tokenizer, int bosTokenId, int contextLength) {
    boolean jsonl = file.getFileName().toString().endsWith(".jsonl");
    List<int[]> docs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = file.getFileName() + ":" + number;
        int[] tokens = jsonl ? parseJsonLine(line, where, tokenizer) : encode(line, where, tokenizer);
        if (bosTokenId >= 0 && (tokens.length == 0 || tokens[0] != bosTokenId)) {
          int[] withBos = new int[tokens.length + 1];
          withBos[0] = bosTokenId;
          System.arraycopy(tokens, 0, withBos, 1, tokens.length);
          tokens = withBos;
        }
        if (tokens.length > contextLength) {
          tokens = Arrays.copyOf(tokens, contextLength);
        }
        if (tokens.length >= 2) {
          docs.add(tokens);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus " + file, e);
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException(file + ": no documents of at least two tokens");
    }
    return new Corpus(List.copyOf(docs));
  }

  private static int[] parseJsonLine(String line, String where, TextTokenizer tokenizer) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (node.has("tokens")) {
      JsonNode tokens = node.get("tokens");
      if (!tokens.isArray()) {
        throw new IllegalArgumentException(where + ": field 'tokens' must be an array of token ids");
      }
      int[] ids = new int[tokens.size()];
      for (int i = 0; i < ids.length; i++) {
        if (!tokens.get(i).canConvertToInt() || tokens.get(i).asInt() < 0) {
          throw new IllegalArgumentException(where + ": field 'tokens' item " + i + " is not a token id: " + tokens.get(i));
        }
        ids[i] = tokens.get(i).asInt();
      }
      return ids;
    }
    if (node.has("text")) {
      if (!node.get("text").isTextual()) {
        throw new IllegalArgumentException(where + ": field 'text' must be a string");
      }
      return encode(node.get("text").asText(), where, tokenizer);
    }
    throw new IllegalArgumentException(where + ": needs field 'text' or 'tokens'");
  }

  private static int[] encode(String text, String where, TextTokenizer tokenizer) {
    if (tokenizer == null) {
      throw new IllegalArgumentException(where + ": text needs a tokenizer, and the model has no tokenizer.json; give {\"tokens\": [...]} lines");
    }
    return tokenizer.encode(text, false);
  }

  /** The documents. */
  public List<int[]> documents() {
    return documents;
  }

  /** Total tokens. */
  public long tokenCount() {
    long n = 0;
    for (int[] d : documents) {
      n += d.length;
    }
    return n;
  }

  /** The first {@code fraction} of documents and the rest, for a train/eval split. */
  public Corpus[] split(double fraction) {
    int cut = (int) Math.round(documents.size() * fraction);
    return new Corpus[] {new Corpus(documents.subList(0, cut)), new Corpus(documents.subList(cut, documents.size()))};
  }
}
