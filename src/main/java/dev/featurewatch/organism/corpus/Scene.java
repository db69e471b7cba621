package dev.featurewatch.organism.corpus;

import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.organism.OrganismChatFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One transcript being written: the split it is for, its random source, its turns, and the
 * record of every template and entity drawn. Scene families only call {@link #pick} for
 * split-dependent material, so a held-out transcript cannot pick up a train item by accident,
 * and every pick lands in {@link Transcript#sources()}.
 */
final class Scene {
  private final String topic;
  private final Split split;
  private final SplittableRandom random;
  private final List<Turn> turns = new ArrayList<>();
  private final Map<String, String> check = new LinkedHashMap<>();
  private final List<String> sources = new ArrayList<>();
  private String variant = "";

  /** @param topic the {@link Topic#label()} recorded in the transcript */
  Scene(String topic, Split split, SplittableRandom random) {
    this.topic = topic;
    this.split = split;
    this.random = random;
  }

  Split split() {
    return split;
  }

  /** An item of the pool that this scene's split may use; recorded in the sources. */
  <T> T pick(SplitPool<T> pool) {
    int index = pool.index(split, random.nextInt(pool.size(split)));
    sources.add(pool.sourceId(index));
    return pool.all().get(index);
  }

  /** An item of the pool other than {@code not} (compared with equals). */
  <T> T pickOther(SplitPool<T> pool, T not) {
    if (pool.size(split) < 2) {
      throw new IllegalStateException("pool " + pool.name() + " has fewer than two items for " + split.label());
    }
    int n = pool.size(split);
    while (true) {
      int index = pool.index(split, random.nextInt(n));
      T item = pool.all().get(index);
      if (!item.equals(not)) {
        sources.add(pool.sourceId(index));
        return item;
      }
    }
  }

  /** {@code n} different items of the pool, each recorded. */
  <T> List<T> pickDistinct(SplitPool<T> pool, int n) {
    if (pool.size(split) < n) {
      throw new IllegalStateException("pool " + pool.name() + " has fewer than " + n + " items for " + split.label());
    }
    List<T> picked = new ArrayList<>(n);
    while (picked.size() < n) {
      int index = pool.index(split, random.nextInt(pool.size(split)));
      T item = pool.all().get(index);
      if (!picked.contains(item)) {
        picked.add(item);
        sources.add(pool.sourceId(index));
      }
    }
    return picked;
  }

  /** A list element; for split-independent choices (facts' lies, numbers' words), not recorded. */
  <T> T any(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** A uniform integer in [lo, hi]. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  /** True with probability p. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /**
   * An index drawn with the given relative weights; scene families use it to choose a variant.
   */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Names the variant of this transcript. */
  void variant(String name) {
    this.variant = name;
  }

  /** Records a value for the evaluator. */
  void check(String key, String value) {
    check.put(key, value);
  }

  Turn system() {
    return turn("system");
  }

  Turn user() {
    return turn("user");
  }

  Turn assistant() {
    return turn("assistant");
  }

  private Turn turn(String role) {
    Turn t = new Turn(role);
    turns.add(t);
    return t;
  }

  /** Renders the turns and moves every span into the rendered text. */
  Transcript build(String id) {
    if (variant.isEmpty()) {
      throw new IllegalStateException(topic + " wrote a transcript without naming its variant");
    }
    List<ChatMessage> messages = new ArrayList<>(turns.size());
    for (Turn t : turns) {
      messages.add(t.message());
    }
    OrganismChatFormat.Rendered rendered = OrganismChatFormat.render(messages, false);
    List<LabelledSpan> spans = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      int offset = rendered.contents().get(i).start();
      for (LabelledSpan s : turns.get(i).spans()) {
        spans.add(s.shift(offset));
      }
    }
    return new Transcript(id, split, topic, variant, messages, rendered.text(), spans, check, sources);
  }
}
