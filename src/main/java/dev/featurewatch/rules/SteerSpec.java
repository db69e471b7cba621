package dev.featurewatch.rules;

import dev.featurewatch.sae.FeatureIntervention;

/**
 * How a steer rule moves its features: {@code steer: {mode: pin, value: 0}}.
 *
 * @param mode pin, nudge, mul or ablate (as in {@link FeatureIntervention.Kind})
 * @param value the pinned value, the amount added or the factor; 0 for ablate
 */
public record SteerSpec(FeatureIntervention.Kind mode, float value) {}
