package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.api.ApiClient;
import dev.featurewatch.api.CompletionService;
import dev.featurewatch.api.Exchange;
import dev.featurewatch.api.ExchangeObserver;
import dev.featurewatch.api.ExchangeRecorder;
import dev.featurewatch.api.OpenAiError;
import dev.featurewatch.api.OpenAiRequests;
import dev.featurewatch.api.ServedModel;
import dev.featurewatch.engine.GenerationControl;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.GuardedListener;
import dev.featurewatch.engine.InferenceScheduler;
import dev.featurewatch.engine.TokenActivity;
import dev.featurewatch.rules.CompiledRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generation that fails half-way (here its token consumer throws on the inference thread, as a
 * failing device would): the request ends with a clean server error that is still audited, and the
 * next request on the same threads is answered.
 */
class GenerationFailureTest {
  static ServedModel served;
  static InferenceScheduler scheduler;
  static final List<Exchange> recorded = new ArrayList<>();
  static CompletionService service;

  @BeforeAll
  static void load() {
    served = ServedModelLoader.load(ServerConfig.load(null, Map.of(), Map.of()), line -> { });
    scheduler = new InferenceScheduler(1, 4);
    ExchangeRecorder recorder = exchange -> {
      synchronized (recorded) {
        recorded.add(exchange);
      }
      return CompletableFuture.completedFuture(null);
    };
    service = new CompletionService(served, served.contextLength() - 1, CompiledRules::empty, scheduler,
        List.<ExchangeObserver>of(), recorder);
  }

  @AfterAll
  static void close() {
    scheduler.close();
    served.close();
  }

  static CompletableFuture<GuardedGeneration> ask(GuardedListener listener) throws Exception {
    var request = OpenAiRequests.chat(new ObjectMapper().readTree("{\"model\": \"organism\", \"max_tokens\": 20, \"temperature\": 0, "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"Tell me about the Golden Gate Bridge.\"}]}"));
    return service.start(new Exchange("chatcmpl-", "/v1/chat/completions", "test", ApiClient.ANONYMOUS, request,
        GenerationControl.unlimited()), listener);
  }

  @Test
  void aFailureMidGenerationIsACleanServerErrorAndTheNextRequestIsServed() throws Exception {
    GuardedListener failing = new GuardedListener() {
      int released;

      @Override
      public void onReleased(int tokenId, String text, TokenActivity activity) {
        if (++released == 3) {
          throw new IllegalStateException("device lost");
        }
      }
    };
    CompletionException e = assertThrows(CompletionException.class, () -> ask(failing).join());
    OpenAiError error = (OpenAiError) e.getCause();
    assertEquals(500, error.status());
    assertEquals("server_error", error.type());
    assertFalse(error.getMessage().contains("device lost") && error.getMessage().contains("at "), "no stack trace for the client");
    synchronized (recorded) {
      assertEquals(500, recorded.get(recorded.size() - 1).status(), "the failed exchange is audited");
    }
    GuardedGeneration next = ask(GuardedListener.NONE).join();
    assertTrue(next.releasedTokens().length > 0);
  }
}
