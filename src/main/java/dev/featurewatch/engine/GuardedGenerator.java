package dev.featurewatch.engine;

import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Sampler;
import dev.featurewatch.model.StopStringMatcher;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.rules.RuleHit;
import dev.featurewatch.rules.TokenSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's generation loop: every prompt and output token is read by the guardrail, and no
 * output token leaves before its own activations were checked.
 *
 * <p>A sampled token is fed through the model at once; that pass yields both the token's own
 * activations, which the rules check, and the logits for the next token. Only then is the token
 * released, or, when an enforce rule asks for a longer {@code hold_back}, once that many tokens
 * (itself included) have been checked, so a windowed rule sees its whole window before any of it is
 * sent. An enforced block ends the generation and drops everything not yet released: no token past
 * the trigger leaks. Blocking; runs on an inference thread.
 */
public final class GuardedGenerator {
  private final Transformer model;
  private final TextTokenizer tokenizer;
  private final Guardrail guardrail;
  private final Set<Integer> endOfSequence;
  private final DecodeBatcher batcher;

  public GuardedGenerator(Transformer model, TextTokenizer tokenizer, Guardrail guardrail) {
    this(model, tokenizer, guardrail, null);
  }

  /** @param batcher batches concurrent generations' decode steps into one pass, or null to decode alone */
  public GuardedGenerator(Transformer model, TextTokenizer tokenizer, Guardrail guardrail, DecodeBatcher batcher) {
    this.batcher = batcher;
    this.model = model;
    this.tokenizer = tokenizer;
    this.guardrail = guardrail;
    this.endOfSequence = new HashSet<>(model.config().eosTokenIds());
    if (tokenizer != null) {
      tokenizer.eosTokenId().ifPresent(endOfSequence::add);
    }
  }

  public Guardrail guardrail() {
    return guardrail;
  }

  /** A token checked but not yet released, with the text it makes safe to send. */
  private record Pending(int tokenId, String text, TokenActivity activity) {}

  /** What has left the server: the tokens, their text, when the first went; each release told to the listener. */
  private static final class Released {
    private final int[] tokens;
    private final StringBuilder text = new StringBuilder();
    private final long start;
    private final GuardedListener listener;
    private int count;
    private long firstTokenNanos = -1;

    Released(int maxTokens, long start, GuardedListener listener) {
      this.tokens = new int[maxTokens];
      this.start = start;
      this.listener = listener;
    }

    void add(Pending p) {
      tokens[count++] = p.tokenId();
      text.append(p.text());
      firstTokenNanos = firstTokenNanos < 0 ? System.nanoTime() - start : firstTokenNanos;
      listener.onReleased(p.tokenId(), p.text(), p.activity());
    }

    /** Text held back to the end (a possible stop string that was not one); no token of its own. */
    void addHeldBackText(String rest) {
      text.append(rest);
      listener.onReleased(-1, rest, null);
    }

    int[] tokens() {
      return Arrays.copyOf(tokens, count);
    }

    String text() {
      return text.toString();
    }

    long firstTokenNanos() {
      return firstTokenNanos;
    }
  }

  public GuardedGeneration generate(GuardedRequest request, GenerationControl control, GuardedListener listener) {
    long start = System.nanoTime();
    Sampler sampler = new Sampler(request.sampling());
    OutputText output = new OutputText(tokenizer, request.sampling().stopStrings());
    RequestMonitor monitor = guardrail.open(request.rules(), request.steering());
    int holdBack = request.rules().holdBack();
    int maxTokens = request.sampling().maxTokens();
    int[] prompt = request.promptTokens();
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    Released released = new Released(maxTokens, start, listener);
    FinishReason finish = FinishReason.LENGTH;

    InferenceSession session = model.newSession();
    try (session) {
      float[] logits = session.forward(prompt, monitor.hooks());
      report(listener, monitor.afterPass(0, prompt, TokenSource.PROMPT));
      long prefill = System.nanoTime() - start;
      int generated = 0;
      boolean stopString = false;
      while (!monitor.isStopped()) {
        if (control.isCancelled()) {
          finish = FinishReason.CANCELLED;
          break;
        }
        if (control.isPastDeadline()) {
          finish = FinishReason.TIME_LIMIT;
          break;
        }
        if (generated == maxTokens) {
          finish = FinishReason.LENGTH;
          break;
        }
        int token = sampler.sample(logits);
        if (sampler.isStopToken(token) || (!request.ignoreEos() && endOfSequence.contains(token))) {
          finish = FinishReason.STOP;
          break;
        }
        int position = prompt.length + generated++;
        StopStringMatcher.Result text = output.offer(token);
        logits = decode(session, token, monitor.hooks()); // this token's own activations
        report(listener, monitor.afterPass(position, new int[] {token}, TokenSource.OUTPUT));
        if (monitor.isStopped()) {
          break;
        }
        List<TokenActivity> read = monitor.activity();
        pending.add(new Pending(token, text.text(), read.get(read.size() - 1)));
        while (pending.size() >= holdBack) {
          released.add(pending.poll());
        }
        if (text.stopped()) {
          finish = FinishReason.STOP;
          stopString = true;
          break;
        }
      }
      RuleHit block = monitor.evaluator().stoppedBy().orElse(null);
      if (block != null) {
        finish = FinishReason.CONTENT_FILTER;
      } else if (finish != FinishReason.CANCELLED) {
        pending.forEach(released::add);
        String rest = stopString ? "" : output.flush();
        if (!rest.isEmpty()) {
          released.addHeldBackText(rest);
        }
      }
      return new GuardedGeneration(prompt, released.tokens(), released.text(), finish, monitor.hits(),
          monitor.activity(), block, sampler.seed(), prefill, released.firstTokenNanos(), System.nanoTime() - start);
    } finally {
      if (batcher != null) {
        batcher.leave(session); // so that no batched pass waits for a generation that has ended
      }
    }
  }

  private float[] decode(InferenceSession session, int token, dev.featurewatch.model.Hooks hooks) {
    return batcher == null ? session.forward(new int[] {token}, hooks) : batcher.decode(session, token, hooks);
  }

  private static void report(GuardedListener listener, List<RuleHit> hits) {
    if (!hits.isEmpty()) {
      listener.onHits(hits);
    }
  }
}
