package dev.featurewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.testing.CliRunner;
import dev.featurewatch.testing.CliRunner.Output;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample → sae train → sae eval through the command line, and the benchmarks' output. */
class SaeCommandTest {
  @TempDir Path dir;

  @Test
  void samplesTrainsAndEvaluates() throws Exception {
    String model = Fixtures.model("stories260k").toString();
    Path corpus = dir.resolve("corpus.jsonl");
    Output sampled = CliRunner.run("sample", "--model", model, "--sequences", "12", "--max-tokens", "40", "--out", corpus.toString());
    assertEquals(0, sampled.exitCode(), sampled.stderr());
    assertEquals(12, Files.readAllLines(corpus).size());

    Path sae = dir.resolve("sae");
    Output trained = CliRunner.run("sae", "train", "--model", model, "--hook", "blocks.1.hook_resid_post", "--corpus", corpus.toString(),
        "--d-sae", "128", "--k", "8", "--batch", "64", "--epochs", "3", "--out", sae.toString());
    assertEquals(0, trained.exitCode(), trained.stderr());
    assertTrue(trained.stderr().contains("100.0%") && trained.stderr().contains("l0 8.0"), trained.stderr());
    JsonNode cfg = new ObjectMapper().readTree(sae.resolve("cfg.json").toFile());
    assertEquals("topk", cfg.get("architecture").asText());
    assertEquals("blocks.1.hook_resid_post", cfg.get("metadata").get("hook_name").asText());

    Output eval = CliRunner.run("sae", "eval", "--model", model, "--sae", sae.toString(), "--corpus", corpus.toString());
    assertEquals(0, eval.exitCode(), eval.stderr());
    JsonNode report = new ObjectMapper().readTree(eval.stdout());
    assertEquals(8.0, report.get("sparsity").get("l0").asDouble(), 1e-9);
    double recovered = report.get("model_performance_preservation").get("ce_loss_score").asDouble();
    assertTrue(recovered > 0 && recovered < 1, "ce_loss_score " + recovered);
    assertTrue(report.get("reconstruction_quality").get("explained_variance").asDouble() > 0.3);
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    String model = Fixtures.model("stories260k").toString();
    Output method = CliRunner.run("sae", "train", "--model", model, "--hook", "blocks.1.hook_resid_post", "--corpus", "x.jsonl",
        "--d-sae", "64", "--method", "gated", "--out", dir.toString());
    assertEquals(2, method.exitCode());
    assertTrue(method.stderr().contains("--method must be topk, batchtopk or standard"), method.stderr());
    Output corpus = CliRunner.run("sae", "train", "--model", model, "--hook", "blocks.1.hook_resid_post", "--corpus",
        dir.resolve("missing.jsonl").toString(), "--d-sae", "64", "--out", dir.toString());
    assertEquals(2, corpus.exitCode());
    assertTrue(corpus.stderr().startsWith("featurewatch: cannot read corpus"), corpus.stderr());
  }

  @Test
  void benchmarksPrintTheirTablesAndMachine() {
    Output runtime = CliRunner.run("bench", "runtime", "--model", Fixtures.model("stories260k").toString(),
        "--runs", "1", "--prompt-length", "8", "--decode-tokens", "8");
    assertEquals(0, runtime.exitCode(), runtime.stderr());
    assertTrue(runtime.stdout().contains("stories260k") && runtime.stdout().contains("machine: "), runtime.stdout());
    Output sae = CliRunner.run("bench", "sae", "--d-in", "64", "--d-sae", "256", "--model", Fixtures.model("stories260k").toString(),
        "--runs", "1", "--decode-tokens", "8");
    assertEquals(0, sae.exitCode(), sae.stderr());
    assertTrue(sae.stdout().contains("batch  64") && sae.stdout().contains("ratio"), sae.stdout());
  }
}
