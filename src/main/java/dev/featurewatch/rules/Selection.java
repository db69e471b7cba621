package dev.featurewatch.rules;

import java.util.List;

/**
 * Which signal a rule reads: SAE features named by index, SAE features found by a dictionary query
 * (resolved once, when the rule set is compiled), or a linear probe's score.
 */
public sealed interface Selection {

  /** Features by SAE index ({@code features: [12, 40]}). */
  record Features(List<Integer> ids) implements Selection {
    public Features {
      ids = List.copyOf(ids);
    }
  }

  /** Features whose dictionary entries match a Lucene query ({@code query: 'label:deception'}). */
  record Query(String query) implements Selection {}

  /** A probe's per-token score, by the probe's name ({@code probe: deception}). */
  record Probe(String name) implements Selection {}
}
