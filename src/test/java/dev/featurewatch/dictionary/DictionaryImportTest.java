package dev.featurewatch.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neuronpedia explanation exports merged into dictionaries. */
class DictionaryImportTest {
  @TempDir Path dir;

  private static final String EXPORT = """
      [
        {"modelId": "gpt2-small", "layer": "6-res-jb", "index": "17", "description": " the Golden Gate Bridge",
         "typeName": "oai_token-act-pair", "explanationModelName": "gpt-4o-mini"},
        {"modelId": "gpt2-small", "layer": "6-res-jb", "index": "17", "description": "a second opinion"},
        {"modelId": "gpt2-small", "layer": "6-res-jb", "index": 40, "description": "lying"},
        {"modelId": "gpt2-small", "layer": "7-res-jb", "index": "17", "description": "another SAE's feature 17"}
      ]
      """;

  @Test
  void mergesOneSaesExplanationsIntoADictionary() throws Exception {
    Path file = dir.resolve("export.json");
    Files.writeString(file, EXPORT);
    List<NeuronpediaExplanations.Explanation> read = NeuronpediaExplanations.read(file);
    assertEquals(4, read.size());

    FeatureDictionary base = DictionaryFilesTest.sample(); // entries 3 and 17, d_sae 64
    NeuronpediaExplanations.MergeResult result = NeuronpediaExplanations.merge(base, read, "gpt2-small", "6-res-jb");
    assertEquals(2, result.merged());
    assertEquals(1, result.created());
    assertEquals(1, result.duplicates());
    assertEquals(1, result.filteredOut());
    FeatureDictionary merged = result.dictionary();
    FeatureEntry golden = merged.entry(17).orElseThrow();
    assertEquals("the Golden Gate Bridge", golden.explanation(), "first explanation wins, trimmed");
    assertEquals("golden gate bridge", golden.label(), "labels are untouched");
    assertEquals(base.entry(17).orElseThrow().topExamples(), golden.topExamples());
    assertEquals("lying", merged.entry(40).orElseThrow().explanation());
    assertEquals("imported", merged.entry(3).orElseThrow().explanation());
    assertEquals(base.metadata(), merged.metadata(), "known metadata is kept");

    // Without a dictionary: the export's model and source become the metadata.
    FeatureDictionary fresh = NeuronpediaExplanations.merge(new FeatureDictionary(null, List.of()), read, null, "6-res-jb")
        .dictionary();
    assertEquals("gpt2-small", fresh.metadata().modelName());
    assertEquals("neuronpedia:gpt2-small/6-res-jb", fresh.metadata().saePath());
    assertEquals(List.of(17, 40), fresh.entries().stream().map(FeatureEntry::index).toList());
  }

  @Test
  void readsGzippedJsonLines() throws Exception {
    Path file = dir.resolve("batch-0.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(("{\"modelId\":\"m\",\"layer\":\"s\",\"index\":\"2\",\"description\":\"two\"}\n\n"
          + "{\"modelId\":\"m\",\"layer\":\"s\",\"index\":\"5\",\"description\":\"five\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    List<NeuronpediaExplanations.Explanation> read = NeuronpediaExplanations.read(file);
    assertEquals(List.of(2, 5), read.stream().map(NeuronpediaExplanations.Explanation::index).toList());
    assertEquals(file + ":3", read.get(1).location());
  }

  @Test
  void errorsNameTheEntryAndField() throws Exception {
    Path array = dir.resolve("bad.json");
    Files.writeString(array, "[{\"index\": \"1\", \"description\": \"a\"}, {\"index\": \"x1\", \"description\": \"b\"}]");
    DictionaryFormatException e = assertThrows(DictionaryFormatException.class, () -> NeuronpediaExplanations.read(array));
    assertEquals(array + ": element 1: field 'index': expected a feature index, got \"x1\"", e.getMessage());

    Path lines = dir.resolve("bad.jsonl");
    Files.writeString(lines, "{\"index\": \"1\", \"description\": \"a\"}\n{\"index\": \"2\"}\n");
    e = assertThrows(DictionaryFormatException.class, () -> NeuronpediaExplanations.read(lines));
    assertEquals(lines + ":2: field 'description': is required", e.getMessage());

    Path export = dir.resolve("export.json");
    Files.writeString(export, EXPORT);
    List<NeuronpediaExplanations.Explanation> read = NeuronpediaExplanations.read(export);
    FeatureDictionary empty = new FeatureDictionary(null, List.of());
    IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
        () -> NeuronpediaExplanations.merge(empty, read, "gpt2-small", null));
    assertTrue(several.getMessage().contains("2 SAEs (gpt2-small/6-res-jb, gpt2-small/7-res-jb)"), several.getMessage());

    FeatureDictionary small = new FeatureDictionary(DictionaryMetadata.empty().withDSae(20), List.of());
    e = assertThrows(DictionaryFormatException.class, () -> NeuronpediaExplanations.merge(small, read, null, "6-res-jb"));
    assertEquals(export + ": element 2: field 'index': 40 is outside the dictionary's d_sae 20", e.getMessage());
  }
}
