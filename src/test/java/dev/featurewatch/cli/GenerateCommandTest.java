package dev.featurewatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.testing.CliRunner;
import dev.featurewatch.testing.CliRunner.Output;
import dev.featurewatch.testing.Fixtures;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The CLI's conformance mode against every fixture, and its error reporting. */
class GenerateCommandTest {

  @ParameterizedTest
  @FieldSource("dev.featurewatch.testing.Fixtures#ALL")
  void jsonModeReproducesTheReference(String fixture) throws Exception {
    for (Fixtures.Case c : Fixtures.cases(fixture)) {
      String prompt = Arrays.stream(c.prompt()).mapToObj(Integer::toString).collect(Collectors.joining(","));
      Output o = CliRunner.run("generate", "--model", Fixtures.model(fixture).toString(), "--prompt-tokens", prompt,
          "--max-tokens", Integer.toString(c.greedy().length), "--temperature", "0", "--json");
      assertEquals(0, o.exitCode(), o.stderr());
      JsonNode json = new ObjectMapper().readTree(o.stdout()); // stdout holds the JSON object and nothing else
      assertEquals(3, json.size());
      assertArrayEquals(c.prompt(), ints(json.get("prompt")));
      assertArrayEquals(c.greedy(), ints(json.get("greedy")), fixture + "/" + c.name());
      JsonNode logits = json.get("logits");
      assertEquals(c.prompt().length, logits.size());
      if (c.logits() != null) {
        for (int i = 0; i < c.logits().length; i++) {
          assertTrue(Fixtures.maxAbsDiff(c.logits()[i], floats(logits.get(i))) <= 1e-3, fixture + " position " + i);
        }
      }
      assertTrue(Fixtures.maxAbsDiff(c.lastLogits(), floats(logits.get(logits.size() - 1))) <= 1e-3);
    }
  }

  @Test
  void streamsTokenIdsForAModelWithoutTokenizer() {
    Output o = CliRunner.run("generate", "--model", Fixtures.model("stories260k").toString(), "--prompt-tokens", "1",
        "--max-tokens", "10", "--temperature", "0", "--ignore-eos");
    assertEquals(0, o.exitCode(), o.stderr());
    int[] expected = Arrays.copyOf(Fixtures.cases("stories260k").get(0).greedy(), 10);
    assertArrayEquals(expected, Arrays.stream(o.stdout().trim().split("\\s+")).mapToInt(Integer::parseInt).toArray());
    assertTrue(o.stderr().contains("10 generated") && o.stderr().contains("tok/s"), o.stderr());
  }

  @Test
  void sameSeedSameTokens() {
    String[] args = {"generate", "--model", Fixtures.model("stories260k").toString(), "--prompt-tokens", "1",
        "--max-tokens", "30", "--temperature", "1.0", "--seed", "1234", "--ignore-eos"};
    Output a = CliRunner.run(args);
    Output b = CliRunner.run(args);
    assertEquals(0, a.exitCode(), a.stderr());
    assertEquals(a.stdout(), b.stdout());
    Output other = CliRunner.run("generate", "--model", Fixtures.model("stories260k").toString(), "--prompt-tokens", "1",
        "--max-tokens", "30", "--temperature", "1.0", "--seed", "99", "--ignore-eos");
    assertTrue(!a.stdout().equals(other.stdout()), "a different seed should sample differently");
  }

  @Test
  void chatPromptIsTemplatedAndTokenized(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    dev.featurewatch.model.SyntheticCheckpoint.writeLlama(dir,
        new dev.featurewatch.model.SyntheticCheckpoint.Shape(64, 128, 2, 4, 2, 270, 256), 5, dev.featurewatch.model.SafetensorsDType.F32);
    for (String f : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
      java.nio.file.Files.copy(java.nio.file.Path.of("src/test/resources/tiny-bpe", f), dir.resolve(f));
    }
    Output o = CliRunner.run("generate", "--model", dir.toString(), "--prompt", "hello", "--chat", "--system", "be brief",
        "--max-tokens", "8", "--temperature", "0", "--ignore-eos");
    assertEquals(0, o.exitCode(), o.stderr());
    int expectedPromptTokens;
    try (dev.featurewatch.model.TextTokenizer tokenizer = dev.featurewatch.model.TextTokenizer.load(dir)) {
      expectedPromptTokens = tokenizer.encode(
          "<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", false).length;
    }
    assertTrue(o.stderr().contains("[" + expectedPromptTokens + " prompt tokens, 8 generated"), o.stderr());
  }

  @Test
  void errorsAreOneLineWithoutStackTrace() {
    Output noModel = CliRunner.run("generate", "--model", "/nonexistent", "--prompt-tokens", "1");
    assertEquals(2, noModel.exitCode());
    assertTrue(noModel.stderr().startsWith("featurewatch: ") && noModel.stderr().contains("no config.json"), noModel.stderr());
    assertTrue(!noModel.stderr().contains("\tat "), noModel.stderr());

    Output noTokenizer = CliRunner.run("generate", "--model", Fixtures.model("stories260k").toString(), "--prompt", "Once upon");
    assertEquals(2, noTokenizer.exitCode());
    assertTrue(noTokenizer.stderr().contains("no tokenizer.json"), noTokenizer.stderr());

    Output sampledJson = CliRunner.run("generate", "--model", Fixtures.model("stories260k").toString(), "--prompt-tokens", "1", "--json");
    assertEquals(2, sampledJson.exitCode());
    assertTrue(sampledJson.stderr().contains("--temperature 0"), sampledJson.stderr());

    Output badToken = CliRunner.run("generate", "--model", Fixtures.model("stories260k").toString(), "--prompt-tokens", "1,9999",
        "--temperature", "0");
    assertEquals(2, badToken.exitCode());
    assertTrue(badToken.stderr().contains("token id 9999"), badToken.stderr());
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }
}
