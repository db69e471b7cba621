package dev.featurewatch.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.model.TextTokenizer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled text lines → token sequences with concept flags, on the tiny byte-level BPE tokenizer. */
class DictionaryCorpusTest {
  static TextTokenizer tokenizer;
  @TempDir Path dir;

  @BeforeAll
  static void load() throws URISyntaxException {
    tokenizer = TextTokenizer.load(tinyBpe());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  static Path tinyBpe() throws URISyntaxException {
    return Path.of(DictionaryCorpusTest.class.getResource("/tiny-bpe").toURI());
  }

  @Test
  void spansMarkEveryTokenTheyOverlap() {
    String text = "hello world, café 😀 ok";
    // "world" is inside the token "Ġworld" [5, 11); the emoji [18, 20) is four byte tokens.
    LabelledSequence s = LabelledCorpus.fromText("t", text, List.of(
        new LabelledCorpus.Span(6, 11, "planet", true),
        new LabelledCorpus.Span(18, 20, "emoji", true),
        new LabelledCorpus.Span(13, 17, "planet", false)), tokenizer);
    assertArrayEquals(tokenizer.encode(text, true), s.tokens());
    assertEquals("<s>" + text, String.join("", s.tokenTexts()), "token texts concatenate to the text");
    assertEquals(" world", s.tokenTexts()[2]);
    boolean[] planet = s.positives().get("planet");
    assertEquals(1, count(planet));
    assertTrue(planet[2]);
    assertEquals(4, count(s.positives().get("emoji")));
    assertEquals(4, count(s.hardNegatives().get("planet")), "c, a, f, é");
    assertEquals("😀", s.tokenTexts()[indexOfFirst(s.positives().get("emoji"))]);
  }

  @Test
  void textThatAlreadyStartsWithBosGetsNoSecondOne() {
    String text = "<s>hello world"; // as a chat template that writes bos_token renders it
    LabelledSequence s = LabelledCorpus.fromText("t", text, List.of(new LabelledCorpus.Span(8, 14, "planet", true)), tokenizer);
    assertArrayEquals(tokenizer.encode(text, false), s.tokens());
    assertEquals("<s>" + "hello world", String.join("", s.tokenTexts()));
    assertTrue(s.positives().get("planet")[s.length() - 1]);
  }

  @Test
  void readsCorpusLinesWithIdsAndLimits() throws Exception {
    Path file = dir.resolve("corpus.jsonl");
    Files.writeString(file, """
        {"id": "a", "text": "hello world", "spans": [{"start": 0, "end": 5, "concept": "greeting"}], "source": "ignored"}

        {"text": "world", "spans": []}
        {"id": 7, "text": "hello"}
        """);
    List<LabelledSequence> all = LabelledCorpus.read(file, tokenizer, 0);
    assertEquals(List.of("a", "corpus.jsonl:3", "7"), all.stream().map(LabelledSequence::id).toList());
    assertEquals(1, count(all.get(0).positives().get("greeting")), "positive defaults to true");
    assertEquals(2, LabelledCorpus.read(file, tokenizer, 2).size());
  }

  @Test
  void badLinesAreNamed() throws Exception {
    assertError("{\"text\": \"abc\", \"spans\": [{\"start\": 1, \"end\": 4, \"concept\": \"x\"}]}",
        ":1: field 'spans[0].end': span [1, 4) does not fit the text's 3 characters");
    assertError("{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1, \"concept\": \"x\", \"positive\": \"yes\"}]}",
        ":1: field 'spans[0].positive': expected true or false, got \"yes\"");
    assertError("\n{\"tokens\": [1, 2]}", ":2: field 'text': is required");
    assertError("{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 1}]}", ":1: field 'spans[0].concept': is required");
  }

  private void assertError(String content, String expected) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, content);
    DictionaryFormatException e = assertThrows(DictionaryFormatException.class, () -> LabelledCorpus.read(file, tokenizer, 0));
    assertEquals(file + expected, e.getMessage());
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  private static int indexOfFirst(boolean[] flags) {
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        return i;
      }
    }
    return -1;
  }
}
