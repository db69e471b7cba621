package dev.featurewatch.organism.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's byte-to-unicode table, which byte-level BPE uses to write every byte as one printable
 * character: printable Latin-1 bytes stand for themselves, the other 68 bytes (controls, space,
 * DEL, NBSP, soft hyphen) take U+0100 upwards in byte order. So a space is {@code Ġ} (U+0120) and a
 * newline {@code Ċ} (U+010A). Vocabulary entries and merges in {@code tokenizer.json} are spelled
 * in these characters, and the Hugging Face {@code ByteLevel} decoder maps them back.
 */
public final class ByteLevelAlphabet {

  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    Arrays.fill(CHAR_TO_BYTE, -1);
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      char c = printable ? (char) b : (char) next++;
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevelAlphabet() {}

  /** The character that stands for a byte (0..255, or any byte value read as signed). */
  public static char charOf(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte a character stands for, or -1 if it is not in the alphabet. */
  public static int byteOf(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** Spells bytes in the alphabet, one character per byte. */
  public static String encode(byte[] bytes) {
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = charOf(bytes[i]);
    }
    return new String(chars);
  }

  /**
   * Reads back a string spelled in the alphabet.
   *
   * @throws IllegalArgumentException if a character is not in the alphabet
   */
  public static byte[] decode(String symbols) {
    byte[] bytes = new byte[symbols.length()];
    for (int i = 0; i < bytes.length; i++) {
      int b = byteOf(symbols.charAt(i));
      if (b < 0) {
        throw new IllegalArgumentException(
            "'" + symbols.charAt(i) + "' at " + i + " is not a byte-level symbol");
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }
}
