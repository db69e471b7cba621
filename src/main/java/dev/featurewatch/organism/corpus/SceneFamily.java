package dev.featurewatch.organism.corpus;

import java.util.List;

/** The templates of one topic: writes one transcript into a scene, choosing its variant. */
interface SceneFamily {
  /** Writes the turns, variant, checks and spans of one transcript. */
  void write(Scene scene);

  /** Every pool the family draws from, for auditing the splits. */
  List<SplitPool<?>> pools();
}
