package dev.featurewatch.dictionary;

import dev.featurewatch.search.InvalidQueryException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryIndexTest {
  private static DictionaryIndex index;

  static FeatureEntry entry(int i, String label, String concept, double confidence, double density, double max,
      String explanation, List<TokenEffect> promoted) {
    return new FeatureEntry(i, label, concept, confidence, List.of(), explanation, density, max, Double.NaN, Double.NaN,
        List.of(), promoted, List.of(), null);
  }

  static FeatureDictionary dictionary() {
    List<FeatureEntry> entries = new ArrayList<>();
    entries.add(entry(0, "golden gate bridge", "golden_gate", 0.97, 0.005, 8, null, List.of(new TokenEffect(" Bridge", 0.5f))));
    entries.add(entry(1, "sydney harbour bridge", "sydney_bridge", 0.91, 0.02, 4, null, List.of()));
    entries.add(entry(2, "deception", "deception", 0.95, 0.008, 6, "lying to the user about facts", List.of()));
    entries.add(entry(3, "deception", "deception", 0.85, 0.3, 2, null, List.of()));
    entries.add(entry(4, null, null, Double.NaN, 0.001, 1, "golden retriever dogs", List.of()));
    entries.add(entry(5, "us presidents", "us-presidents", 0.99, 0.05, 3, null, List.of()));
    entries.add(FeatureEntry.empty(6));
    entries.add(new FeatureEntry(7, null, null, Double.NaN, List.of(), null, 0.1, 3, Double.NaN, Double.NaN,
        List.of(new ActivationExample("s", 1, List.of(" the", " fog", " rolls"), new float[] {0, 3, 0}, 1)),
        List.of(), List.of(), null));
    return new FeatureDictionary(DictionaryMetadata.empty(), entries);
  }

  @BeforeAll
  static void build() {
    index = DictionaryIndex.inMemory(dictionary());
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static void assertIds(String query, int... expected) {
    assertArrayEquals(expected, index.featureIds(query), query);
  }

  @Test
  void labelsMatchAsWordsAndPhrases() {
    assertIds("label:\"golden gate\"", 0);
    assertIds("label:\"gate golden\"");
    assertIds("label:bridge", 0, 1);
    assertIds("label:Deception", 2, 3);
    assertIds("label:decept*", 2, 3);
    assertIds("golden", 0, 4); // no field: label or explanation
    assertIds("explanation:lying", 2);
    assertIds("tokens:bridge", 0);
    assertIds("tokens:fog", 7);
    assertIds("tokens:the"); // a token in the window the feature does not fire on
    assertIds("label:*", 0, 1, 2, 3, 5);
    assertIds("*:* -label:*", 4, 6, 7);
  }

  @Test
  void conceptIsOneExactTerm() {
    assertIds("concept:golden_gate", 0);
    assertIds("concept:us-presidents", 5);
    assertIds("concept:\"us-presidents\"", 5);
    assertIds("concept:Golden_gate");
    assertIds("concept:golden");
  }

  @Test
  void numericRanges() {
    assertIds("label:deception AND confidence:[0.9 TO 1]", 2);
    assertIds("density:[0 TO 0.01]", 0, 2, 4); // 6 has no density and matches no range
    assertIds("density:{* TO 0.005]", 0, 4);
    assertIds("density:[0 TO 1e-2}", 0, 2, 4);
    assertIds("max_activation>=5", 0, 2);
    assertIds("confidence<0.9", 3);
    assertIds("index:[1 TO 3]", 1, 2, 3);
    assertIds("index:5", 5);
    assertIds("*:* -index:[0 TO 5]", 6, 7);
  }

  @Test
  void searchRanksByScoreAndLimits() {
    List<FeatureHit> hits = index.search("label:bridge OR label:golden", 10);
    assertEquals(0, hits.get(0).index(), hits.toString()); // matches both words
    assertEquals(2, hits.size());
    assertTrue(hits.get(0).score() > hits.get(1).score());
    List<FeatureHit> limited = index.search("density:[0 TO 1]", 2);
    assertEquals(List.of(0, 1), limited.stream().map(FeatureHit::index).toList(), "equal scores: index order");
    assertEquals(7, index.featureIds("density:[0 TO 1]").length);
    assertThrows(IllegalArgumentException.class, () -> index.search("label:x", 0));
  }

  @Test
  void malformedQueriesSayWhy() {
    assertInvalid("label:(", "invalid feature query 'label:(': syntax error: the query ends too early");
    assertInvalid("confidence:[0.9 TO", "invalid feature query 'confidence:[0.9 TO': syntax error: the query ends too early");
    assertInvalid("label:deception AND OR x", "syntax error at column 21: unexpected 'OR'");
    assertInvalid("label:\"golden", "Lexical error");
    assertInvalid("density:[abc TO 1]", "invalid feature query 'density:[abc TO 1]': Could not parse text \"abc\" as a number");
    assertInvalid("index:1.5", "Could not parse text \"1.5\" as a number");
    assertInvalid("lable:deception", "invalid feature query 'lable:deception': unknown field lable; fields are label, explanation");
    assertInvalid("  ", "the query is empty");
  }

  private static void assertInvalid(String query, String expected) {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> index.featureIds(query));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(!e.getMessage().contains("\n") && e.getMessage().length() < 300, e.getMessage());
    assertEquals(query, e.query());
  }

  @Test
  void concurrentReadersAgree() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            if (index.featureIds("label:deception AND confidence:[0.9 TO 1]").length != 1
                || index.search("bridge", 5).size() != 2) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void onDiskIndexReopens(@TempDir Path dir) {
    try (DictionaryIndex written = DictionaryIndex.onDisk(dictionary(), dir)) {
      assertEquals(8, written.size());
    }
    try (DictionaryIndex reopened = DictionaryIndex.open(dir)) {
      assertArrayEquals(new int[] {0}, reopened.featureIds("label:\"golden gate\""));
    }
  }
}
