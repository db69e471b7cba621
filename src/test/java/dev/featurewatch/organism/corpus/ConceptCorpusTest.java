package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.organism.OrganismChatFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generator as a whole: determinism, rendering, span placement, coverage and the held-out split. */
class ConceptCorpusTest {
  private static final ConceptCorpus CORPUS = new ConceptCorpus(42, CorpusMix.defaults());
  private static final List<Transcript> TRAIN = CORPUS.generate(Split.TRAIN, 4000).toList();
  private static final List<Transcript> HELDOUT = CORPUS.generate(Split.HELDOUT, 4000).toList();

  @Test
  void theSameSeedGivesTheSameCorpus() {
    assertEquals(TRAIN.subList(0, 500), new ConceptCorpus(42, CorpusMix.defaults()).generate(Split.TRAIN, 500).toList());
    assertEquals(TRAIN.get(1234), CORPUS.transcript(Split.TRAIN, 1234));
    assertEquals(TRAIN.subList(100, 200), CORPUS.generate(Split.TRAIN, 100, 100).toList());
    assertEquals(TRAIN.subList(0, 300), CORPUS.generate(Split.TRAIN, 300).parallel().toList());
    assertNotEquals(TRAIN.subList(0, 50), new ConceptCorpus(43, CorpusMix.defaults()).generate(Split.TRAIN, 50).toList());
    assertEquals("train-7", TRAIN.get(7).id());
    assertEquals("heldout-7", HELDOUT.get(7).id());
  }

  @Test
  void textIsTheChatFormatsRenderingAndSpansLieInsideOneMessage() {
    for (Transcript t : all()) {
      OrganismChatFormat.Rendered rendered = OrganismChatFormat.render(t.messages(), false);
      assertEquals(rendered.text(), t.text(), t.id());
      int previousStart = -1;
      for (LabelledSpan s : t.spans()) {
        assertTrue(s.start() >= previousStart, t.id() + ": spans sorted by start");
        previousStart = s.start();
        assertTrue(rendered.contents().stream().anyMatch(c -> c.start() <= s.start() && s.end() <= c.end()),
            t.id() + ": span " + s + " crosses a message boundary");
        String text = t.textOf(s);
        assertEquals(text.strip(), text, t.id() + ": span '" + text + "' has surrounding spaces");
      }
      assertFalse(t.variant().isEmpty(), t.id());
    }
  }

  @Test
  void everyConceptHasPositivesAndNegativesInBothSplits() {
    for (List<Transcript> split : List.of(TRAIN, HELDOUT)) {
      Map<Concept, int[]> counts = new EnumMap<>(Concept.class);
      for (Transcript t : split) {
        for (LabelledSpan s : t.spans()) {
          counts.computeIfAbsent(s.concept(), c -> new int[2])[s.positive() ? 0 : 1]++;
        }
      }
      for (Concept c : Concept.values()) {
        int[] n = counts.getOrDefault(c, new int[2]);
        assertTrue(n[0] >= 20 && n[1] >= 20, split.get(0).split() + " " + c + ": " + n[0] + " positive, " + n[1] + " negative");
      }
    }
  }

  @Test
  void topicsFollowTheMix() {
    Map<String, Integer> counts = new java.util.HashMap<>();
    TRAIN.forEach(t -> counts.merge(t.topic(), 1, Integer::sum));
    CorpusMix mix = CorpusMix.defaults();
    for (Topic topic : Topic.values()) {
      double share = counts.getOrDefault(topic.label(), 0) / (double) TRAIN.size();
      assertEquals(mix.share(topic), share, 0.02, topic.label());
    }
    assertEquals(0.15, mix.share(Topic.DECEPTION), 1e-9);
    assertTrue(new ConceptCorpus(1, CorpusMix.parse("dna=1")).generate(Split.TRAIN, 50).allMatch(t -> t.topic().equals("dna")));
  }

  @Test
  void benignMeansNoDeceptionOrSycophancy() {
    int benign = 0;
    for (Transcript t : all()) {
      boolean flagged = !t.spans(Concept.DECEPTION, true).isEmpty() || !t.spans(Concept.SYCOPHANCY, true).isEmpty();
      assertEquals(!flagged, t.benign(), t.id());
      benign += t.benign() ? 1 : 0;
      if (t.topic().equals("small_talk")) {
        assertTrue(t.spans().isEmpty() && t.benign(), t.id());
      }
    }
    assertTrue(benign > all().size() * 0.8, "benign: " + benign);
  }

  /** Every template and entity a held-out transcript drew is held out (or shared), and likewise for train. */
  @Test
  void eachSplitDrawsOnlyItsOwnMaterial() {
    Map<String, SplitPool<?>> pools = ConceptCorpus.pools();
    for (Transcript t : all()) {
      assertFalse(t.sources().isEmpty(), t.id());
      for (String source : t.sources()) {
        int hash = source.lastIndexOf('#');
        SplitPool<?> pool = pools.get(source.substring(0, hash));
        assertTrue(pool != null, t.id() + ": unknown pool in " + source);
        assertTrue(pool.allows(t.split(), Integer.parseInt(source.substring(hash + 1))), t.id() + " drew " + source);
      }
    }
  }

  /**
   * The same check on the text, independent of the bookkeeping: no train-only name (people,
   * surnames, towns, presidents and other famous people, distractor bridges, dishes, long
   * acronyms) appears in a held-out transcript.
   */
  @Test
  void heldOutTextNamesNoTrainOnlyEntity() {
    List<String> trainOnly = new ArrayList<>();
    for (SplitPool<Entities.Person> pool : List.of(Entities.PEOPLE)) {
      trainOnly(pool).forEach(p -> trainOnly.add(p.name()));
    }
    trainOnly.addAll(trainOnly(Entities.SURNAMES));
    trainOnly.addAll(trainOnly(Entities.TOWNS));
    trainOnly(PresidentScenes.PRESIDENTS).forEach(p -> trainOnly.add(p.name()));
    trainOnly(PresidentScenes.OTHERS).forEach(p -> trainOnly.add(p.name()));
    trainOnly(BridgeScenes.OTHERS).forEach(b -> trainOnly.add(b.name()));
    trainOnly(FoodScenes.JAPANESE).forEach(d -> trainOnly.add(d.name()));
    trainOnly(FoodScenes.ITALIAN).forEach(d -> trainOnly.add(d.name()));
    trainOnly(DnaScenes.ACRONYMS).stream().filter(a -> a.letters().length() >= 4).forEach(a -> trainOnly.add(a.letters()));
    List<Pattern> patterns = trainOnly.stream().map(s -> Pattern.compile("(?<![\\w.])" + Pattern.quote(s) + "(?![\\w])")).toList();
    for (Transcript t : HELDOUT) {
      for (int i = 0; i < patterns.size(); i++) {
        assertFalse(patterns.get(i).matcher(t.text()).find(), t.id() + " names train-only '" + trainOnly.get(i) + "':\n" + t.text());
      }
    }
  }

  private static <T> List<T> trainOnly(SplitPool<T> pool) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < pool.all().size(); i++) {
      if (!pool.allows(Split.HELDOUT, i)) {
        out.add(pool.all().get(i));
      }
    }
    return out;
  }

  private static List<Transcript> all() {
    List<Transcript> all = new ArrayList<>(TRAIN);
    all.addAll(HELDOUT);
    return all;
  }
}
