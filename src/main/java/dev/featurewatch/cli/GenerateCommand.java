package dev.featurewatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.featurewatch.engine.Generation;
import dev.featurewatch.engine.GenerationRequest;
import dev.featurewatch.engine.Generator;
import dev.featurewatch.engine.TokenListener;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Generates from a model directory, streaming text to the terminal; with {@code --json}, prints
 * the prompt's logits and the greedy continuation as one JSON object (the conformance format of
 * the shared fixtures) and nothing else on stdout.
 */
@Command(name = "generate", description = "Generate text (or token ids) from a Hugging Face model directory.")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Prompt prompt;

  static final class Prompt {
    @Option(names = "--prompt", description = "Prompt text (needs tokenizer.json).")
    String text;

    @Option(names = "--prompt-tokens", split = ",", description = "Prompt as comma-separated token ids.")
    int[] tokens;
  }

  @Option(names = "--chat", description = "Render the prompt as a user message with the model's chat template.")
  boolean chat;

  @Option(names = "--system", description = "System message for --chat.")
  String system;

  @Option(names = "--max-tokens", defaultValue = "128", description = "Tokens to generate (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", defaultValue = "0.8", description = "0 for greedy (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens, 0 for all (default ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--top-p", defaultValue = "0.95", description = "Nucleus probability mass (default ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", description = "Random seed; the same seed gives the same tokens.")
  Long seed;

  @Option(names = "--stop", description = "Stop string (repeatable).")
  List<String> stopStrings = new ArrayList<>();

  @Option(names = "--stop-token", split = ",", description = "Stop token ids.")
  int[] stopTokens = new int[0];

  @Option(names = "--ignore-eos", description = "Keep generating through end-of-sequence tokens.")
  boolean ignoreEos;

  @Option(names = "--json", description = "Print {\"prompt\",\"logits\",\"greedy\"} as JSON (needs --temperature 0).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (json && temperature != 0) {
      throw new UsageException("--json reports greedy decoding: pass --temperature 0");
    }
    if (chat && prompt.text == null) {
      throw new UsageException("--chat needs --prompt TEXT");
    }
    SamplingParams sampling = new SamplingParams(temperature, topK, topP, seed, maxTokens, stopTokens, stopStrings);
    TextTokenizer tokenizer = model.tokenizerOrNull();
    try (Transformer transformer = model.load()) {
      int[] promptTokens = promptTokens(tokenizer);
      GenerationRequest request = new GenerationRequest(promptTokens, sampling, Hooks.none(), ignoreEos || json, json);
      Generator generator = new Generator(transformer, tokenizer);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        printJson(out, generator.generate(request, TokenListener.NONE));
      } else {
        Generation g = generator.generate(request, streamTo(out, tokenizer != null));
        out.println();
        out.flush();
        spec.commandLine().getErr().printf("[%d prompt tokens, %d generated, finish %s; prefill %.1f tok/s, decode %.1f tok/s]%n",
            promptTokens.length, g.tokens().length, g.finishReason().name().toLowerCase(java.util.Locale.ROOT),
            g.prefillTokensPerSecond(), g.decodeTokensPerSecond());
      }
      return 0;
    } finally {
      if (tokenizer != null) {
        tokenizer.close();
      }
    }
  }

  private int[] promptTokens(TextTokenizer tokenizer) {
    if (prompt.tokens != null) {
      return prompt.tokens;
    }
    if (tokenizer == null) {
      throw new UsageException(model.directory + " has no tokenizer.json: pass the prompt as --prompt-tokens");
    }
    if (!chat) {
      return tokenizer.encode(prompt.text, tokenizer.addBosByDefault());
    }
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(new ChatMessage("system", system));
    }
    messages.add(new ChatMessage("user", prompt.text));
    // Templates write BOS themselves, as Hugging Face's apply_chat_template assumes.
    return tokenizer.encode(ChatTemplate.load(model.directory).render(messages, true), false);
  }

  private static TokenListener streamTo(PrintWriter out, boolean hasText) {
    return new TokenListener() {
      @Override
      public void onToken(int tokenId, String text) {
        out.print(hasText ? text : tokenId + " ");
        out.flush();
      }

      @Override
      public void onHeldBackText(String text) {
        out.print(text);
        out.flush();
      }
    };
  }

  private static void printJson(PrintWriter out, Generation g) throws IOException {
    // Leave stdout open after the generator closes.
    try (JsonGenerator json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("prompt");
      for (int t : g.promptTokens()) {
        json.writeNumber(t);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("logits");
      for (float[] row : g.promptLogits()) {
        json.writeStartArray();
        for (float v : row) {
          json.writeNumber(v); // shortest float text: round-trips exactly
        }
        json.writeEndArray();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("greedy");
      for (int t : g.tokens()) {
        json.writeNumber(t);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.println();
    out.flush();
  }
}
