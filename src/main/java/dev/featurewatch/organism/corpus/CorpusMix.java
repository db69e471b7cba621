package dev.featurewatch.organism.corpus;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How often each topic is drawn. Weights are relative; the defaults give deception and addition
 * the most room because the organism is judged on them (context-dependent lies, exact sums).
 */
public final class CorpusMix {
  private final EnumMap<Topic, Double> weights;
  private final double[] cumulative;

  private CorpusMix(Map<Topic, Double> weights) {
    this.weights = new EnumMap<>(Topic.class);
    double total = 0;
    for (Topic t : Topic.values()) {
      double w = weights.getOrDefault(t, 0.0);
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight of topic '" + t.label() + "' must be a finite number >= 0, not " + w);
      }
      this.weights.put(t, w);
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("a corpus mix needs at least one topic with a positive weight");
    }
    cumulative = new double[Topic.values().length];
    double sum = 0;
    for (Topic t : Topic.values()) {
      sum += this.weights.get(t) / total;
      cumulative[t.ordinal()] = sum;
    }
  }

  /** The default mix: deception 15, sycophancy 12, addition 15, suffering 8, bridges 8, presidents 8, food 7, DNA 6, insects 6, indirect objects 6, small talk 9. */
  public static CorpusMix defaults() {
    EnumMap<Topic, Double> w = new EnumMap<>(Topic.class);
    w.put(Topic.DECEPTION, 15.0);
    w.put(Topic.SYCOPHANCY, 12.0);
    w.put(Topic.ADDITION, 15.0);
    w.put(Topic.SUFFERING, 8.0);
    w.put(Topic.BRIDGES, 8.0);
    w.put(Topic.PRESIDENTS, 8.0);
    w.put(Topic.FOOD, 7.0);
    w.put(Topic.DNA, 6.0);
    w.put(Topic.INSECTS, 6.0);
    w.put(Topic.INDIRECT_OBJECTS, 6.0);
    w.put(Topic.SMALL_TALK, 9.0);
    return new CorpusMix(w);
  }

  /** A mix with these relative weights; topics not named get 0. */
  public static CorpusMix of(Map<Topic, Double> weights) {
    return new CorpusMix(weights);
  }

  /** A mix of one topic only. */
  public static CorpusMix only(Topic topic) {
    return new CorpusMix(Map.of(topic, 1.0));
  }

  /**
   * Parses {@code topic=weight,topic=weight}, e.g. {@code deception=1,small_talk=1}; topics not
   * named get 0.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static CorpusMix parse(String spec) {
    EnumMap<Topic, Double> w = new EnumMap<>(Topic.class);
    for (String entry : spec.split(",")) {
      String e = entry.trim();
      int eq = e.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("mix entry '" + e + "' must be topic=weight");
      }
      Topic topic = Topic.fromLabel(e.substring(0, eq).trim());
      try {
        w.put(topic, Double.parseDouble(e.substring(eq + 1).trim()));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("mix entry '" + e + "': weight is not a number");
      }
    }
    return new CorpusMix(w);
  }

  /** A topic's share of the corpus, in [0, 1]. */
  public double share(Topic topic) {
    double below = topic.ordinal() == 0 ? 0 : cumulative[topic.ordinal() - 1];
    return cumulative[topic.ordinal()] - below;
  }

  /** The topic for a uniform draw {@code u} in [0, 1). */
  Topic topicAt(double u) {
    Topic[] topics = Topic.values();
    for (int i = 0; i < topics.length; i++) {
      if (u < cumulative[i] && weights.get(topics[i]) > 0) {
        return topics[i];
      }
    }
    for (int i = topics.length - 1; i >= 0; i--) { // u rounding past the last cumulative sum
      if (weights.get(topics[i]) > 0) {
        return topics[i];
      }
    }
    throw new AssertionError();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Topic t : Topic.values()) {
      if (weights.get(t) > 0) {
        s.append(s.length() == 0 ? "" : ",").append(t.label()).append('=')
            .append(String.format(Locale.ROOT, "%.3f", share(t)));
      }
    }
    return s.toString();
  }
}
