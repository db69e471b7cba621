package dev.featurewatch.engine;

import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.SpecialTokens;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseAutoencoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the server monitors with, shared by every request and read-only: the SAE at its hook, the
 * probes, and the tokens that carry no meaning (BOS, EOS, padding). Each request gets its own
 * {@link RequestMonitor} from it.
 */
public final class Guardrail {
  private final SparseAutoencoder sae;
  private final HookPoint saeHook;
  private final Set<Integer> skipTokens;
  private final Map<String, Probe> probes;
  private final List<String> probeNames;
  private final int bosTokenId;

  /**
   * @param probes by name, in the order their scores are reported
   */
  public Guardrail(Transformer model, TextTokenizer tokenizer, SparseAutoencoder sae, Map<String, Probe> probes) {
    sae.checkCompatible(model.config());
    this.sae = sae;
    this.saeHook = sae.config().hookPoint();
    this.skipTokens = SpecialTokens.of(model.config(), tokenizer);
    this.probes = new LinkedHashMap<>(probes);
    this.probeNames = List.copyOf(probes.keySet());
    this.bosTokenId = tokenizer != null && tokenizer.bosTokenId().isPresent() ? tokenizer.bosTokenId().getAsInt()
        : model.config().bosTokenId();
  }

  public SparseAutoencoder sae() {
    return sae;
  }

  public HookPoint saeHook() {
    return saeHook;
  }

  /** Names of the loaded probes, in the order of {@link TokenActivity#probeScores()}. */
  public List<String> probeNames() {
    return probeNames;
  }

  public Map<String, Probe> probes() {
    return java.util.Collections.unmodifiableMap(probes);
  }

  Set<Integer> skipTokens() {
    return skipTokens;
  }

  int bosTokenId() {
    return bosTokenId;
  }

  /**
   * A monitor for one request.
   *
   * @param rules the snapshot to check against for the whole request
   * @param steering the request's own interventions
   */
  public RequestMonitor open(CompiledRules rules, List<FeatureIntervention> steering) {
    return new RequestMonitor(this, rules, steering);
  }
}
