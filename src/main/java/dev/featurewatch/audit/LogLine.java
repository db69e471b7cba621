package dev.featurewatch.audit;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One line of a segment: {@code <crc32c> <json>\n}, the CRC-32C of the JSON's UTF-8 bytes as 8
 * lowercase hex digits, one space, the JSON, a newline. The checksum is what tells a torn or
 * damaged line from a record: a line cut short by a crash, or a byte flipped on disk, fails it.
 */
final class LogLine {
  /** Bytes before the JSON: 8 hex digits and a space. */
  static final int HEADER = 9;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private LogLine() {}

  /** The line for one record's JSON bytes, newline included. */
  static byte[] encode(byte[] json) {
    byte[] line = new byte[HEADER + json.length + 1];
    int crc = checksum(json, 0, json.length);
    for (int i = 0; i < 8; i++) {
      line[i] = HEX[(crc >>> (28 - 4 * i)) & 0xf];
    }
    line[8] = ' ';
    System.arraycopy(json, 0, line, HEADER, json.length);
    line[line.length - 1] = '\n';
    return line;
  }

  /**
   * Whether {@code buffer[start, start + length)}, a line without its newline, carries a checksum
   * that matches its JSON.
   */
  static boolean verify(byte[] buffer, int start, int length) {
    if (length <= HEADER || buffer[start + 8] != ' ') {
      return false;
    }
    int expected = 0;
    for (int i = 0; i < 8; i++) {
      int digit = hexDigit(buffer[start + i]);
      if (digit < 0) {
        return false;
      }
      expected = (expected << 4) | digit;
    }
    return checksum(buffer, start + HEADER, length - HEADER) == expected;
  }

  private static int hexDigit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    return b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1; // lowercase only: the format writes nothing else
  }

  static int checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
