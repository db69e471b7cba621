package dev.featurewatch.organism;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A packed token stream on disk as little-endian unsigned 16-bit ids, the {@code train.bin}
 * layout of nanoGPT and llm.c: compact (the organism's vocabulary is far below 65,536) and
 * readable from any language with one call.
 */
public final class TokenStreamFile {
  private TokenStreamFile() {}

  /** Writes ids atomically (a sibling temporary file renamed over the target). */
  public static void write(Path file, int[] tokens) {
    ByteBuffer bytes = ByteBuffer.allocate(tokens.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int t : tokens) {
      if (t < 0 || t > 0xFFFF) {
        throw new IllegalArgumentException("token id " + t + " does not fit in 16 bits");
      }
      bytes.putShort((short) t);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(tmp, bytes.array());
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads a stream written by {@link #write}. */
  public static int[] read(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (raw.length % 2 != 0) {
      throw new IllegalArgumentException(file + ": " + raw.length + " bytes is not a whole number of 16-bit token ids");
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int[] tokens = new int[raw.length / 2];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = Short.toUnsignedInt(bytes.getShort());
    }
    return tokens;
  }
}
