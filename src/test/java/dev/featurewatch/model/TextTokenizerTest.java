package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the tiny byte-level BPE tokenizer in {@code src/test/resources/tiny-bpe} (see its {@code
 * generate.py}): ids 0..255 are bytes, 256..265 merges, 266..269 special tokens.
 */
class TextTokenizerTest {

  private static final int HELLO = 259;
  private static final int SPACE_WORLD = 264;
  private static final int E_ACUTE = 265;
  private static final int BOS = 266;
  private static final int EOS = 267;
  private static final int IM_START = 268;
  private static final int IM_END = 269;

  private static TextTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = TextTokenizer.load(tinyBpe());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  static Path tinyBpe() {
    try {
      return Path.of(TextTokenizerTest.class.getResource("/tiny-bpe").toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void mergesApply() {
    assertEquals(OptionalInt.of(HELLO), tokenizer.tokenId("hello"));
    assertEquals(OptionalInt.of(SPACE_WORLD), tokenizer.tokenId("Ġworld"));
    assertArrayEquals(new int[] {HELLO, SPACE_WORLD}, tokenizer.encode("hello world", false));
    // No merge covers "help": it stops at "he" + bytes.
    assertArrayEquals(new int[] {256, 'l', 'p'}, tokenizer.encode("help", false));
  }

  @Test
  void asciiRoundTrip() {
    String text = "hello world, said the tokenizer!\n\tIndented line.";
    int[] ids = tokenizer.encode(text, false);
    assertEquals(text, tokenizer.decode(ids, false));
    assertEquals(text, tokenizer.decode(ids, true));
  }

  @Test
  void nonAsciiRoundTrip() {
    // é is C3 A9, merged into one token; the emoji is four byte tokens F0 9F 98 80.
    int[] ids = tokenizer.encode("café 😀", false);
    assertArrayEquals(new int[] {'c', 'a', 'f', E_ACUTE, ' ', 0xF0, 0x9F, 0x98, 0x80}, ids);
    assertEquals("café 😀", tokenizer.decode(ids, false));

    String mixed = "naïve Zürich — 東京 🚀🔥";
    assertEquals(mixed, tokenizer.decode(tokenizer.encode(mixed, false), true));
  }

  @Test
  void partialUtf8DecodesToReplacementCharacter() {
    // The first two bytes of 😀: a streaming decoder sees this before the emoji is complete.
    String partial = tokenizer.decode(new int[] {0xF0, 0x9F}, false);
    assertTrue(partial.contains("\uFFFD"), partial);
    assertFalse(partial.contains("😀"));
  }

  @Test
  void bosOnlyWhenAsked() {
    // tokenizer.json's post-processor would prepend <s>; only addBos may do so, and only once.
    assertArrayEquals(new int[] {HELLO}, tokenizer.encode("hello", false));
    assertArrayEquals(new int[] {BOS, HELLO}, tokenizer.encode("hello", true));
    assertArrayEquals(new int[] {BOS}, tokenizer.encode("", true));
    assertArrayEquals(new int[0], tokenizer.encode("", false));
  }

  @Test
  void longTextIsNotTruncated() {
    // DJL truncates to 512 tokens unless told otherwise.
    String text = "hello" + " hello".repeat(999);
    int[] ids = tokenizer.encode(text, true);
    assertEquals(1 + 1 + 999 * 2, ids.length); // BOS, "hello", then "Ġ" + "hello" each
    assertEquals(HELLO, ids[ids.length - 1]);
    assertEquals(text, tokenizer.decode(ids, true));
  }

  @Test
  void specialTokensFromConfig() {
    // bos_token is an AddedToken object in tokenizer_config.json, eos_token a plain string.
    assertEquals(Optional.of("<s>"), tokenizer.bosToken());
    assertEquals(Optional.of("</s>"), tokenizer.eosToken());
    assertEquals(OptionalInt.of(BOS), tokenizer.bosTokenId());
    assertEquals(OptionalInt.of(EOS), tokenizer.eosTokenId());
    assertEquals(Optional.empty(), tokenizer.padToken());
    assertEquals(OptionalInt.empty(), tokenizer.padTokenId());
    assertTrue(tokenizer.addBosByDefault());
    assertEquals(270, tokenizer.vocabSize());
    assertEquals(OptionalInt.empty(), tokenizer.tokenId("world")); // only "Ġworld" exists
  }

  @Test
  void specialTokensInTextBecomeTheirIds() {
    String chat = "<|im_start|>user\nhi<|im_end|></s>";
    int[] ids = tokenizer.encode(chat, false);
    assertArrayEquals(new int[] {IM_START, 'u', 's', 'e', 'r', '\n', 'h', 'i', IM_END, EOS}, ids);
    assertEquals(chat, tokenizer.decode(ids, false));
    assertEquals("user\nhi", tokenizer.decode(ids, true));
    assertEquals("hello", tokenizer.decode(new int[] {BOS, HELLO, EOS}, true));
  }

  @Test
  void offsetsAreJavaStringIndices() {
    EncodedText plain = tokenizer.encodeWithOffsets("hello world", true);
    assertArrayEquals(tokenizer.encode("hello world", true), plain.ids());
    assertArrayEquals(new int[] {0, 0, 5}, plain.starts()); // BOS, "hello", "Ġworld"
    assertArrayEquals(new int[] {0, 5, 11}, plain.ends());
    assertFalse(plain.overlaps(0, 0, 11), "BOS covers no text");
    assertTrue(plain.overlaps(2, 6, 8));
    assertFalse(plain.overlaps(2, 0, 5), "ranges are half-open");

    // The emoji is two UTF-16 units and four byte tokens; each byte token gets its whole range,
    // and what follows is shifted by two, not one (the native tokenizer counts code points).
    String text = "café 😀 hello";
    EncodedText mixed = tokenizer.encodeWithOffsets(text, false);
    assertArrayEquals(tokenizer.encode(text, false), mixed.ids());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 5, 5, 5, 7, 8}, mixed.starts());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 7, 7, 7, 7, 8, 13}, mixed.ends());
    assertEquals("hello", text.substring(mixed.starts()[10], mixed.ends()[10]));

