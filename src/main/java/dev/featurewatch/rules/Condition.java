package dev.featurewatch.rules;

/**
 * When a rule fires: the {@link Aggregate} of its values over the last {@code window} tokens of its
 * {@link Scope} reaches {@code threshold} (greater or equal).
 *
 * @param scope which tokens enter the window
 * @param aggregate how the window is folded into one number
 * @param window N, the number of tokens in the window (at least 1)
 * @param above for {@link Aggregate#COUNT}: a value counts when strictly above this; NaN otherwise
 * @param threshold the aggregate that fires the rule; above 0, so tokens without activity never do
 */
public record Condition(Scope scope, Aggregate aggregate, int window, double above, double threshold) {}
