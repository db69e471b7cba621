package dev.featurewatch.engine;

import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Sampler;
import dev.featurewatch.model.StopStringMatcher;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs one generation: prefill the prompt, then sample and decode token by token until a stop
 * token, a stop string or the token limit. Blocking; call it from an inference thread, never an
 * event loop.
 */
public final class Generator {
  private final Transformer model;
  private final TextTokenizer tokenizer;
  private final Set<Integer> endOfSequence;

  /**
   * @param model the shared model
   * @param tokenizer for stop strings and streamed text, or null for a model without one
   */
  public Generator(Transformer model, TextTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.endOfSequence = new HashSet<>(model.config().eosTokenIds());
    if (tokenizer != null) {
      tokenizer.eosTokenId().ifPresent(endOfSequence::add);
    }
  }

  /** Generates, reporting each token to {@code listener} as it is produced. */
  public Generation generate(GenerationRequest request, TokenListener listener) {
    Sampler sampler = new Sampler(request.sampling());
    OutputText output = new OutputText(tokenizer, request.sampling().stopStrings());
    int maxTokens = request.sampling().maxTokens();
    int[] generated = new int[maxTokens];
    int count = 0;
    FinishReason finish = FinishReason.LENGTH;
    boolean stoppedByString = false;

    try (InferenceSession session = model.newSession()) {
      long start = System.nanoTime();
      float[][] promptLogits = null;
      float[] logits;
      if (request.returnPromptLogits()) {
        promptLogits = session.forwardAll(request.promptTokens(), request.hooks());
        logits = promptLogits[promptLogits.length - 1];
      } else {
        logits = session.forward(request.promptTokens(), request.hooks());
      }
      long prefillEnd = System.nanoTime();

      while (count < maxTokens) {
        int token = sampler.sample(logits);
        if (sampler.isStopToken(token) || (!request.ignoreEos() && endOfSequence.contains(token))) {
          finish = FinishReason.STOP;
          break;
        }
        generated[count++] = token;
        StopStringMatcher.Result r = output.offer(token);
        listener.onToken(token, r.text());
        if (r.stopped()) {
          finish = FinishReason.STOP;
          stoppedByString = true;
          break;
        }
        if (count < maxTokens) {
          logits = session.forward(new int[] {token}, request.hooks());
        }
      }
      if (!stoppedByString) {
        String rest = output.flush();
        if (!rest.isEmpty()) {
          listener.onHeldBackText(rest);
        }
      }
      long end = System.nanoTime();
      return new Generation(request.promptTokens(), Arrays.copyOf(generated, count), output.text(), finish,
          promptLogits, prefillEnd - start, end - prefillEnd);
    }
  }
}
