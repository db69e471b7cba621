package dev.featurewatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.testing.CliRunner;
import dev.featurewatch.testing.CliRunner.Output;
import dev.featurewatch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code featurewatch probe train} on the stories260k fixture. */
class ProbeCommandTest {
  @TempDir Path dir;

  /** Token-id lines: BOS and random tokens; label 1 when the last token is 300. */
  static List<String> lines(Random random, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder tokens = new StringBuilder("1");
      int length = 8 + random.nextInt(17);
      for (int j = 1; j <= length; j++) {
        int t;
        do {
          t = 3 + random.nextInt(509);
        } while (t == 300);
        tokens.append(", ").append(i % 2 == 1 && j == length ? 300 : t);
      }
      lines.add("{\"tokens\": [" + tokens + "], \"label\": " + (i % 2) + "}");
    }
    return lines;
  }

  @Test
  void trainsSavesAndPrintsTheReportAsJson() throws Exception {
    Path data = Files.write(dir.resolve("train.jsonl"), lines(new Random(1), 300));
    Path benign = Files.write(dir.resolve("benign.jsonl"),
        lines(new Random(2), 400).stream().filter(l -> l.endsWith("\"label\": 0}")).toList());
    Path out = dir.resolve("probe");
    Output o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.2.hook_resid_post", "--data", data.toString(), "--benign", benign.toString(),
        "--out", out.toString(), "--seed", "3");
    assertEquals(0, o.exitCode(), o.stderr());
    JsonNode report = new ObjectMapper().readTree(o.stdout()); // stdout holds the report and nothing else
    assertTrue(report.get("auroc").asDouble() > 0.95, o.stdout());
    assertEquals("blocks.2.hook_resid_post", report.get("hook_name").asText());
    assertEquals("last", report.get("pool").asText());
    assertEquals("benign", report.get("calibration_set").asText());
    assertEquals(200, report.get("calibration_examples").asInt());
    assertEquals(60, report.get("holdout_examples").asInt());
    assertEquals(240, report.get("train_examples").asInt());
    assertTrue(report.get("calibration_fpr").asDouble() <= 0.01);
    assertEquals(3, report.get("seed").asLong());
    assertTrue(o.stderr().contains("activations (training)") && o.stderr().contains("saved probe to"), o.stderr());

    Probe probe = Probe.load(out);
    assertEquals(report.get("threshold").asDouble(), probe.threshold(), 0);
    assertEquals(report.get("auroc").asDouble(), probe.metrics().get("auroc").doubleValue(), 0);
    assertEquals("stories260k", probe.modelName());

    // Same seed, same probe.
    Path again = dir.resolve("again");
    Output o2 = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.2.hook_resid_post", "--data", data.toString(), "--benign", benign.toString(),
        "--out", again.toString(), "--seed", "3");
    assertEquals(0, o2.exitCode(), o2.stderr());
    assertArrayEquals(probe.direction(), Probe.load(again).direction());
  }

  @Test
  void meanPoolingIsAnOption() throws Exception {
    Path data = Files.write(dir.resolve("train.jsonl"), lines(new Random(1), 100));
    Output o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.1.hook_resid_post", "--data", data.toString(), "--pool", "mean", "--holdout", "0.3",
        "--l2", "0.01", "--epochs", "5", "--no-balance");
    assertEquals(0, o.exitCode(), o.stderr());
    JsonNode report = new ObjectMapper().readTree(o.stdout());
    assertEquals("mean", report.get("pool").asText());
    assertEquals(30, report.get("holdout_examples").asInt());
    assertTrue(report.get("iterations").asInt() <= 5);
    assertEquals(false, report.get("balanced").asBoolean());
    assertEquals(0.01, report.get("l2").asDouble(), 0);
    assertTrue(!Files.exists(dir.resolve("probe.json")));
  }

  @Test
  void badInputIsOneLineWithFileLineAndField() throws Exception {
    Path data = Files.write(dir.resolve("train.jsonl"),
        List.of("{\"tokens\": [1, 5], \"label\": 0}", "{\"text\": \"Once upon a time\", \"label\": 1}"));
    Output o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.2.hook_resid_post", "--data", data.toString());
    assertEquals(2, o.exitCode());
    assertEquals("featurewatch: " + data + ":2: field 'text' needs a tokenizer, but the model directory has no "
        + "tokenizer.json; give token ids in 'tokens' instead", o.stderr().trim());
    assertEquals("", o.stdout());

    Files.write(data, List.of("{\"tokens\": [1, 5], \"label\": 7}"));
    o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.2.hook_resid_post", "--data", data.toString());
    assertEquals(2, o.exitCode());
    assertEquals("featurewatch: " + data + ":1: field 'label' must be 0 or 1, got 7", o.stderr().trim());

    o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.2.hook_resid_post", "--data", dir.resolve("missing.jsonl").toString());
    assertEquals(2, o.exitCode());
    assertEquals("featurewatch: " + dir.resolve("missing.jsonl") + " does not exist or is not a file", o.stderr().trim());

    Files.write(data, lines(new Random(1), 20));
    o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.9.hook_resid_post", "--data", data.toString());
    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().contains("hook blocks.9.hook_resid_post names block 9 but the model has 5 blocks"), o.stderr());

    o = CliRunner.run("probe", "train", "--model", Fixtures.model("stories260k").toString(),
        "--hook", "blocks.2.hook_resid_post", "--data", data.toString(), "--pool", "max");
    assertEquals(2, o.exitCode());
    assertTrue(o.stderr().contains("unknown pooling 'max'"), o.stderr());
  }
}
