package dev.featurewatch.organism.lm;

/**
 * What a finished run reports.
 *
 * @param steps optimiser steps of the run
 * @param initialHeldOutLoss held-out loss before the first step (NaN when the run was resumed)
 * @param heldOutLoss held-out loss after the last step, nats per token
 * @param parameterCount trained values
 */
public record LmRunSummary(int steps, double initialHeldOutLoss, double heldOutLoss, long parameterCount) {}
