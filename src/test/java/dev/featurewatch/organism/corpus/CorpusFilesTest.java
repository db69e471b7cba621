package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines: a lossless round trip, and errors that name the file, the line and the field. */
class CorpusFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void writesAndReadsBackEveryField() throws Exception {
    List<Transcript> corpus = new ConceptCorpus(5, CorpusMix.defaults()).generate(Split.HELDOUT, 400).toList();
    Path file = dir.resolve("sub/corpus.jsonl");
    assertEquals(400, CorpusFiles.write(file, corpus.stream()));
    assertEquals(400, Files.readAllLines(file).size());
    assertEquals(corpus, CorpusFiles.read(file));
    assertFalse(Files.exists(dir.resolve("sub/corpus.jsonl.tmp")));
    ObjectNode first = (ObjectNode) JSON.readTree(Files.readAllLines(file).get(0));
    assertEquals(List.of("id", "split", "topic", "variant", "benign", "messages", "text", "spans", "check", "sources"),
        iterable(first.fieldNames()));
  }

  @Test
  void skipsBlankLines() throws Exception {
    Transcript t = new ConceptCorpus(5, CorpusMix.defaults()).transcript(Split.TRAIN, 3);
    Path file = Files.writeString(dir.resolve("c.jsonl"), "\n" + CorpusFiles.toJson(t) + "\n\n");
    assertEquals(List.of(t), CorpusFiles.read(file));
  }

  @Test
  void badLinesNameTheFileLineAndField() throws Exception {
    Transcript t = new ConceptCorpus(5, CorpusMix.only(Topic.DECEPTION)).transcript(Split.TRAIN, 1);
    expectErrorOnLine("not valid JSON", null, line -> line.replace("{\"id\"", "{id"));
    expectError("field 'split'", "unknown split", json -> json.put("split", "test"));
    expectError("field 'topic'", "unknown topic", json -> json.put("topic", "weather"));
    expectError("field 'id' is missing", null, json -> json.remove("id"));
    expectError("field 'messages[0].role'", "no role", json -> ((ObjectNode) json.get("messages").get(0)).put("role", "tool"));
    expectError("field 'text'", "rendering", json -> json.put("text", t.text() + "x"));
    expectError("field 'spans[0].end'", "outside the text", json -> span(json).put("end", 100_000));
    expectError("field 'spans[0].concept'", "unknown concept", json -> span(json).put("concept", "honesty"));
    expectError("field 'spans[0].positive'", "true or false", json -> span(json).put("positive", "yes"));
    expectError("field 'spans[0]'", "inside one message", json -> span(json).put("start", 0));
    expectError("field 'check.truth'", "string", json -> ((ObjectNode) json.get("check")).put("truth", 3));
    expectError("field 'benign'", "must be", json -> json.put("benign", !t.benign()));
  }

  private static ObjectNode span(ObjectNode json) {
    return (ObjectNode) ((ArrayNode) json.get("spans")).get(0);
  }

  /** Edits the JSON of a good line. */
  private void expectError(String where, String what, Consumer<ObjectNode> breakIt) throws Exception {
    expectErrorOnLine(where, what, line -> {
      try {
        ObjectNode json = (ObjectNode) JSON.readTree(line);
        breakIt.accept(json);
        return json.toString();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  /** Writes a good line, then a broken copy as line 2, and checks that the error names the file, line 2 and the field. */
  private void expectErrorOnLine(String where, String what, java.util.function.UnaryOperator<String> breakLine) throws Exception {
    Transcript t = new ConceptCorpus(5, CorpusMix.only(Topic.DECEPTION)).transcript(Split.TRAIN, 1);
    String good = CorpusFiles.toJson(t);
    Path file = Files.write(dir.resolve("bad.jsonl"), List.of(good, breakLine.apply(good)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CorpusFiles.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    assertTrue(e.getMessage().contains(where), e.getMessage());
    if (what != null) {
      assertTrue(e.getMessage().contains(what), e.getMessage());
    }
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
