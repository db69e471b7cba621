package dev.featurewatch.organism.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.featurewatch.organism.OrganismChatFormat;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The byte alphabet and the pre-tokenizer's word boundaries, which training and encoding share. */
class BpePreTokenizerTest {

  private final PreTokenizer organism = new PreTokenizer(OrganismChatFormat.SPECIAL_TOKENS);

  @Test
  void byteAlphabetIsGpt2s() {
    assertEquals('Ġ', ByteLevelAlphabet.charOf(' '));
    assertEquals('Ċ', ByteLevelAlphabet.charOf('\n'));
    assertEquals('ĉ', ByteLevelAlphabet.charOf('\t'));
    assertEquals('A', ByteLevelAlphabet.charOf('A'));
    assertEquals('Ã', ByteLevelAlphabet.charOf(0xC3));
    assertEquals('©', ByteLevelAlphabet.charOf(0xA9));
    assertEquals('Ń', ByteLevelAlphabet.charOf(0xAD)); // soft hyphen is remapped
    Set<Character> chars = new HashSet<>();
    for (int b = 0; b < 256; b++) {
      chars.add(ByteLevelAlphabet.charOf(b));
      assertEquals(b, ByteLevelAlphabet.byteOf(ByteLevelAlphabet.charOf(b)));
    }
    assertEquals(256, chars.size());
    byte[] bytes = "café 😀\n".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(bytes, ByteLevelAlphabet.decode(ByteLevelAlphabet.encode(bytes)));
    assertThrows(IllegalArgumentException.class, () -> ByteLevelAlphabet.decode(" "));
  }

  @Test
  void gpt2Words() {
    assertEquals(List.of("Hello", ",", " world", "!"), organism.pieces("Hello, world!"));
    assertEquals(List.of("don", "'t", " stop", " it", "'s"), organism.pieces("don't stop it's"));
    // A run of spaces leaves its last space to the next word.
    assertEquals(List.of("a", "  ", " b"), organism.pieces("a   b"));
    // ... and so does a run of newlines: GPT-2 famously splits "\n\n" before a word.
    assertEquals(List.of("a", "\n", "\n", "b", "  "), organism.pieces("a\n\nb  "));
    assertEquals(List.of(" café", " 😀😀", " 日本語"), organism.pieces(" café 😀😀 日本語"));
    // NBSP is white space to the Unicode-aware regex, and not a prefix space.
    assertEquals(List.of("a", "\u00a0", "b"), organism.pieces("a\u00a0b"));
  }

  @Test
  void everyNumericCharacterIsAPieceOfItsOwn() {
    assertEquals(
        List.of("4", "8", " +", " ", "4", "1", " =", " ", "8", "9"),
        organism.pieces("48 + 41 = 89"));
    assertEquals(List.of("x", "1", "2", "y"), organism.pieces("x12y"));
    // Nl and No count too (Rust's char::is_numeric), and astral digits stay whole.
    assertEquals(List.of("Ⅻ", "½", "²", "𝟏"), organism.pieces("Ⅻ½²𝟏"));
  }

  @Test
  void specialTokensAreCutOutFirst() {
    assertEquals(
        List.of("<|bos|>", "<|user|>", "hi", " there", "<|end|>", "<|assistant|>", " ", "4", "2"),
        organism.pieces("<|bos|><|user|>hi there<|end|><|assistant|> 42"));
    // Text around a special token is split on its own: no word spans it.
    assertEquals(List.of("a", "<|end|>", "b"), organism.pieces("a<|end|>b"));
    assertEquals(List.of("<|", "end", "|", "<|end|>"), organism.pieces("<|end|<|end|>"));
    // The longest special token wins where two start at the same place.
    PreTokenizer nested = new PreTokenizer(List.of("<a>", "<a><b>"));
    assertEquals(List.of("x", "<a><b>", "<a>"), nested.pieces("x<a><b><a>"));
  }

  @Test
  void emptyTextHasNoPieces() {
    assertEquals(List.of(), organism.pieces(""));
    assertThrows(IllegalArgumentException.class, () -> new PreTokenizer(List.of("")));
  }
}
