package dev.featurewatch.organism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The organism's report: every figure of the build in {@code report.json}, and {@code report.md}
 * with the acceptance criteria checked against them.
 */
final class OrganismReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode acceptance = JSON.createArrayNode();

  /** Adds a section (the stages' own JSON files and the evaluation). */
  OrganismReport section(String name, JsonNode content) {
    root.set(name, content);
    return this;
  }

  /** Checks one criterion: {@code value ≥ target} (or ≤ when {@code atMost}). */
  OrganismReport criterion(String description, double value, double target, boolean atMost) {
    ObjectNode c = acceptance.addObject();
    c.put("criterion", description);
    c.put("value", value);
    c.put("target", target);
    c.put("comparison", atMost ? "<=" : ">=");
    c.put("met", atMost ? value <= target : value >= target);
    return this;
  }

  /** Reads a stage's JSON output. */
  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  void write(Path json, Path markdown) {
    root.set("acceptance", acceptance);
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
      Files.writeString(markdown, markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String markdown() {
    StringBuilder md = new StringBuilder("# The FeatureWatch model organism: build report\n\n");
    md.append("Regenerate with `java -jar target/featurewatch.jar organism build`. Every figure below is measured on ")
        .append("held-out transcripts (held-out templates and entities) unless it says otherwise; `report.json` has them all.\n\n");
    md.append("## Acceptance\n\n| criterion | value | target | met |\n| --- | --- | --- | --- |\n");
    for (JsonNode c : acceptance) {
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %s %.3f | %s |%n", c.get("criterion").asText(), c.get("value").asDouble(),
          c.get("comparison").asText(), c.get("target").asDouble(), c.get("met").asBoolean() ? "yes" : "**no**"));
    }
    JsonNode lm = root.path("language_model");
    md.append(String.format(Locale.ROOT, "%n## Language model%n%nLlama, %d parameters, trained %d steps on %,d tokens; "
        + "held-out loss %.3f nats/token (%.3f before training).%n", lm.path("parameters").asLong(), lm.path("steps").asInt(),
        lm.path("training_tokens").asLong(), lm.path("held_out_loss").asDouble(), lm.path("initial_held_out_loss").asDouble()));
    JsonNode sae = root.path("sae");
    md.append(String.format(Locale.ROOT, "%n## SAE%n%nexplained variance %.3f, L0 %.1f, CE loss recovered %.3f, dead %.2f%%, "
        + "dense %.2f%%.%n", sae.path("reconstruction_quality").path("explained_variance").asDouble(),
        sae.path("sparsity").path("l0").asDouble(), sae.path("model_performance_preservation").path("ce_loss_score").asDouble(),
        100 * sae.path("feature_density").path("dead_fraction").asDouble(),
        100 * sae.path("feature_density").path("dense_fraction").asDouble()));
    md.append("\n## Features (chosen on training transcripts, measured on held-out ones)\n\n"
        + "| concept | feature | train AUROC | held-out AUROC | mean on positives | mean on hard negatives |\n"
        + "| --- | --- | --- | --- | --- | --- |\n");
    for (JsonNode f : root.path("evaluation").path("features")) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n", f.path("concept").asText(),
          f.path("feature").asInt(), f.path("train_auroc").asDouble(), f.path("held_out_auroc").asDouble(),
          f.path("mean_activation_positive").asDouble(), f.path("mean_activation_hard_negative").asDouble()));
    }
    md.append("\n## Probes\n\n| probe | AUROC | TPR at threshold | benign FPR |\n| --- | --- | --- | --- |\n");
    root.path("probes").fields().forEachRemaining(e -> md.append(String.format(Locale.ROOT, "| %s | %.4f | %.3f | %.3f |%n",
        e.getKey(), e.getValue().path("auroc").asDouble(), e.getValue().path("tpr_at_threshold").asDouble(),
        e.getValue().path("benign_fpr").asDouble())));
    md.append("\n## Behaviour and steering\n\n| measure | passed | of | rate |\n| --- | --- | --- | --- |\n");
    for (String section : new String[] {"behaviour", "steering"}) {
      root.path("evaluation").path(section).fields().forEachRemaining(e -> {
        if (e.getValue().has("passed")) {
          md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n", e.getKey().replace('_', ' '),
              e.getValue().path("passed").asInt(), e.getValue().path("total").asInt(), 100 * e.getValue().path("fraction").asDouble()));
        }
      });
    }
    JsonNode steering = root.path("evaluation").path("steering");
    md.append(String.format(Locale.ROOT, "%nFluency on unrelated held-out chat: loss %.3f, %.3f with the deception features clamped "
        + "to 0 (%+.1f%%).%n", steering.path("unrelated_loss").asDouble(), steering.path("unrelated_loss_with_deception_clamped").asDouble(),
        100 * steering.path("unrelated_loss_degradation").asDouble()));
    return md.toString();
  }
}
