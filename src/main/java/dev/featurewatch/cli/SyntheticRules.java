package dev.featurewatch.cli;

import dev.featurewatch.rules.CompiledRules;
import dev.featurewatch.rules.RuleCompiler;
import dev.featurewatch.rules.RuleFileParser;
import dev.featurewatch.rules.RuleValidationException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Many plausible rules for the rule-evaluation benchmark: each reads one to three random features
 * with a random window, aggregate and threshold, written as YAML and compiled like real rule files.
 */
final class SyntheticRules {
  private static final String[] AGGREGATES = {"max", "mean", "count"};

  private SyntheticRules() {}

  static CompiledRules compile(int count, int dSae, long seed) throws RuleValidationException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < count; i++) {
      int features = 1 + random.nextInt(3);
      StringBuilder ids = new StringBuilder();
      for (int f = 0; f < features; f++) {
        ids.append(f == 0 ? "" : ", ").append(random.nextInt(dSae));
      }
      String aggregate = AGGREGATES[random.nextInt(AGGREGATES.length)];
      int window = 1 + random.nextInt(8);
      yaml.append(i == 0 ? "" : "---\n")
          .append("id: synthetic-").append(i).append('\n')
          .append("select: {features: [").append(ids).append("]}\n")
          .append("condition: {scope: both, aggregate: ").append(aggregate)
          .append(", window: ").append(window)
          .append(aggregate.equals("count") ? ", above: 1.0, threshold: " + Math.min(2, window) : ", threshold: " + (1 + random.nextInt(4)))
          .append("}\naction: flag\nmode: shadow\n");
    }
    RuleFileParser.Result parsed = new RuleFileParser().parse("synthetic.yaml", yaml.toString());
    if (!parsed.problems().isEmpty()) {
      throw new RuleValidationException(parsed.problems());
    }
    return new RuleCompiler(null, List.of(), dSae).compile(parsed.rules());
  }
}
