package dev.featurewatch.organism.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.testing.CliRunner;
import dev.featurewatch.testing.CliRunner.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code featurewatch organism corpus}. */
class CorpusCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheSeedsCorpusAndSummarisesIt() {
    Path out = dir.resolve("heldout.jsonl");
    Output o = CliRunner.run("organism", "corpus", "--seed", "3", "--count", "300", "--split", "heldout", "--out", out.toString());
    assertEquals(0, o.exitCode(), o.stderr());
    assertEquals(new ConceptCorpus(3, CorpusMix.defaults()).generate(Split.HELDOUT, 300).toList(), CorpusFiles.read(out));
    assertTrue(o.stdout().startsWith("wrote 300 heldout transcripts (seed 3) to " + out), o.stdout());
    for (String expected : new String[] {"deception", "small_talk", "golden_gate", "characters: ", "elapsed: "}) {
      assertTrue(o.stdout().contains(expected), expected + " in\n" + o.stdout());
    }
  }

  @Test
  void takesAMix() {
    Path out = dir.resolve("dna.jsonl");
    Output o = CliRunner.run("organism", "corpus", "--count", "20", "--mix", "dna=1", "--out", out.toString());
    assertEquals(0, o.exitCode(), o.stderr());
    assertTrue(CorpusFiles.read(out).stream().allMatch(t -> t.topic().equals("dna") && t.split() == Split.TRAIN));
  }

  @Test
  void badOptionsAreOneLineErrors() {
    Path out = dir.resolve("x.jsonl");
    Output split = CliRunner.run("organism", "corpus", "--count", "5", "--split", "test", "--out", out.toString());
    assertEquals(2, split.exitCode());
    assertTrue(split.stderr().contains("unknown split 'test'; use train or heldout"), split.stderr());
    Output count = CliRunner.run("organism", "corpus", "--count", "0", "--out", out.toString());
    assertEquals(2, count.exitCode());
    assertTrue(count.stderr().contains("--count must be at least 1"), count.stderr());
    Output mix = CliRunner.run("organism", "corpus", "--count", "5", "--mix", "weather=1", "--out", out.toString());
    assertEquals(2, mix.exitCode());
    assertTrue(mix.stderr().contains("unknown topic 'weather'"), mix.stderr());
    assertFalse(Files.exists(out));
    assertEquals(2, CliRunner.run("organism").exitCode());
  }
}
