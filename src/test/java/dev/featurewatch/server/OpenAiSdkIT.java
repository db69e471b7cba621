package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK, unchanged, against the real server. */
class OpenAiSdkIT {
  @TempDir static Path folder;
  static TestServer server;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(folder, Map.of(), Map.of());
    client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.server().port() + "/v1").apiKey("not-needed")
        .maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  static ChatCompletionCreateParams question(String text) {
    return ChatCompletionCreateParams.builder().model("organism").addUserMessage(text).maxCompletionTokens(16)
        .temperature(0.0).build();
  }

  @Test
  void chatCompletionsWholeAndStreamed() {
    ChatCompletion whole = client.chat().completions().create(question("Tell me about the Golden Gate Bridge."));
    String text = whole.choices().get(0).message().content().orElseThrow();
    assertFalse(text.isBlank());
    assertEquals(whole.usage().orElseThrow().promptTokens() + whole.usage().orElseThrow().completionTokens(),
        whole.usage().orElseThrow().totalTokens());
    // The extension reaches SDK users as an additional property.
    JsonValue extension = whole._additionalProperties().get("featurewatch");
    assertTrue(extension != null && extension.toString().contains("audit_id"), String.valueOf(extension));

    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions()
        .createStreaming(question("Tell me about the Golden Gate Bridge."))) {
      chunks.stream().forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append)));
    }
    assertEquals(text, streamed.toString());
  }

  @Test
  void legacyCompletionsAndModels() {
    Completion c = client.completions().create(CompletionCreateParams.builder().model("organism")
        .prompt("The Golden Gate Bridge").maxTokens(8).temperature(0.0).build());
    assertFalse(c.choices().get(0).text().isEmpty());
    List<Model> models = client.models().list().data();
    assertEquals("organism", models.get(0).id());
  }

  @Test
  void errorsAreTheSdksOwnExceptions() {
    assertThrows(NotFoundException.class, () -> client.chat().completions().create(
        ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hi").build()));
    BadRequestException bad = assertThrows(BadRequestException.class, () -> client.chat().completions().create(
        ChatCompletionCreateParams.builder().model("organism").addUserMessage("Hi").maxCompletionTokens(100_000).build()));
    assertTrue(bad.getMessage().contains("context length"), bad.getMessage());
  }
}
