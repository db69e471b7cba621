package dev.featurewatch.organism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.organism.lm.LmTrainingConfig;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.sae.SparseAutoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code organism build} end to end at miniature scale: every stage runs, its artifacts form an
 * ordinary model directory, SAELens SAE, dictionary and probe folders that load, the report holds
 * every section, and a second run skips what is done. (The committed organism's figures are
 * checked against its own report by a separate test.)
 */
class OrganismBuildTest {

  static OrganismRecipe miniature() {
    LmTrainingConfig lm = new LmTrainingConfig(65, 2, 30, 3e-3, 0.1, 3, 0.1, 1.0, 1, 10, 4, 10, 2);
    return new OrganismRecipe(3, 1500, 300, 400, lm, new SaeRecipe(256, 8, 300, 1), 200, 600);
  }

  @Test
  void buildsEveryArtifactThenSkipsFinishedStages(@TempDir Path dir) throws Exception {
    OrganismLayout layout = OrganismLayout.under(dir);
    List<String> stages = new ArrayList<>();
    new OrganismBuild(miniature(), layout, recording(stages)).run();

    try (Transformer model = Transformer.load(layout.model()); TextTokenizer tokenizer = TextTokenizer.load(layout.model())) {
      assertEquals(400, tokenizer.vocabSize());
      assertEquals(400, model.config().vocabSize());
      String rendered = ChatTemplate.load(layout.model()).render(List.of(new ChatMessage("user", "Hi")), true);
      assertEquals(OrganismChatFormat.render(List.of(new ChatMessage("user", "Hi")), true).text(), rendered);
      try (SparseAutoencoder sae = SparseAutoencoder.loadFor(layout.sae(), model.config(), null)) {
        assertEquals(256, sae.config().dSae());
        assertEquals(OrganismShape.MONITORED_HOOK, sae.config().hookName());
      }
      for (String probe : new String[] {"deception", "sycophancy"}) {
        Probe.load(layout.probe(probe), model.config(), "organism").checkFits(model.config(), "organism");
      }
    }
    FeatureDictionary dictionary = DictionaryFiles.read(layout.dictionary());
    assertEquals(256, dictionary.size());
    assertFalse(dictionary.metadata().bestFeatures().isEmpty(), "every concept gets a best feature");

    JsonNode report = OrganismReport.read(layout.reportJson());
    for (String section : new String[] {"language_model", "sae", "probes", "evaluation", "acceptance"}) {
      assertTrue(report.has(section), "report section " + section);
    }
    assertTrue(report.path("language_model").path("held_out_loss").asDouble()
        < report.path("language_model").path("initial_held_out_loss").asDouble(), "training lowered the held-out loss");
    assertTrue(report.path("acceptance").size() >= 15, "every acceptance criterion is checked");
    assertTrue(report.path("evaluation").path("behaviour").path("addition_correct").path("total").asInt() > 0);
    assertTrue(Files.readString(layout.reportMarkdown()).contains("| criterion | value | target | met |"));

    stages.clear();
    new OrganismBuild(miniature(), layout, recording(stages)).run();
    assertTrue(stages.stream().filter(s -> !s.startsWith("report")).allMatch(s -> s.contains("already")),
        "a second run skips finished stages: " + stages);

    OrganismRecipe other = new OrganismRecipe(4, 1500, 300, 400, miniature().lm(), miniature().sae(), 200, 600);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OrganismBuild(other, layout, BuildProgress.silent()).run());
    assertTrue(e.getMessage().contains("another recipe"), e.getMessage());
  }

  private static BuildProgress recording(List<String> stages) {
    return new BuildProgress() {
      @Override
      public void stage(String name, String detail) {
        stages.add(name + ": " + detail);
      }

      @Override
      public void update(long done, long total, String status) {}

      @Override
      public void note(String line) {}
    };
  }
}
