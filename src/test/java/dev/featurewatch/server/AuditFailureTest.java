package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.api.ApiClient;
import dev.featurewatch.api.CompletionService;
import dev.featurewatch.api.Exchange;
import dev.featurewatch.api.ExchangeRecorder;
import dev.featurewatch.api.OpenAiError;
import dev.featurewatch.api.OpenAiRequests;
import dev.featurewatch.api.ServedModel;
import dev.featurewatch.engine.GenerationControl;
import dev.featurewatch.engine.GuardedGeneration;
import dev.featurewatch.engine.GuardedListener;
import dev.featurewatch.engine.InferenceScheduler;
import dev.featurewatch.rules.CompiledRules;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When the audit log cannot write, an answer is withheld (fail closed, the default) or sent anyway (fail open). */
class AuditFailureTest {
  static ServedModel served;
  static InferenceScheduler scheduler;

  @BeforeAll
  static void load() {
    served = ServedModelLoader.load(ServerConfig.load(null, Map.of(), Map.of()), line -> { });
    scheduler = new InferenceScheduler(1, 4);
  }

  @AfterAll
  static void close() {
    scheduler.close();
    served.close();
  }

  /** The audit log of a full disk. */
  static ExchangeRecorder fullDisk(boolean failClosed) {
    return new ExchangeRecorder() {
      @Override
      public CompletableFuture<Void> record(Exchange exchange) {
        return CompletableFuture.failedFuture(new IOException("No space left on device"));
      }

      @Override
      public boolean failClosed() {
        return failClosed;
      }
    };
  }

  static CompletableFuture<GuardedGeneration> ask(ExchangeRecorder recorder) throws Exception {
    CompletionService service = new CompletionService(served, served.contextLength() - 1, CompiledRules::empty, scheduler,
        List.of(), recorder);
    var request = OpenAiRequests.chat(new ObjectMapper().readTree(
        "{\"model\": \"organism\", \"max_tokens\": 4, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));
    return service.start(new Exchange("chatcmpl-", "/v1/chat/completions", "test", ApiClient.ANONYMOUS, request,
        GenerationControl.unlimited()), GuardedListener.NONE);
  }

  @Test
  void failClosedWithholdsTheAnswer() throws Exception {
    CompletionException e = assertThrows(CompletionException.class, () -> ask(fullDisk(true)).join());
    OpenAiError error = (OpenAiError) e.getCause();
    assertEquals(503, error.status());
    assertEquals("audit_unavailable", error.code());
  }

  @Test
  void failOpenSendsTheAnswerAnyway() throws Exception {
    GuardedGeneration g = ask(fullDisk(false)).join();
    assertTrue(g.releasedTokens().length > 0);
  }
}
