package dev.featurewatch.organism.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named list of templates or entities divided between the train and held-out splits, so that
 * held-out transcripts are written from material the model never saw.
 *
 * <p>{@link #of} holds out every fifth item (indices 4, 9, 14, ...): deterministic, spread over
 * the list, and independent of the seed, so the split of a pool changes only when the pool does.
 * {@link #shared} is for what the model must know in both splits (the facts it is asked about,
 * the Golden Gate Bridge itself); {@link #explicit} is for pools whose held-out items are chosen
 * by hand.
 */
public final class SplitPool<T> {
  /** Every how-many-th item {@link #of} holds out. */
  public static final int HOLD_OUT_EVERY = 5;

  private final String name;
  private final List<T> items;
  private final boolean[] heldOut;
  private final boolean shared;
  private final int[] train;
  private final int[] heldOutIndices;

  private SplitPool(String name, List<T> items, boolean[] heldOut, boolean shared) {
    this.name = Objects.requireNonNull(name, "name");
    this.items = List.copyOf(items);
    this.heldOut = heldOut;
    this.shared = shared;
    List<Integer> t = new ArrayList<>();
    List<Integer> h = new ArrayList<>();
    for (int i = 0; i < heldOut.length; i++) {
      if (shared || !heldOut[i]) {
        t.add(i);
      }
      if (shared || heldOut[i]) {
        h.add(i);
      }
    }
    this.train = t.stream().mapToInt(Integer::intValue).toArray();
    this.heldOutIndices = h.stream().mapToInt(Integer::intValue).toArray();
    if (train.length == 0 || heldOutIndices.length == 0) {
      throw new IllegalArgumentException("pool '" + name + "' needs items in both splits; it has " + items.size());
    }
  }

  /** A pool holding out every {@value #HOLD_OUT_EVERY}th item; it needs at least that many. */
  public static <T> SplitPool<T> of(String name, List<T> items) {
    boolean[] held = new boolean[items.size()];
    for (int i = 0; i < held.length; i++) {
      held[i] = i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1;
    }
    return new SplitPool<>(name, items, held, false);
  }

  /** A pool of strings holding out every {@value #HOLD_OUT_EVERY}th. */
  public static SplitPool<String> of(String name, String... items) {
    return of(name, List.of(items));
  }

  /** A pool whose items every split uses. */
  public static <T> SplitPool<T> shared(String name, List<T> items) {
    return new SplitPool<>(name, items, new boolean[items.size()], true);
  }

  /** A pool with hand-chosen held-out items (listed after the train items). */
  public static <T> SplitPool<T> explicit(String name, List<T> train, List<T> heldOut) {
    List<T> all = new ArrayList<>(train);
    all.addAll(heldOut);
    boolean[] held = new boolean[all.size()];
    for (int i = train.size(); i < held.length; i++) {
      held[i] = true;
    }
    return new SplitPool<>(name, all, held, false);
  }

  /** The pool's name, the first part of its {@link #sourceId}s. */
  public String name() {
    return name;
  }

  /** Every item, train and held-out, in list order. */
  public List<T> all() {
    return items;
  }

  /** The items a split may draw. */
  public List<T> items(Split split) {
    int[] indices = indices(split);
    List<T> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(items.get(i));
    }
    return out;
  }

  /** Whether both splits draw every item. */
  public boolean isShared() {
    return shared;
  }

  /** Whether a split may draw the item at {@code index} of {@link #all()}. */
  public boolean allows(Split split, int index) {
    return shared || heldOut[index] == (split == Split.HELDOUT);
  }

  /** The name recorded in {@link Transcript#sources()} for the item at {@code index}: {@code pool#index}. */
  public String sourceId(int index) {
    return name + "#" + index;
  }

  /** How many items a split may draw. */
  int size(Split split) {
    return indices(split).length;
  }

  /** The index in {@link #all()} of the {@code k}th item a split may draw. */
  int index(Split split, int k) {
    return indices(split)[k];
  }

  private int[] indices(Split split) {
    return split == Split.TRAIN ? train : heldOutIndices;
  }

  @Override
  public String toString() {
    return "SplitPool(" + name + ", " + items.size() + " items, " + train.length + " train, "
        + heldOutIndices.length + " held out" + (shared ? ", shared" : "") + ")";
  }
}
