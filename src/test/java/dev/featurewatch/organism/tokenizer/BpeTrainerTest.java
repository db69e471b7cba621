package dev.featurewatch.organism.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.organism.OrganismChatFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The trainer's merges, checked by hand on tiny corpora and against a naive trainer on larger ones. */
class BpeTrainerTest {

  private static final int BASE = 6 + 256; // special and byte tokens

  @Test
  void mergesTheMostFrequentPairAndBreaksTiesBySmallerIds() {
    // Words: "ab", " ab" x2, " cd" x2. (a,b) occurs 3 times; then three pairs tie at 2, taken in
    // id order: (Ġ,c) (Ġ=38, c=105), then (Ġ,ab) (ab=262), then (Ġc,d).
    BpeVocabulary v = BpeTrainer.forOrganism(1000).train(List.of("ab ab ab cd cd"));
    assertEquals(List.of("a b", "Ġ c", "Ġ ab", "Ġc d"), spelled(v));
    assertEquals(BASE + 4, v.size()); // nothing left to merge: smaller than asked
    assertArrayEquals(new int[] {v.id("ab"), v.id("Ġab"), v.id("Ġcd")}, v.encode("ab ab cd"));
  }

  @Test
  void overlappingPairsMergeLeftToRight() {
    BpeVocabulary v = BpeTrainer.forOrganism(1000).train(List.of("aaaa"));
    assertEquals(List.of("a a", "aa aa"), spelled(v));
    BpeVocabulary odd = BpeTrainer.forOrganism(1000).train(List.of("aaa"));
    assertEquals(List.of("a a", "aa a"), spelled(odd));
  }

  @Test
  void stopsAtTheRequestedSize() {
    List<String> corpus = BpeTestCorpus.chats(300, 2);
    assertEquals(BASE, BpeTrainer.forOrganism(BASE).train(corpus).size());
    assertEquals(BASE + 1, BpeTrainer.forOrganism(BASE + 1).train(corpus).size());
    assertEquals(500, BpeTrainer.forOrganism(500).train(corpus).size());
  }

  @Test
  void specialTokensAreNeverMerged() {
    BpeVocabulary v =
        BpeTrainer.forOrganism(1000).train(List.of("<|bos|><|user|>x<|end|><|bos|><|user|>x<|end|>"));
    assertEquals(List.of(), spelled(v)); // only single-byte words remain
  }

  @Test
  void matchesANaiveTrainer() {
    List<String> corpus = new ArrayList<>(BpeTestCorpus.chats(300, 5));
    // Long words over two letters make many overlapping pairs.
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      StringBuilder word = new StringBuilder(" ");
      for (int j = random.nextInt(12); j >= 0; j--) {
        word.append(random.nextInt(3) == 0 ? 'b' : 'a');
      }
      corpus.add(word.toString());
    }
    BpeVocabulary v = BpeTrainer.forOrganism(900).train(corpus);
    List<String> expected = naiveMerges(corpus, 900);
    assertEquals(expected, spelled(v));
  }

  @Test
  void reportsProgress() {
    List<int[]> sizes = new ArrayList<>();
    long[] counted = new long[1];
    BpeTrainer.Listener listener =
        new BpeTrainer.Listener() {
          @Override
          public void counted(long texts, long words) {
            counted[0] = texts;
          }

          @Override
          public void merged(int size, int target) {
            sizes.add(new int[] {size, target});
          }
        };
    BpeTrainer.forOrganism(400, listener).train(BpeTestCorpus.chats(100, 3));
    assertEquals(100, counted[0]);
    assertArrayEquals(new int[] {400, 400}, sizes.get(sizes.size() - 1));
  }

  @Test
  void badArgumentsAreExplained() {
    IllegalArgumentException small =
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.forOrganism(261));
    assertTrue(small.getMessage().contains("need 262"), small.getMessage());
    BpeTrainer trainer = BpeTrainer.forOrganism(300);
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> trainer.train(List.of()));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> trainer.train(List.of("", "<|bos|>")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BpeTrainer(List.of("<s>", "<s>"), 300, new BpeTrainer.Listener() {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BpeTrainer(List.of("x"), 300, new BpeTrainer.Listener() {}));
  }

  private static List<String> spelled(BpeVocabulary v) {
    List<String> merges = new ArrayList<>();
    for (BpeVocabulary.Merge m : v.merges()) {
      merges.add(v.token(m.left()) + " " + v.token(m.right()));
    }
    return merges;
  }

  /** Recounts every pair before every merge: slow, but obviously right. */
  private static List<String> naiveMerges(List<String> corpus, int vocabSize) {
    PreTokenizer pre = new PreTokenizer(OrganismChatFormat.SPECIAL_TOKENS);
    Map<String, Long> counts = new TreeMap<>();
    for (String text : corpus) {
      for (String piece : pre.pieces(text)) {
        if (!OrganismChatFormat.SPECIAL_TOKENS.contains(piece)) {
          counts.merge(piece, 1L, Long::sum);
        }
      }
    }
    List<String> tokens = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (String s : OrganismChatFormat.SPECIAL_TOKENS) {
      ids.put(s, tokens.size());
      tokens.add(s);
    }
    for (int b = 0; b < 256; b++) {
      String s = String.valueOf(ByteLevelAlphabet.charOf(b));
      ids.put(s, tokens.size());
      tokens.add(s);
    }
    List<List<Integer>> words = new ArrayList<>();
    List<Long> freqs = new ArrayList<>();
    counts.forEach(
        (word, count) -> {
          List<Integer> symbols = new ArrayList<>();
          for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            symbols.add(6 + (b & 0xFF));
          }
          words.add(symbols);
          freqs.add(count);
        });
    List<String> merges = new ArrayList<>();
    while (tokens.size() < vocabSize) {
      Map<List<Integer>, Long> pairs = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<Integer> s = words.get(w);
        for (int i = 0; i + 1 < s.size(); i++) {
          pairs.merge(List.of(s.get(i), s.get(i + 1)), freqs.get(w), Long::sum);
        }
      }
      List<Integer> best = null;
      long bestCount = 0;
      for (Map.Entry<List<Integer>, Long> e : pairs.entrySet()) {
        List<Integer> p = e.getKey();
        long c = e.getValue();
        if (c > bestCount
            || (c == bestCount
                && (p.get(0) < best.get(0)
                    || (p.get(0).equals(best.get(0)) && p.get(1) < best.get(1))))) {
          best = p;
          bestCount = c;
        }
      }
      if (best == null) {
        break;
      }
      int left = best.get(0);
      int right = best.get(1);
      String merged = tokens.get(left) + tokens.get(right);
      Integer id = ids.get(merged);
      if (id == null) {
        id = tokens.size();
        ids.put(merged, id);
        tokens.add(merged);
      }
      merges.add(tokens.get(left) + " " + tokens.get(right));
      for (List<Integer> s : words) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (s.get(i) == left && s.get(i + 1) == right) {
            s.set(i, id);
            s.remove(i + 1);
          }
        }
      }
    }
    return merges;
  }
}
