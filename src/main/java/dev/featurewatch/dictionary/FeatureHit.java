package dev.featurewatch.dictionary;

/**
 * One feature matching a dictionary query.
 *
 * @param index the feature's index
 * @param score Lucene's relevance score (BM25 over label, explanation and tokens; constant for
 *     queries that only filter, such as numeric ranges)
 */
public record FeatureHit(int index, float score) {}
