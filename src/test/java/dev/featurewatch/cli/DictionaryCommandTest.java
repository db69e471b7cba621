package dev.featurewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.sae.SaeArchitecture;
import dev.featurewatch.sae.SaeConfig;
import dev.featurewatch.sae.SaeInitializer;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.testing.CliRunner;
import dev.featurewatch.testing.CliRunner.Output;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dictionary build → search → import-neuronpedia through the command line. */
class DictionaryCommandTest {
  @TempDir Path dir;

  /** stories260k's weights with the tiny byte-level BPE tokenizer (270 ids, inside its 512). */
  private Path modelWithTokenizer() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    for (String f : List.of("config.json", "model.safetensors")) {
      Files.copy(Fixtures.model("stories260k").resolve(f), model.resolve(f));
    }
    Path bpe = Path.of(getClass().getResource("/tiny-bpe").toURI());
    for (String f : List.of("tokenizer.json", "tokenizer_config.json")) {
      Files.copy(bpe.resolve(f), model.resolve(f));
    }
    return model;
  }

  @Test
  void buildsSearchesAndImports() throws Exception {
    Path model = modelWithTokenizer();
    Path sae = dir.resolve("sae");
    try (SparseAutoencoder random = SaeInitializer.random(
        new SaeConfig(SaeArchitecture.TOPK, 64, 64, 8, "blocks.1.hook_resid_post", true, null, "stories260k"), null, 1, 0f)) {
      random.save(sae);
    }
    Path corpus = dir.resolve("corpus.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      String text = "hello world " + i + ", help the world";
      int second = text.lastIndexOf("world");
      lines.append(String.format("{\"id\": \"c%d\", \"text\": \"%s\", \"spans\": [{\"start\": 6, \"end\": 11, \"concept\": \"planet\"},"
          + " {\"start\": %d, \"end\": %d, \"concept\": \"planet\", \"positive\": true},"
          + " {\"start\": %d, \"end\": %d, \"concept\": \"planet\", \"positive\": false}]}%n",
          i, text, second, second + 5, text.indexOf("help"), text.indexOf("help") + 4));
    }
    Files.writeString(corpus, lines);
    Path out = dir.resolve("dict.jsonl");

    Output built = CliRunner.run("dictionary", "build", "--model", model.toString(), "--sae", sae.toString(), "--corpus",
        corpus.toString(), "--out", out.toString(), "--max-sequences", "10", "--labels", "planet=the planet earth",
        "--threshold", "0.6", "--top-examples", "3");
    assertEquals(0, built.exitCode(), built.stderr());
    assertTrue(built.stderr().contains("100.0%") && built.stderr().contains("wrote " + out), built.stderr());
    assertTrue(built.stdout().startsWith("concept") && built.stdout().contains("\nplanet "), built.stdout());
    FeatureDictionary dictionary = DictionaryFiles.read(out);
    assertEquals(64, dictionary.size());
    assertEquals("model", dictionary.metadata().modelName());
    assertEquals(10, dictionary.metadata().sequences());
    assertEquals("the planet earth", dictionary.metadata().conceptLabels().get("planet"));
    int best = dictionary.metadata().bestFeatures().get(0).feature();
    assertTrue(dictionary.entry(best).orElseThrow().topExamples().size() <= 3);

    Output found = CliRunner.run("dictionary", "search", "--dictionary", out.toString(), "--limit", "5", "density:[0 TO 1]");
    assertEquals(0, found.exitCode(), found.stderr());
    String[] hits = found.stdout().strip().split("\n");
    assertEquals(5, hits.length);
    JsonNode first = new ObjectMapper().readTree(hits[0]);
    assertTrue(first.has("index") && first.has("score") && first.has("density") && !first.has("top_examples"), hits[0]);

    Output bad = CliRunner.run("dictionary", "search", "--dictionary", out.toString(), "label:(");
    assertEquals(2, bad.exitCode());
    assertEquals("featurewatch: invalid feature query 'label:(': syntax error: the query ends too early "
        + "(an unclosed bracket or range, or a dangling operator?)", bad.stderr().strip());

    Path export = dir.resolve("export.json");
    Files.writeString(export, "[{\"modelId\": \"m\", \"layer\": \"s\", \"index\": \"" + best + "\", \"description\": \"planets\"}]");
    Output imported = CliRunner.run("dictionary", "import-neuronpedia", "--export", export.toString(), "--dictionary",
        out.toString(), "--out", out.toString());
    assertEquals(0, imported.exitCode(), imported.stderr());
    assertTrue(imported.stderr().startsWith("merged 1 explanations (0 new entries"), imported.stderr());
    Output explained = CliRunner.run("dictionary", "search", "--dictionary", out.toString(), "explanation:planets");
    assertEquals(best, new ObjectMapper().readTree(explained.stdout()).get("index").asInt(), explained.stdout());
  }

  @Test
  void badInputIsOneLine() throws Exception {
    Path broken = dir.resolve("broken.jsonl");
    Files.writeString(broken, "{\"index\": 1}\n{\"index\": \"two\"}\n");
    Output bad = CliRunner.run("dictionary", "search", "--dictionary", broken.toString(), "label:x");
    assertEquals(2, bad.exitCode());
    assertEquals("featurewatch: " + broken + ":2: field 'index': expected a whole number >= 0, got \"two\"", bad.stderr().strip());

    Output noTokenizer = CliRunner.run("dictionary", "build", "--model", Fixtures.model("stories260k").toString(), "--sae",
        dir.toString(), "--corpus", broken.toString(), "--out", dir.resolve("x.jsonl").toString());
    assertEquals(2, noTokenizer.exitCode());
    assertTrue(noTokenizer.stderr().contains("has no tokenizer.json; dictionary build reads text"), noTokenizer.stderr());
  }
}
