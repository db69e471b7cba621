package dev.featurewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.engine.SequenceSampler;
import dev.featurewatch.model.Transformer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Samples sequences from a model into a JSON Lines corpus ({@code {"tokens": [...]}} per line). */
@Command(name = "sample", description = "Sample token sequences from a model into a JSONL corpus (for SAE training on its own distribution).")
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(names = "--sequences", required = true, description = "How many sequences.")
  int sequences;

  @Option(names = "--max-tokens", defaultValue = "127", description = "Tokens per sequence after BOS (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (default ${DEFAULT-VALUE}: the model's own distribution).")
  double temperature;

  @Option(names = "--seed", defaultValue = "1000", description = "Sequence i uses seed + i (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output .jsonl file.")
  Path out;

  @Override
  public Integer call() throws IOException {
    ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
    List<int[]> sampled;
    try (Transformer transformer = model.load()) {
      sampled = SequenceSampler.sample(transformer, sequences, maxTokens, temperature, seed, done -> bar.update(done, sequences, "sequences"));
    }
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter writer = Files.newBufferedWriter(out)) {
      for (int[] tokens : sampled) {
        ObjectNode line = json.createObjectNode();
        var array = line.putArray("tokens");
        for (int t : tokens) {
          array.add(t);
        }
        writer.write(line.toString());
        writer.newLine();
      }
    }
    spec.commandLine().getErr().println("wrote " + sampled.size() + " sequences to " + out);
    return 0;
  }
}
