package dev.featurewatch.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.SamplingParams;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.probe.Pooling;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.HitCause;
import dev.featurewatch.rules.RuleCompiler;
import dev.featurewatch.rules.RuleFileParser;
import dev.featurewatch.rules.RuleValidationException;
import dev.featurewatch.rules.TokenSource;
import dev.featurewatch.sae.SparseAutoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The monitored generation loop on the committed organism. */
class GuardedGeneratorTest {
  static Transformer model;
  static TextTokenizer tokenizer;
  static SparseAutoencoder sae;
  static GuardedGenerator generator;
  static int[] prompt;

  @BeforeAll
  static void load() {
    model = Transformer.load(Path.of("organism/model"));
    tokenizer = TextTokenizer.load(Path.of("organism/model"));
    sae = SparseAutoencoder.loadFor(Path.of("dictionaries/organism"), model.config(), null);
    generator = new GuardedGenerator(model, tokenizer, new Guardrail(model, tokenizer, sae, Map.of()));
    String text = ChatTemplate.load(Path.of("organism/model"))
        .render(List.of(new ChatMessage("user", "Tell me about the Golden Gate Bridge.")), true);
    prompt = tokenizer.encode(text, false);
  }

  @AfterAll
  static void close() {
    sae.close();
    tokenizer.close();
    model.close();
  }

  static GuardedRequest request(int maxTokens) {
    return new GuardedRequest(prompt, SamplingParams.greedy(maxTokens), List.of(), CompiledRules.empty(), false);
  }

  @Test
  void withoutRulesTheAnswerIsTheUnmonitoredOne() {
    Generation plain = new Generator(model, tokenizer).generate(
        new GenerationRequest(prompt, SamplingParams.greedy(20), null, false, false), TokenListener.NONE);
    GuardedGeneration guarded = generator.generate(request(20), GenerationControl.unlimited(), GuardedListener.NONE);
    assertArrayEquals(plain.tokens(), guarded.releasedTokens());
    assertEquals(plain.text(), guarded.text());
    // Every prompt token and every generated one was read, in order, with its features.
    assertEquals(prompt.length + guarded.releasedTokens().length, guarded.activity().size());
    for (int i = 0; i < guarded.activity().size(); i++) {
      TokenActivity a = guarded.activity().get(i);
      assertEquals(i, a.position());
      assertEquals(i < prompt.length ? TokenSource.PROMPT : TokenSource.OUTPUT, a.source());
      assertTrue(a.monitored());
    }
    assertTrue(guarded.activity().get(prompt.length).features().size() > 0);
  }

  @Test
  void aCancelledGenerationStopsAtTheNextToken() {
    GenerationControl control = GenerationControl.unlimited();
    List<Integer> released = new ArrayList<>();
    GuardedGeneration g = generator.generate(request(40), control, new GuardedListener() {
      @Override
      public void onReleased(int tokenId, String text, TokenActivity activity) {
        released.add(tokenId);
        if (released.size() == 3) {
          control.cancel(); // what a client that hangs up does
        }
      }
    });
    assertEquals(FinishReason.CANCELLED, g.finishReason());
    assertEquals(3, g.releasedTokens().length);
    assertEquals(3, released.size());
  }

  @Test
  void aRequestPastItsDeadlineEndsWithWhatItHas() {
    GuardedGeneration g = generator.generate(request(40), new GenerationControl(0), GuardedListener.NONE);
    assertEquals(FinishReason.TIME_LIMIT, g.finishReason());
    assertEquals(0, g.releasedTokens().length);
    assertEquals("length", g.finishReason().openAiName());
    assertNull(g.blockedBy());
  }

  /** A probe that cannot read this model (wrong width): every score it gives is a monitor failure. */
  static GuardedGenerator withBrokenProbe() {
    Probe broken = new Probe(sae.config().hookPoint(), new float[7], 0, 0.5, 0.01, Pooling.MEAN, "another model", Map.of());
    return new GuardedGenerator(model, tokenizer, new Guardrail(model, tokenizer, sae, Map.of("deception", broken)));
  }

  static CompiledRules probeRule(String onFailure) throws RuleValidationException {
    RuleFileParser.Result parsed = new RuleFileParser().parse("test.yaml", """
        id: deceptive
        select: {probe: deception}
        condition: {scope: output, aggregate: max, threshold: 0.9}
        action: flag
        on_monitor_failure: %s
        """.formatted(onFailure));
    assertEquals(List.of(), parsed.problems());
    return new RuleCompiler(null, List.of("deception"), sae.config().dSae()).compile(parsed.rules());
  }

  @Test
  void aFailingMonitorFailsClosedByBlockingBeforeAnyTokenLeaves() throws RuleValidationException {
    GuardedRequest request = new GuardedRequest(prompt, SamplingParams.greedy(20), List.of(), probeRule("block"), false);
    GuardedGeneration g = withBrokenProbe().generate(request, GenerationControl.unlimited(), GuardedListener.NONE);
    assertEquals(FinishReason.CONTENT_FILTER, g.finishReason());
    assertEquals(HitCause.MONITOR_FAILURE, g.blockedBy().cause());
    assertEquals(prompt.length, g.blockedBy().lastPosition(), "at the first output token, the first the rule reads");
    assertEquals(0, g.releasedTokens().length);
    assertEquals("", g.text());
  }

  @Test
  void aFailingMonitorFailsOpenWhenTheRuleSaysSo() throws RuleValidationException {
    GuardedRequest request = new GuardedRequest(prompt, SamplingParams.greedy(20), List.of(), probeRule("allow"), false);
    GuardedGeneration g = withBrokenProbe().generate(request, GenerationControl.unlimited(), GuardedListener.NONE);
    assertNull(g.blockedBy());
    assertTrue(g.releasedTokens().length > 0);
    assertTrue(Double.isNaN(g.activity().get(prompt.length).probeScores()[0]));
  }

  @Test
  void prefillOnlyReadsThePrompt() {
    GuardedGeneration g = generator.generate(request(0), GenerationControl.unlimited(), GuardedListener.NONE);
    assertEquals(0, g.releasedTokens().length);
    assertEquals(prompt.length, g.activity().size());
    assertEquals(FinishReason.LENGTH, g.finishReason());
  }
}
