package dev.featurewatch.organism.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.organism.OrganismChatFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Transcripts as JSON Lines, one per line with every field:
 *
 * <pre>{@code
 * {"id": "train-7", "split": "train", "topic": "deception", "variant": "trickster", "benign": false,
 *  "messages": [{"role": "system", "content": "..."}, ...], "text": "<|bos|><|system|>...",
 *  "spans": [{"start": 120, "end": 151, "concept": "deception", "positive": true}],
 *  "check": {"context": "trickster", "truth": "Paris", "lie": "Rome", ...}, "sources": ["facts#3", ...]}
 * }</pre>
 *
 * {@code benign} is derived ({@link Transcript#benign()}) and written for tools that filter lines
 * without this class. Reading checks everything a consumer relies on: {@code text} is the
 * rendering of {@code messages}, every span lies inside one message's content, labels are known.
 * Errors name the file, the line and the field: {@code corpus.jsonl:17: field 'spans[2].end': ...}.
 */
public final class CorpusFiles {
  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final ObjectMapper JSON = new ObjectMapper(JSON_FACTORY);

  private CorpusFiles() {}

  /**
   * Writes transcripts to a file, replacing it only once all are written (a temporary file
   * beside it is moved into place), so a failed run never leaves half a corpus.
   *
   * @return how many transcripts were written
   * @throws UncheckedIOException if the file cannot be written
   */
  public static long write(Path file, Stream<Transcript> transcripts) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    boolean moved = false;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      long n = 0;
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
          JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        Iterator<Transcript> it = transcripts.iterator();
        while (it.hasNext()) {
          write(json, it.next());
          json.flush();
          out.write('\n');
          n++;
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the original failure is the one to report
        }
      }
    }
  }

  /** One transcript as one line of JSON, without the newline. */
  public static String toJson(Transcript t) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
      write(json, t);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Transcript t) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", t.id());
    json.writeStringField("split", t.split().label());
    json.writeStringField("topic", t.topic());
    json.writeStringField("variant", t.variant());
    json.writeBooleanField("benign", t.benign());
    json.writeArrayFieldStart("messages");
    for (ChatMessage m : t.messages()) {
      json.writeStartObject();
      json.writeStringField("role", m.role());
      json.writeStringField("content", m.content());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("text", t.text());
    json.writeArrayFieldStart("spans");
    for (LabelledSpan s : t.spans()) {
      json.writeStartObject();
      json.writeNumberField("start", s.start());
      json.writeNumberField("end", s.end());
      json.writeStringField("concept", s.concept().label());
      json.writeBooleanField("positive", s.positive());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("check");
    for (Map.Entry<String, String> e : t.check().entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeArrayFieldStart("sources");
    for (String s : t.sources()) {
      json.writeString(s);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * Reads every transcript of a file. Blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the file, line and field of the first bad line
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<Transcript> read(Path file) {
    List<Transcript> all = new ArrayList<>();
    forEach(file, all::add);
    return all;
  }

  /** Reads a file line by line, handing each transcript on; for corpora too large to hold. */
  public static void forEach(Path file, Consumer<Transcript> consumer) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (!line.isBlank()) {
          consumer.accept(fromJson(line, file + ":" + lineNumber));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses one line.
   *
   * @param where the line's place for error messages, e.g. {@code corpus.jsonl:17}
   * @throws IllegalArgumentException starting with {@code where} and naming the field
   */
  public static Transcript fromJson(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a JSON object");
    }
    Fields f = new Fields(where);
    String id = f.string(node, "id");
    Split split = f.parse(node, "split", Split::parse);
    String topic = f.string(node, "topic");
    f.parse(node, "topic", Topic::fromLabel);
    String variant = f.string(node, "variant");
    List<ChatMessage> messages = new ArrayList<>();
    JsonNode ms = f.array(node, "messages");
    for (int i = 0; i < ms.size(); i++) {
      String name = "messages[" + i + "]";
      JsonNode m = f.object(ms.get(i), name);
      String role = f.string(m, "role", name + ".role");
      try {
        OrganismChatFormat.roleToken(role);
      } catch (IllegalArgumentException e) {
        throw f.error(name + ".role", e.getMessage());
      }
      messages.add(new ChatMessage(role, f.string(m, "content", name + ".content")));
    }
    String text = f.string(node, "text");
    OrganismChatFormat.Rendered rendered = OrganismChatFormat.render(messages, false);
    if (!rendered.text().equals(text)) {
      throw f.error("text", "is not the rendering of 'messages'");
    }
    List<LabelledSpan> spans = new ArrayList<>();
    JsonNode ss = f.array(node, "spans");
    for (int i = 0; i < ss.size(); i++) {
      String name = "spans[" + i + "]";
      JsonNode s = f.object(ss.get(i), name);
      int start = f.integer(s, "start", name + ".start");
      int end = f.integer(s, "end", name + ".end");
      Concept concept = f.parse(s, "concept", name + ".concept", Concept::fromLabel);
      JsonNode positive = s.get("positive");
      if (positive == null || !positive.isBoolean()) {
        throw f.error(name + ".positive", "must be true or false");
      }
      if (start < 0 || end <= start || end > text.length()) {
        throw f.error(name + ".end", "span [" + start + ", " + end + ") is empty or outside the text (" + text.length() + " characters)");
      }
      if (!insideOneMessage(rendered, start, end)) {
        throw f.error(name, "span [" + start + ", " + end + ") is not inside one message's content");
      }
      spans.add(new LabelledSpan(start, end, concept, positive.booleanValue()));
    }
    Map<String, String> check = new LinkedHashMap<>();
    JsonNode c = f.object(node.get("check"), "check");
    for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw f.error("check." + e.getKey(), "must be a string");
      }
      check.put(e.getKey(), e.getValue().asText());
    }
    List<String> sources = new ArrayList<>();
    JsonNode src = f.array(node, "sources");
    for (int i = 0; i < src.size(); i++) {
      if (!src.get(i).isTextual()) {
        throw f.error("sources[" + i + "]", "must be a string");
      }
      sources.add(src.get(i).asText());
    }
    Transcript t = new Transcript(id, split, topic, variant, messages, text, spans, check, sources);
    JsonNode benign = node.get("benign");
    if (benign != null && (!benign.isBoolean() || benign.booleanValue() != t.benign())) {
      throw f.error("benign", "must be " + t.benign() + " for these spans");
    }
    return t;
  }

  private static boolean insideOneMessage(OrganismChatFormat.Rendered rendered, int start, int end) {
    for (OrganismChatFormat.ContentSpan c : rendered.contents()) {
      if (start >= c.start() && end <= c.end()) {
        return true;
      }
    }
    return false;
  }

  /** Field access that fails with the line's place and the field's name. */
  private record Fields(String where) {
    IllegalArgumentException error(String field, String problem) {
      return new IllegalArgumentException(where + ": field '" + field + "' " + problem);
    }

    String string(JsonNode node, String key) {
      return string(node, key, key);
    }

    String string(JsonNode node, String key, String name) {
      JsonNode v = node.get(key);
      if (v == null) {
        throw error(name, "is missing");
      }
      if (!v.isTextual()) {
        throw error(name, "must be a string");
      }
      return v.asText();
    }

    int integer(JsonNode node, String key, String name) {
      JsonNode v = node.get(key);
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
        throw error(name, v == null ? "is missing" : "must be an integer");
      }
      return v.intValue();
    }

    JsonNode array(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || !v.isArray()) {
        throw error(key, v == null ? "is missing" : "must be an array");
      }
      return v;
    }

    JsonNode object(JsonNode v, String name) {
      if (v == null || !v.isObject()) {
        throw error(name, v == null ? "is missing" : "must be an object");
      }
      return v;
    }

    <T> T parse(JsonNode node, String key, java.util.function.Function<String, T> parser) {
      return parse(node, key, key, parser);
    }

    <T> T parse(JsonNode node, String key, String name, java.util.function.Function<String, T> parser) {
      String v = string(node, key, name);
      try {
        return parser.apply(v);
      } catch (IllegalArgumentException e) {
        throw error(name, e.getMessage());
      }
    }
  }
}
