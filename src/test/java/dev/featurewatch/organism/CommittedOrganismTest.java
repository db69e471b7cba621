package dev.featurewatch.organism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.dictionary.DictionaryFiles;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.SpecialTokens;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.organism.corpus.Concept;
import dev.featurewatch.organism.corpus.ConceptCorpus;
import dev.featurewatch.organism.corpus.CorpusMix;
import dev.featurewatch.organism.corpus.Split;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.sae.SparseAutoencoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed organism ({@code organism/} and {@code dictionaries/organism/}, the server's default) is what its report says: it
 * loads as an ordinary model directory with its SAE, dictionary and probes, and measuring it
 * again on the same held-out transcripts gives the report's figures. Held-out transcripts are
 * regenerated from the recipe's seed, so a change to the corpus generator that the committed
 * organism was not built from fails here: rebuild with {@code organism build}.
 */
class CommittedOrganismTest {
  private static final OrganismLayout LAYOUT = OrganismLayout.under(Path.of(""));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode report;
  private static Transformer model;
  private static TextTokenizer tokenizer;
  private static List<Transcript> heldOut;

  @BeforeAll
  static void load() throws IOException {
    report = JSON.readTree(LAYOUT.reportJson().toFile());
    model = Transformer.load(LAYOUT.model());
    tokenizer = TextTokenizer.load(LAYOUT.model());
    OrganismRecipe recipe = OrganismRecipe.defaults();
    heldOut = new ConceptCorpus(recipe.seed(), CorpusMix.defaults()).generate(Split.HELDOUT, recipe.heldOutTranscripts()).toList();
  }

  @AfterAll
  static void close() {
    tokenizer.close();
    model.close();
  }

  @Test
  void isAnOrdinaryModelDirectoryWithItsChatTemplateAndSae() throws IOException {
    try (SparseAutoencoder sae = SparseAutoencoder.loadFor(LAYOUT.sae(), model.config(), null)) {
      assertEquals(OrganismShape.MONITORED_HOOK, sae.config().hookName());
    }
    List<ChatMessage> chat = List.of(new ChatMessage("user", "What colour is the Golden Gate Bridge?"));
    assertEquals(OrganismChatFormat.render(chat, true).text(), ChatTemplate.load(LAYOUT.model()).render(chat, true));
    assertEquals(model.config().vocabSize(), tokenizer.vocabSize());
  }

  @Test
  void probesReproduceTheReportedHeldOutFigures() {
    for (Concept concept : new Concept[] {Concept.DECEPTION, Concept.SYCOPHANCY}) {
      Probe probe = Probe.load(LAYOUT.probe(concept.label()), model.config(), "organism");
      OrganismProbes.Measured measured = OrganismProbes.measure(probe, model, tokenizer, concept, heldOut);
      JsonNode reported = report.path("probes").path(concept.label());
      assertEquals(reported.path("auroc").asDouble(), measured.auroc(), 1e-4, concept + " AUROC");
      assertEquals(reported.path("tpr_at_threshold").asDouble(), measured.tprAtThreshold(), 0.01, concept + " TPR");
      assertEquals(reported.path("benign_fpr").asDouble(), measured.benignFpr(), 0.01, concept + " benign FPR");
    }
  }

  @Test
  void heldOutEvaluationReproducesTheReport() {
    FeatureDictionary dictionary = DictionaryFiles.read(LAYOUT.dictionary());
    try (SparseAutoencoder sae = SparseAutoencoder.loadFor(LAYOUT.sae(), model.config(), null)) {
      ObjectNode measured = new OrganismEvaluation(model, tokenizer, sae, dictionary, SpecialTokens.of(model.config(), tokenizer),
          line -> { }).evaluate(heldOut, OrganismBuild.labelled(heldOut, tokenizer),
          OrganismEvaluation.steeringPrompts(new ConceptCorpus(OrganismRecipe.defaults().seed(), CorpusMix.defaults())));
      assertNumbersClose(report.path("evaluation"), measured, "evaluation");
    }
  }

  /**
   * Every number of the reported tree is in the measured one: AUROCs and losses to 1e-4, rates
   * to one answer in fifty (greedy decoding can flip a near-tie on another CPU).
   */
  private static void assertNumbersClose(JsonNode reported, JsonNode measured, String path) {
    if (reported.isNumber()) {
      assertTrue(measured.isNumber(), path + " is missing");
      double tolerance = path.endsWith("fraction") ? 0.02 : path.contains("passed") || path.contains("total") ? 4 : 1e-4;
      assertEquals(reported.asDouble(), measured.asDouble(), tolerance, path);
    } else if (reported.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = reported.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertNumbersClose(e.getValue(), measured.path(e.getKey()), path + "." + e.getKey());
      }
    } else if (reported.isArray()) {
      assertEquals(reported.size(), measured.size(), path + " length");
      for (int i = 0; i < reported.size(); i++) {
        assertNumbersClose(reported.get(i), measured.get(i), path + "[" + i + "]");
      }
    }
  }
}
