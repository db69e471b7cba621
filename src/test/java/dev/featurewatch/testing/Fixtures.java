package dev.featurewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared conformance fixtures: model directories with reference logits from independent
 * implementations. Found at {@code -Dfeaturewatch.fixtures=DIR}, else {@code ../shared/fixtures}
 * beside the checkout.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Names of every fixture folder. */
  public static final List<String> ALL = List.of("stories260k", "tiny-gpt2", "tiny-qwen2-bf16", "tiny-gemma2");

  /** The fixtures folder. */
  public static Path root() {
    String configured = System.getProperty("featurewatch.fixtures");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "fixtures");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("conformance fixtures not found at " + root.toAbsolutePath()
          + "; set -Dfeaturewatch.fixtures=DIR");
    }
    return root;
  }

  /** One fixture's model directory. */
  public static Path model(String name) {
    return root().resolve(name);
  }

  /**
   * One reference case.
   *
   * @param name case name
   * @param prompt prompt token ids
   * @param logits logits after each prompt position, or null
   * @param lastLogits logits after the last prompt position
   * @param greedy argmax continuation
   */
  public record Case(String name, int[] prompt, float[][] logits, float[] lastLogits, int[] greedy) {}

  /** The reference cases of a fixture (stories260k has several, the tiny models one). */
  public static List<Case> cases(String fixture) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(model(fixture).resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    if (root.has("cases")) {
      root.get("cases").forEach(c -> cases.add(parse(c.path("name").asText(), c)));
    } else {
      cases.add(parse(fixture, root));
    }
    return cases;
  }

  private static Case parse(String name, JsonNode c) {
    float[][] logits = null;
    if (c.has("logits")) {
      JsonNode rows = c.get("logits");
      logits = new float[rows.size()][];
      for (int i = 0; i < logits.length; i++) {
        logits[i] = floats(rows.get(i));
      }
    }
    float[] last = c.has("last_logits") ? floats(c.get("last_logits")) : logits[logits.length - 1];
    return new Case(name, ints(c.get("prompt")), logits, last, ints(c.get("greedy")));
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  /** Largest absolute difference. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Index of the largest value, lowest on ties. */
  public static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
