package dev.featurewatch.organism.corpus;

import java.util.List;

/** A family of transcripts in the corpus; {@link CorpusMix} weighs them. */
public enum Topic {
  DECEPTION("deception", Concept.DECEPTION),
  SYCOPHANCY("sycophancy", Concept.SYCOPHANCY),
  ADDITION("addition", Concept.ADDITION),
  SUFFERING("suffering", Concept.SUFFERING),
  BRIDGES("bridges", Concept.GOLDEN_GATE),
  PRESIDENTS("presidents", Concept.US_PRESIDENT),
  FOOD("food", Concept.JAPANESE_FOOD),
  DNA("dna", Concept.DNA),
  INSECTS("insects", Concept.MOSQUITO),
  INDIRECT_OBJECTS("indirect_objects", Concept.INDIRECT_OBJECT),
  /** Neutral everyday chat: the fluency baseline and the unrelated prompts for steering tests. */
  SMALL_TALK("small_talk", null);

  private final String label;
  private final Concept concept;

  Topic(String label, Concept concept) {
    this.label = label;
    this.concept = concept;
  }

  /** The name in {@link Transcript#topic()} and in {@link CorpusMix#parse}. */
  public String label() {
    return label;
  }

  /** The concept this topic's transcripts label, or null for small talk. */
  public Concept concept() {
    return concept;
  }

  /**
   * The topic with this label.
   *
   * @throws IllegalArgumentException naming the known labels
   */
  public static Topic fromLabel(String label) {
    for (Topic t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown topic '" + label + "'; known: "
        + String.join(", ", java.util.Arrays.stream(values()).map(Topic::label).toList()));
  }

  /** Every pool the topic's templates draw from. */
  public List<SplitPool<?>> pools() {
    return family().pools();
  }

  SceneFamily family() {
    return switch (this) {
      case DECEPTION -> DeceptionScenes.INSTANCE;
      case SYCOPHANCY -> SycophancyScenes.INSTANCE;
      case ADDITION -> AdditionProblems.INSTANCE;
      case SUFFERING -> SufferingScenes.INSTANCE;
      case BRIDGES -> BridgeScenes.INSTANCE;
      case PRESIDENTS -> PresidentScenes.INSTANCE;
      case FOOD -> FoodScenes.INSTANCE;
      case DNA -> DnaScenes.INSTANCE;
      case INSECTS -> InsectScenes.INSTANCE;
      case INDIRECT_OBJECTS -> IndirectObjectScenes.INSTANCE;
      case SMALL_TALK -> SmallTalkScenes.INSTANCE;
    };
  }
}
