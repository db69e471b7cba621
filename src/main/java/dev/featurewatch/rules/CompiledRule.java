package dev.featurewatch.rules;

import dev.featurewatch.sae.FeatureIntervention;
import java.util.Arrays;
import java.util.List;

/**
 * A rule resolved for the hot path: its features as sorted SAE indices (or its probe's slot), and
 * the interventions a steer rule applies, built once.
 *
 * @param ordinal position in its {@link CompiledRules}, the index the evaluator's arrays use
 * @param definition the rule as written
 * @param features selected SAE features, ascending; empty for a probe rule or a query that matched
 *     nothing
 * @param probeSlot index into the per-token probe scores ({@link CompiledRules#probeNames()}), or
 *     -1 when the rule reads features
 */
public record CompiledRule(int ordinal, RuleDefinition definition, int[] features, int probeSlot) {
  public CompiledRule {
    features = features.clone();
    Arrays.sort(features);
  }

  @Override
  public int[] features() {
    return features.clone();
  }

  public String id() {
    return definition.id();
  }

  public Condition condition() {
    return definition.condition();
  }

  public boolean readsProbe() {
    return probeSlot >= 0;
  }

  /** The interventions of a steer rule that fires at {@code position}: its features, from the next position on. */
  List<FeatureIntervention> interventionsAfter(int position) {
    SteerSpec steer = definition.action().steer();
    if (steer == null) {
      return List.of();
    }
    FeatureIntervention[] out = new FeatureIntervention[features.length];
    for (int i = 0; i < features.length; i++) {
      out[i] = new FeatureIntervention(features[i], steer.mode(), steer.value(), position + 1);
    }
    return List.of(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompiledRule c && c.ordinal == ordinal && c.definition.equals(definition)
        && Arrays.equals(c.features, features) && c.probeSlot == probeSlot;
  }

  @Override
  public int hashCode() {
    return 31 * definition.hashCode() + Arrays.hashCode(features);
  }

  @Override
  public String toString() {
    return "CompiledRule[" + id() + ", features=" + Arrays.toString(features) + ", probeSlot=" + probeSlot + "]";
  }
}
