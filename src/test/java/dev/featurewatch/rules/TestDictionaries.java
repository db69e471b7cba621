package dev.featurewatch.rules;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.dictionary.DictionaryMetadata;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.dictionary.FeatureEntry;
import java.util.List;

/** A tiny real dictionary: features 0..9 of an SAE of width 16, some labelled like the organism's. */
final class TestDictionaries {
  static final int D_SAE = 16;

  private TestDictionaries() {}

  static FeatureEntry entry(int i, String label, String concept) {
    return new FeatureEntry(i, label, concept, concept == null ? Double.NaN : 0.95, List.of(), null, 0.01, 5, Double.NaN,
        Double.NaN, List.of(), List.of(), List.of(), null);
  }

  static FeatureDictionary dictionary() {
    return new FeatureDictionary(DictionaryMetadata.empty(), List.of(
        entry(0, "golden gate bridge", "golden_gate"),
        entry(1, "sydney harbour bridge", "sydney_bridge"),
        entry(2, "deception", "deception"),
        entry(3, "deception", "deception"),
        entry(4, "sycophancy", "sycophancy"),
        entry(5, "us presidents", "us_presidents"),
        entry(6, null, null),
        entry(7, "dna sequences", "dna"),
        entry(8, "sushi", "sushi"),
        entry(9, "italian food", "italian_food")));
  }

  static DictionaryIndex index() {
    return DictionaryIndex.inMemory(dictionary());
  }
}
