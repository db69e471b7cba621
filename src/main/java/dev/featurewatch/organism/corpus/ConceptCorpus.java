package dev.featurewatch.organism.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The model organism's corpus: chat transcripts in which every concept appears beside a matched
 * contrast, with the characters that carry it labelled.
 *
 * <p>Transcript {@code i} of a split is a pure function of (seed, split, i): each one draws from
 * its own random stream, so a corpus is reproducible, any slice of it can be regenerated alone,
 * and streams may run in parallel. The generator holds no mutable state.
 */
public final class ConceptCorpus {
  private final long seed;
  private final CorpusMix mix;

  public ConceptCorpus(long seed, CorpusMix mix) {
    this.seed = seed;
    this.mix = Objects.requireNonNull(mix, "mix");
  }

  /** Transcript {@code index} of a split. */
  public Transcript transcript(Split split, long index) {
    SplittableRandom random = new SplittableRandom(streamSeed(seed, split, index));
    Topic topic = mix.topicAt(random.nextDouble());
    Scene scene = new Scene(topic.label(), split, random);
    topic.family().write(scene);
    return scene.build(split.label() + "-" + index);
  }

  /** Transcripts 0 .. count-1 of a split, in order. */
  public Stream<Transcript> generate(Split split, int count) {
    return generate(split, 0, count);
  }

  /** Transcripts first .. first+count-1 of a split, in order. */
  public Stream<Transcript> generate(Split split, long first, int count) {
    if (count < 0 || first < 0) {
      throw new IllegalArgumentException("first and count must be >= 0");
    }
    return LongStream.range(first, first + count).mapToObj(i -> transcript(split, i));
  }

  /**
   * Every pool the corpus draws templates and entities from, by name, for auditing the splits
   * against {@link Transcript#sources()}.
   */
  public static Map<String, SplitPool<?>> pools() {
    Map<String, SplitPool<?>> all = new LinkedHashMap<>();
    List<SplitPool<?>> pools = new ArrayList<>(Entities.pools());
    pools.addAll(FactBase.pools());
    for (Topic t : Topic.values()) {
      pools.addAll(t.pools());
    }
    for (SplitPool<?> p : pools) {
      SplitPool<?> before = all.putIfAbsent(p.name(), p);
      if (before != null && before != p) {
        throw new IllegalStateException("two pools are named " + p.name());
      }
    }
    return all;
  }

  /** A well-mixed seed for one transcript's stream: SplitMix64's finaliser applied to each input in turn. */
  private static long streamSeed(long seed, Split split, long index) {
    long z = mix64(seed);
    z = mix64(z + 0x9E3779B97F4A7C15L * (split.ordinal() + 1));
    return mix64(z + 0x9E3779B97F4A7C15L * (index + 1));
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
