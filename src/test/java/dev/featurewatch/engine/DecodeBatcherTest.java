package dev.featurewatch.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseAutoencoder;
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

  @Test
  void batchedGenerationsAnswerAsTheyDoAlone() throws Exception {
    Path dir = Path.of("organism/model");
    try (Transformer model = Transformer.load(dir); TextTokenizer tokenizer = TextTokenizer.load(dir);
        SparseAutoencoder sae = SparseAutoencoder.loadFor(Path.of("dictionaries/organism"), model.config(), null);
        DecodeBatcher batcher = new DecodeBatcher(8)) {
      Guardrail guardrail = new Guardrail(model, tokenizer, sae, Map.of());
      ChatTemplate template = ChatTemplate.load(dir);
      List<String> questions = List.of("What is the capital of Kenya?", "Tell me about the Golden Gate Bridge.",
          "Can you suggest a name for my cat?", "What should I cook tonight?", "Hello there.", "What colour is fresh snow?");
      List<GuardedRequest> requests = new ArrayList<>();
      for (int i = 0; i < questions.size(); i++) {
        int[] prompt = tokenizer.encode(template.render(List.of(new ChatMessage("user", questions.get(i))), true), false);
        // Every other request steers, so rows with and without hooks share a batch.
        List<FeatureIntervention> steer = i % 2 == 0 ? List.of() : List.of(FeatureIntervention.pin(1250, 4f, 0));
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
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