    EncodedText chat = tokenizer.encodeWithOffsets("<|im_start|>hi", false);
    assertArrayEquals(new int[] {IM_START, 'h', 'i'}, chat.ids());
    assertArrayEquals(new int[] {0, 12, 13}, chat.starts());
  }

  @Test
  void decodeRejectsIdsOutsideVocabulary() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> tokenizer.decode(new int[] {HELLO, 270}, false));
    assertTrue(e.getMessage().contains("270"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {-1}, false));
  }

  @Test
  void missingTokenizerJsonIsNamed(@TempDir Path dir) {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(dir));
    assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());

    Path absent = dir.resolve("absent");
    e = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(absent));
    assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
  }

  @Test
  void malformedTokenizerJsonIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"vocab\": {}}, \"version\"");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(dir));
    assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
  }

  @Test
  void withoutConfigThereAreNoSpecialTokens(@TempDir Path dir) throws Exception {
    Files.copy(tinyBpe().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    try (TextTokenizer t = TextTokenizer.load(dir)) {
      assertEquals(Optional.empty(), t.bosToken());
      assertEquals(OptionalInt.empty(), t.eosTokenId());
      assertFalse(t.addBosByDefault());
      assertArrayEquals(new int[] {HELLO}, t.encode("hello", false));
      assertThrows(IllegalStateException.class, () -> t.encode("hello", true));
      // Added tokens still exist without the config.
      assertEquals(OptionalInt.of(IM_END), t.tokenId("<|im_end|>"));
    }
  }

  @Test
  void addBosDefaultsToWhatThePostProcessorDoes(@TempDir Path dir) throws Exception {
    Files.copy(tinyBpe().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\"}");
    try (TextTokenizer t = TextTokenizer.load(dir)) {
      assertTrue(t.addBosByDefault());
    }
    Files.writeString(
        dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"</s>\", \"eos_token\": null}");
    try (TextTokenizer t = TextTokenizer.load(dir)) {
      assertFalse(t.addBosByDefault()); // the post-processor prepends <s>, not </s>
      assertEquals(OptionalInt.of(EOS), t.bosTokenId());
      assertEquals(Optional.empty(), t.eosToken());
    }
  }

  @Test
  void addBosWithoutBosTokenFailsToLoad(@TempDir Path dir) throws Exception {
    Files.copy(tinyBpe().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        "{\"add_bos_token\": true, \"bos_token\": \"<bos>\"}",
        StandardCharsets.UTF_8);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(dir));
    assertTrue(e.getMessage().contains("tokenizer_config.json"), e.getMessage());
    assertTrue(e.getMessage().contains("<bos>"), e.getMessage());
  }

  @Test
  void concurrentEncodingAgrees() throws Exception {
    String text = "<|im_start|>user\nhello world, café 😀<|im_end|>";
    int[] expected = tokenizer.encode(text, true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    int[] ids = tokenizer.encode(text, true);
                    if (!Arrays.equals(expected, ids)
                        || !("<s>" + text).equals(tokenizer.decode(ids, false))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdown();
    }
  }
}
