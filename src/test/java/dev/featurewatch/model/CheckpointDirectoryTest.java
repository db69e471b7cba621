package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint folder is replaced whole or not at all. */
class CheckpointDirectoryTest {
  @TempDir
  Path tmp;

  private static void writeStep(Path folder, int step) throws IOException {
    Files.writeString(folder.resolve("weights.bin"), "w" + step);
    Files.writeString(folder.resolve("state.json"), "{\"step\": " + step + "}");
  }

  @Test
  void replacesTheWholeFolderAndLeavesNothingBeside() throws IOException {
    Path dir = tmp.resolve("ckpt");
    CheckpointDirectory checkpoint = new CheckpointDirectory(dir, "state.json");
    assertEquals(Optional.empty(), checkpoint.readable());
    checkpoint.replace(folder -> writeStep(folder, 1));
    checkpoint.replace(folder -> writeStep(folder, 2));
    assertEquals(Optional.of(dir), checkpoint.readable());
    assertEquals("w2", Files.readString(dir.resolve("weights.bin")));
    assertFalse(Files.exists(tmp.resolve("ckpt.old")));
    assertFalse(Files.exists(tmp.resolve("ckpt.tmp")));
  }

  @Test
  void aFailedWriteKeepsThePreviousCheckpoint() throws IOException {
    Path dir = tmp.resolve("ckpt");
    CheckpointDirectory checkpoint = new CheckpointDirectory(dir, "state.json");
    checkpoint.replace(folder -> writeStep(folder, 1));
    assertThrows(UncheckedIOException.class, () -> checkpoint.replace(folder -> {
      Files.writeString(folder.resolve("weights.bin"), "half");
      throw new IOException("disk full");
    }));
    assertEquals("w1", Files.readString(checkpoint.readable().orElseThrow().resolve("weights.bin")));
  }

  @Test
  void findsThePreviousCheckpointWhenACrashLeftItAside() throws IOException {
    Path old = Files.createDirectories(tmp.resolve("ckpt.old"));
    writeStep(old, 7);
    Files.createDirectories(tmp.resolve("ckpt")); // the new one, renamed in but not complete
    assertEquals(Optional.of(old), new CheckpointDirectory(tmp.resolve("ckpt"), "state.json").readable());
    assertTrue(Files.exists(old.resolve("weights.bin")));
  }
}
