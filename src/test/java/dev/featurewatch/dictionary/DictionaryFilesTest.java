package dev.featurewatch.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryFilesTest {
  @TempDir Path dir;

  /** A fully populated entry and a bare one, as the builder and an import would make them. */
  static FeatureDictionary sample() {
    FeatureEntry golden = new FeatureEntry(17, "golden gate bridge", "golden_gate", 0.981,
        List.of(new ConceptScore("golden_gate", 0.981), new ConceptScore("sydney_bridge", 0.61)),
        "fires on \"Golden Gate\"", 0.0125, 7.5, 3.25, 0.125,
        List.of(new ActivationExample("train-3", 42, List.of("the", " Golden", " Gate", " é😀"), new float[] {0f, 5.5f, 7.5f, 0.25f}, 2),
            new ActivationExample("train-9", 0, List.of(" Gate"), new float[] {6f}, 0)),
        List.of(new TokenEffect(" bridge", 0.5f), new TokenEffect(" fog", 0.25f)),
        List.of(new TokenEffect(" Sydney", -0.75f)),
        new ActivationHistogram(new float[] {0, 3.75f, 7.5f}, new long[] {10, 3}));
    FeatureEntry bare = FeatureEntry.empty(3).withExplanation("imported");
    DictionaryMetadata meta = new DictionaryMetadata("organism", "saes/organism", "blocks.2.hook_resid_post", 64,
        "featurewatch dictionary build", "2025-01-01T00:00:00Z", 12, 3456, 0.8, Map.of("golden_gate", "golden gate bridge"),
        List.of(new BestFeature("golden_gate", 17, 0.981, 3.25, Double.NaN)));
    return new FeatureDictionary(meta, List.of(golden, bare));
  }

  @Test
  void roundTripsEveryField() throws Exception {
    FeatureDictionary dictionary = sample();
    Path file = dir.resolve("dict.jsonl");
    DictionaryFiles.write(file, dictionary);
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("{\"format\":\"featurewatch-dictionary\",\"version\":1,"), lines.get(0));
    assertTrue(lines.get(1).startsWith("{\"index\":3,"), "ascending index order: " + lines.get(1));
    assertFalse(lines.get(1).contains("null") || lines.get(1).contains("NaN"), "unknowns are left out: " + lines.get(1));
    assertTrue(lines.get(2).contains("\"pos_str\":[\" bridge\",\" fog\"],\"pos_values\":[0.5,0.25]"), lines.get(2));
    assertTrue(lines.get(2).contains("\"max_value\":7.5,\"max_value_token_index\":2"), lines.get(2));

    FeatureDictionary read = DictionaryFiles.read(file);
    assertEquals(dictionary.metadata(), read.metadata());
    assertEquals(dictionary.entries(), read.entries());
    assertEquals(" é😀", read.entry(17).orElseThrow().topExamples().get(0).tokens().get(3));
    assertTrue(Double.isNaN(read.entry(3).orElseThrow().density()));
    assertTrue(read.entry(4).isEmpty());
  }

  @Test
  void headerIsOptionalAndUnknownFieldsAreIgnored() throws Exception {
    Path file = dir.resolve("hand.jsonl");
    Files.writeString(file, "{\"index\": 5, \"label\": \"deception\", \"frac_nonzero\": 0.1}\n\n{\"index\": 2}\n");
    FeatureDictionary read = DictionaryFiles.read(file);
    assertEquals(DictionaryMetadata.empty(), read.metadata());
    assertEquals(List.of(2, 5), read.entries().stream().map(FeatureEntry::index).toList());
    assertEquals("deception", read.entry(5).orElseThrow().label());
  }

  @Test
  void errorsNameFileLineAndField() throws Exception {
    String header = "{\"format\":\"featurewatch-dictionary\",\"version\":1,\"d_sae\":8}";
    assertError("{\"index\": 1}\n{\"index\": 2, \"density\": \"high\"}", ":2: field 'density': expected a number, got \"high\"");
    assertError("{\"label\": \"x\"}", ":1: field 'index': is required");
    assertError("{\"index\": -1}", ":1: field 'index': expected a whole number >= 0, got -1");
    assertError("{\"index\": 1}\n\n{\"index\": 1}", ":3: field 'index': feature 1 is already on line 1");
    assertError(header + "\n{\"index\": 8}", ":2: field 'index': 8 is outside d_sae 8 of the header");
    assertError("{\"index\": 1}\n" + header, ":2: field 'format': the metadata header must be the first line");
    assertError("{\"format\":\"featurewatch-dictionary\",\"version\":2}", ":1: field 'version': this dictionary is layout version 2");
    assertError("{\"index\": 1, \"top_examples\": [{\"tokens\": [\"a\"], \"values\": [1], \"max_value_token_index\": 0},"
        + " {\"tokens\": [\"a\", \"b\"], \"values\": [1, 2], \"max_value_token_index\": 0}, {\"tokens\": [\"a\"], \"values\": [\"x\"]}]}",
        ":1: field 'top_examples[2].values[0]': expected a number, got \"x\"");
    assertError("{\"index\": 1, \"pos_str\": [\"a\", \"b\"], \"pos_values\": [1]}", ":1: field 'pos_values': has 1 values for 2 tokens");
    assertError("{\"index\": 1, \"histogram\": {\"edges\": [0, 1], \"counts\": [1, 2]}}", ":1: field 'histogram.edges': 2 counts need 3 edges");
    assertError("{\"index\": 1,", ":1: not valid JSON: ");
    assertError("[1, 2]", ":1: expected a JSON object, got [1,2]");
    assertError("{\"index\": 1, \"index\": 2}", ":1: not valid JSON: Duplicate field 'index'");
  }

  private void assertError(String content, String expected) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, content);
    DictionaryFormatException e = assertThrows(DictionaryFormatException.class, () -> DictionaryFiles.read(file));
    assertTrue(e.getMessage().startsWith(file + expected), e.getMessage() + "\n  expected: " + file + expected);
  }
}
