package dev.featurewatch.dictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The entries of one SAE's features, in index order, with the metadata that says which SAE. An
 * index has at most one entry; a dictionary need not have an entry for every feature. Immutable.
 */
public final class FeatureDictionary {
  private final DictionaryMetadata metadata;
  private final FeatureEntry[] entries; // ascending index
  private final int[] indices;

  /**
   * @throws IllegalArgumentException if two entries share an index, or an index is not below the
   *     metadata's d_sae (when it is known)
   */
  public FeatureDictionary(DictionaryMetadata metadata, Collection<FeatureEntry> entries) {
    this.metadata = metadata == null ? DictionaryMetadata.empty() : metadata;
    this.entries = entries.toArray(new FeatureEntry[0]);
    Arrays.sort(this.entries, Comparator.comparingInt(FeatureEntry::index));
    this.indices = new int[this.entries.length];
    for (int i = 0; i < this.entries.length; i++) {
      indices[i] = this.entries[i].index();
      if (i > 0 && indices[i] == indices[i - 1]) {
        throw new IllegalArgumentException("two entries for feature " + indices[i]);
      }
    }
    int dSae = this.metadata.dSae();
    if (dSae > 0 && indices.length > 0 && indices[indices.length - 1] >= dSae) {
      throw new IllegalArgumentException("feature " + indices[indices.length - 1] + " is outside d_sae " + dSae);
    }
  }

  public DictionaryMetadata metadata() {
    return metadata;
  }

  /** Entries in ascending index order. */
  public List<FeatureEntry> entries() {
    return List.of(entries);
  }

  /** Number of entries. */
  public int size() {
    return entries.length;
  }

  /** The entry of feature {@code index}, if there is one. */
  public Optional<FeatureEntry> entry(int index) {
    int at = Arrays.binarySearch(indices, index);
    return at >= 0 ? Optional.of(entries[at]) : Optional.empty();
  }

  /** This dictionary with other metadata. */
  public FeatureDictionary withMetadata(DictionaryMetadata newMetadata) {
    return new FeatureDictionary(newMetadata, List.of(entries));
  }

  /** This dictionary with some entries added or replaced (by index). */
  public FeatureDictionary withEntries(Collection<FeatureEntry> changed) {
    Map<Integer, FeatureEntry> byIndex = new TreeMap<>();
    for (FeatureEntry e : entries) {
      byIndex.put(e.index(), e);
    }
    for (FeatureEntry e : changed) {
      byIndex.put(e.index(), e);
    }
    return new FeatureDictionary(metadata, new ArrayList<>(byIndex.values()));
  }
}
