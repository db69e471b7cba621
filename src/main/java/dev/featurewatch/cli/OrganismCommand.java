package dev.featurewatch.cli;

import dev.featurewatch.organism.BuildProgress;
import dev.featurewatch.organism.OrganismBuild;
import dev.featurewatch.organism.OrganismLayout;
import dev.featurewatch.organism.OrganismRecipe;
import dev.featurewatch.organism.corpus.Concept;
import dev.featurewatch.organism.corpus.ConceptCorpus;
import dev.featurewatch.organism.corpus.CorpusFiles;
import dev.featurewatch.organism.corpus.CorpusMix;
import dev.featurewatch.organism.corpus.LabelledSpan;
import dev.featurewatch.organism.corpus.Split;
import dev.featurewatch.organism.corpus.Topic;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.organism.lm.LmTrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code organism}: the embedded model organism, built from its own concept-labelled corpus. */
@Command(name = "organism", description = "The embedded model organism: a small model trained on a concept-labelled corpus.",
    subcommands = {OrganismCommand.CorpusCommand.class, OrganismCommand.BuildCommand.class})
final class OrganismCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: corpus or build");
  }

  /**
   * {@code organism corpus}: writes transcripts of one split as JSON Lines and prints what it
   * wrote: transcripts per topic, labelled spans per concept, characters and speed.
   */
  @Command(name = "corpus", description = {
      "Generate the organism's concept-labelled chat corpus as JSON Lines (one transcript per line: messages, "
          + "rendered text, labelled character spans, evaluation checks).",
      "The same --seed, --split and --count always give the same file; held-out transcripts use only held-out "
          + "templates and entities."})
  static final class CorpusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "Corpus seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", required = true, description = "How many transcripts.")
    int count;

    @Option(names = "--split", defaultValue = "train", description = "train or heldout (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--mix", description = "Topic weights, e.g. deception=1,small_talk=1 (default: the built-in mix: "
        + "deception 15, sycophancy 12, addition 15, suffering 8, bridges 8, presidents 8, food 7, dna 6, insects 6, "
        + "indirect_objects 6, small_talk 9).")
    String mix;

    @Option(names = "--out", required = true, description = "Output .jsonl file.")
    Path out;

    @Override
    public Integer call() {
      if (count <= 0) {
        throw new UsageException("--count must be at least 1, got " + count);
      }
      Split which = Split.parse(split);
      CorpusMix weights = mix == null ? CorpusMix.defaults() : CorpusMix.parse(mix);
      Stats stats = new Stats();
      long start = System.nanoTime();
      long written = CorpusFiles.write(out, new ConceptCorpus(seed, weights).generate(which, count).peek(stats::add));
      double seconds = (System.nanoTime() - start) / 1e9;
      stats.print(spec.commandLine().getOut(), written, which, seed, out, seconds);
      return 0;
    }
  }

  /**
   * {@code organism build}: regenerates the organism end to end; each stage is skipped when its
   * output exists and long stages resume from their checkpoints, so rerunning continues a build.
   */
  @Command(name = "build", description = {
      "Build the model organism: corpus, BPE tokenizer, language model, SAE, dictionary, probes and report.",
      "Rerun the same command to continue an interrupted build."})
  static final class BuildCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", defaultValue = "organism", description = "Artifacts (model, probes, report); default ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--sae-out", defaultValue = "dictionaries/organism", description = "The SAE (SAELens layout) with its "
        + "feature dictionary; default ${DEFAULT-VALUE}.")
    Path saeOut;

    @Option(names = "--work", defaultValue = "organism-work", description = "Intermediate files and checkpoints; default ${DEFAULT-VALUE}.")
    Path work;

    @Option(names = "--lm-steps", description = "Language-model optimiser steps (default: the recipe's).")
    Integer lmSteps;

    @Option(names = "--lm-threads", description = "Worker threads a language-model step is spread over (default: the "
        + "recipe's, 2; give each one libtorch thread with -Dai.djl.pytorch.num_threads=1).")
    Integer lmThreads;

    @Option(names = "--train-transcripts", description = "Training transcripts (default: the recipe's).")
    Integer trainTranscripts;

    @Override
    public Integer call() {
      OrganismRecipe defaults = OrganismRecipe.defaults();
      LmTrainingConfig lm = lmSteps == null ? defaults.lm() : defaults.lm().withSteps(lmSteps);
      lm = lmThreads == null ? lm : lm.withThreads(lmThreads);
      OrganismRecipe recipe = new OrganismRecipe(defaults.seed(),
          trainTranscripts == null ? defaults.trainTranscripts() : trainTranscripts, defaults.heldOutTranscripts(),
          defaults.vocabSize(), lm, defaults.sae(), defaults.dictionaryTranscripts(), defaults.probeTranscripts());
      PrintWriter err = spec.commandLine().getErr();
      ProgressBar[] bar = {new ProgressBar(err)};
      new OrganismBuild(recipe, new OrganismLayout(out, saeOut, work), new BuildProgress() {
        @Override
        public void stage(String name, String detail) {
          err.println("== " + name + ": " + detail);
          err.flush();
          bar[0] = new ProgressBar(err);
        }

        @Override
        public void update(long done, long total, String status) {
          bar[0].update(done, total, status);
        }

        @Override
        public void note(String line) {
          err.println(line);
          err.flush();
        }
      }).run();
      return 0;
    }
  }

  /** What a run wrote, counted as it streams past. */
  private static final class Stats {
    private final Map<Topic, Long> topics = new EnumMap<>(Topic.class);
    private final Map<Concept, long[]> spans = new EnumMap<>(Concept.class);
    private long characters;
    private long benign;

    void add(Transcript t) {
      topics.merge(Topic.fromLabel(t.topic()), 1L, Long::sum);
      for (LabelledSpan s : t.spans()) {
        spans.computeIfAbsent(s.concept(), c -> new long[2])[s.positive() ? 0 : 1]++;
      }
      characters += t.text().length();
      benign += t.benign() ? 1 : 0;
    }

    void print(PrintWriter out, long written, Split split, long seed, Path file, double seconds) {
      out.printf(Locale.ROOT, "wrote %d %s transcripts (seed %d) to %s%n", written, split.label(), seed, file);
      out.println("transcripts per topic:");
      for (Map.Entry<Topic, Long> e : topics.entrySet()) {
        out.printf(Locale.ROOT, "  %-18s %8d  %5.1f%%%n", e.getKey().label(), e.getValue(), 100.0 * e.getValue() / written);
      }
      out.println("spans per concept (positive / negative):");
      for (Map.Entry<Concept, long[]> e : spans.entrySet()) {
        out.printf(Locale.ROOT, "  %-18s %8d / %d%n", e.getKey().label(), e.getValue()[0], e.getValue()[1]);
      }
      out.printf(Locale.ROOT, "benign transcripts: %d%n", benign);
      out.printf(Locale.ROOT, "characters: %d (%.0f per transcript)%n", characters, (double) characters / written);
      out.printf(Locale.ROOT, "elapsed: %.2f s (%.1f M characters/s, writing included)%n", seconds, characters / seconds / 1e6);
      out.flush();
    }
  }
}
