package dev.featurewatch.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.SparseFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent monitored generations decoded in shared batches give exactly the answers they give alone. */
class DecodeBatcherTest {

  /**
   * The same active features with the same values. A batched matrix product may differ from a
   * single-row one in the last bits, which can swap two nearly equal features in the order, or
   * across TopK's k-th place; nothing more.
   */
  static void assertSameFeatures(SparseFeatures a, SparseFeatures b, String where) {
    java.util.Map<Integer, Float> left = new java.util.HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      left.put(a.ids()[i], a.values()[i]);
    }
    int unmatched = 0;
    for (int i = 0; i < b.size(); i++) {
      Float v = left.get(b.ids()[i]);
      if (v == null) {
        unmatched++;
      } else {
        assertTrue(Math.abs(v - b.values()[i]) < 1e-3, where + ": feature " + b.ids()[i] + " " + v + " vs " + b.values()[i]);
      }
    }
    assertTrue(unmatched <= 1, where + ": " + unmatched + " features differ");
  }

  @Test
  void batchedGenerationsAnswerAsTheyDoAlone() throws Exception {
    Path dir = Path.of("organism/model");
    try (Transformer model = Transformer.load(dir); TextTokenizer tokenizer = TextTokenizer.load(dir);
        SparseAutoencoder sae = SparseAutoencoder.loadFor(Path.of("dictionaries/organism"), model.config(), null);
        DecodeBatcher batcher = new DecodeBatcher(8)) {
      Map<String, Probe> probes = new java.util.LinkedHashMap<>();
      for (String name : List.of("deception", "sycophancy")) {
        probes.put(name, Probe.load(Path.of("organism/probes", name)));
      }
      Guardrail guardrail = new Guardrail(model, tokenizer, sae, probes);
      ChatTemplate template = ChatTemplate.load(dir);
      List<String> questions = List.of("What is the capital of Kenya?", "Tell me about the Golden Gate Bridge.",
          "Can you suggest a name for my cat?", "What should I cook tonight?", "Hello there.", "What colour is fresh snow?");
      List<GuardedRequest> requests = new ArrayList<>();
      for (int i = 0; i < questions.size(); i++) {
        int[] prompt = tokenizer.encode(template.render(List.of(new ChatMessage("user", questions.get(i))), true), false);
        // Two of six steer: batches where every row's readouts run together, and mixed ones.
        List<FeatureIntervention> steer = i < 4 ? List.of() : List.of(FeatureIntervention.pin(1250, 4f, 0));
        requests.add(new GuardedRequest(prompt, SamplingParams.greedy(24), steer, CompiledRules.empty(), true));
      }
      GuardedGenerator alone = new GuardedGenerator(model, tokenizer, guardrail);
      GuardedGenerator batched = new GuardedGenerator(model, tokenizer, guardrail, batcher);
      ExecutorService pool = Executors.newFixedThreadPool(requests.size());
      try {
        List<Future<GuardedGeneration>> futures = new ArrayList<>();
        for (GuardedRequest r : requests) {
          futures.add(pool.submit(() -> {
            dev.featurewatch.model.GradientMode.disableOnThisThread();
            return batched.generate(r, GenerationControl.unlimited(), GuardedListener.NONE);
          }));
        }
        for (int i = 0; i < requests.size(); i++) {
          GuardedGeneration together = futures.get(i).get();
          GuardedGeneration single = alone.generate(requests.get(i), GenerationControl.unlimited(), GuardedListener.NONE);
          assertArrayEquals(single.releasedTokens(), together.releasedTokens(), "request " + i);
          assertTrue(together.releasedTokens().length == 24);
          // What the monitor read is the same too: features and probe scores of every token.
          for (int t = 0; t < single.activity().size(); t++) {
            TokenActivity a = single.activity().get(t);
            TokenActivity b = together.activity().get(t);
            assertSameFeatures(a.features(), b.features(), "request " + i + " token " + t);
            assertArrayEquals(a.probeScores(), b.probeScores(), 1e-4);
          }
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
