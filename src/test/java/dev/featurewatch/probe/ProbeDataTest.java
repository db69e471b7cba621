package dev.featurewatch.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading labelled examples from JSON Lines, and the train/held-out split. */
class ProbeDataTest {
  @TempDir Path dir;

  /** A stand-in tokenizer: BOS (1) then one token per character. */
  static final Function<String, int[]> CHARS = text -> {
    int[] ids = new int[text.length() + 1];
    ids[0] = 1;
    for (int i = 0; i < text.length(); i++) {
      ids[i + 1] = text.charAt(i);
    }
    return ids;
  };

  Path file(String name, String... lines) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void readsEveryFormat() throws Exception {
    List<LabelledExample> seq = LabelledExample.read(file("seq.jsonl",
        "{\"text\": \"ab\", \"label\": 1, \"id\": \"ignored\"}",
        "",
        "{\"tokens\": [1, 7, 9], \"label\": 0}"), CHARS);
    assertEquals(2, seq.size());
    assertArrayEquals(new int[] {1, 'a', 'b'}, seq.get(0).tokens());
    assertEquals(1, seq.get(0).label());
    assertFalse(seq.get(0).isTokenLevel());
    assertEquals(dir.resolve("seq.jsonl") + ":3", seq.get(1).source()); // blank lines still count
    assertArrayEquals(new int[] {1, 7, 9}, seq.get(1).tokens());

    List<LabelledExample> tok = LabelledExample.read(file("tok.jsonl",
        "{\"tokens\": [1, 7, 9], \"token_labels\": [0, 0, 1]}"), null);
    assertTrue(tok.get(0).isTokenLevel());
    assertArrayEquals(new int[] {0, 0, 1}, tok.get(0).tokenLabels());
    assertTrue(tok.get(0).hasPositive());
  }

  @Test
  void benignFilesIgnoreLabels() throws Exception {
    List<LabelledExample> benign = LabelledExample.readBenign(file("benign.jsonl",
        "{\"text\": \"ab\"}", "{\"tokens\": [1, 5], \"label\": 1}", "{\"tokens\": [1, 5], \"token_labels\": [7]}"), CHARS);
    assertEquals(3, benign.size());
    for (LabelledExample e : benign) {
      assertEquals(0, e.label());
      assertNull(e.tokenLabels());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"tokens\": [1, 2], \"label\": 2}|field 'label' must be 0 or 1",
      "{\"tokens\": [1, 2], \"label\": \"yes\"}|field 'label' must be 0 or 1",
      "{\"tokens\": [1, 2], \"label\": 0.5}|field 'label' must be 0 or 1",
      "{\"tokens\": [1, 2]}|missing field 'label'",
      "{\"label\": 1}|missing field 'text' or 'tokens'",
      "{\"text\": \"a\", \"tokens\": [1], \"label\": 1}|give 'text' or 'tokens', not both",
      "{\"tokens\": [1, -3], \"label\": 1}|field 'tokens[1]' must be a non-negative integer",
      "{\"tokens\": [], \"label\": 1}|field 'tokens' is empty",
      "{\"tokens\": \"1 2\", \"label\": 1}|field 'tokens' must be an array",
      "{\"text\": 5, \"label\": 1}|field 'text' must be a string",
      "{\"tokens\": [1, 2], \"token_labels\": [0]}|field 'token_labels' has 1 labels for 2 tokens",
      "{\"tokens\": [1, 2], \"token_labels\": [0, 3]}|field 'token_labels[1]' must be 0 or 1",
      "{\"tokens\": [1, 2], \"label\": 1, \"token_labels\": [0, 1]}|give 'label' or 'token_labels', not both",
      "{\"text\": \"ab\", \"token_labels\": [0, 1, 1]}|field 'token_labels' needs 'tokens'",
      "[1, 2]|expected a JSON object",
      "{\"tokens\": [1, 2], \"label\": 1|not valid JSON",
  })
  void errorsNameFileLineAndField(String badLine, String expected) throws Exception {
    Path f = file("train.jsonl", "{\"tokens\": [1, 2], \"label\": 0}", "", badLine);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelledExample.read(f, CHARS));
    assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void textNeedsATokenizer() throws Exception {
    Path f = file("train.jsonl", "{\"text\": \"hello\", \"label\": 1}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelledExample.read(f, null));
    assertEquals(f + ":1: field 'text' needs a tokenizer, but the model directory has no tokenizer.json; "
        + "give token ids in 'tokens' instead", e.getMessage());
  }

  @Test
  void aFileHoldsOneKindOfLabel() throws Exception {
    Path f = file("mixed.jsonl", "{\"tokens\": [1, 2], \"label\": 0}", "{\"tokens\": [1, 2], \"token_labels\": [0, 1]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelledExample.read(f, null));
    assertTrue(e.getMessage().startsWith(f + ":2: field 'token_labels': line 1 has a sequence-level 'label'"), e.getMessage());
  }

  @Test
  void anEmptyFileIsAnError() throws Exception {
    Path f = file("empty.jsonl", "", "  ");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelledExample.read(f, null));
    assertEquals(f + ": no examples", e.getMessage());
  }

  @Test
  void splitIsStratifiedDeterministicAndBySequence() {
    List<LabelledExample> data = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      data.add(new LabelledExample("f:" + i, new int[] {1, i + 2}, i < 10 ? 1 : 0, null));
    }
    List<List<LabelledExample>> a = ProbeTrainer.split(data, 0.2, 42);
    List<List<LabelledExample>> b = ProbeTrainer.split(data, 0.2, 42);
    List<List<LabelledExample>> c = ProbeTrainer.split(data, 0.2, 43);
    assertEquals(a, b);
    assertFalse(a.get(1).equals(c.get(1)), "another seed should hold out other sequences");
    assertEquals(20, a.get(1).size());
    assertEquals(2, a.get(1).stream().filter(LabelledExample::hasPositive).count()); // 20% of the 10 positives
    assertEquals(80, a.get(0).size());
  }

  @Test
  void poolingFollowsTheKindOfLabel() {
    assertEquals(Pooling.LAST, ProbeTrainer.resolvePool(false, null));
    assertEquals(Pooling.MEAN, ProbeTrainer.resolvePool(false, Pooling.MEAN));
    assertEquals(Pooling.TOKEN, ProbeTrainer.resolvePool(true, null));
    assertThrows(IllegalArgumentException.class, () -> ProbeTrainer.resolvePool(true, Pooling.MEAN));
    assertThrows(IllegalArgumentException.class, () -> ProbeTrainer.resolvePool(false, Pooling.TOKEN));
  }
}
