package dev.featurewatch.organism;

import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.organism.corpus.Concept;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.probe.LabelledExample;
import dev.featurewatch.probe.LogisticProbe;
import dev.featurewatch.probe.Pooling;
import dev.featurewatch.probe.Probe;
import dev.featurewatch.probe.ProbeMetrics;
import dev.featurewatch.probe.ProbeTrainer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The organism's deception and sycophancy probes: trained on training transcripts, their
 * threshold calibrated to 1% false positives on benign held-out chat, and measured on held-out
 * transcripts (held-out templates and entities).
 */
final class OrganismProbes {
  static final double TARGET_FPR = 0.01;

  /** Held-out detection figures of one probe. */
  record Measured(Concept concept, int positives, int negatives, double auroc, double tprAtThreshold, double benignFpr) {}

  private OrganismProbes() {}

  /**
   * Trains, calibrates, saves and measures the probe for one concept.
   *
   * @param train training transcripts (those ending in an answer become examples)
   * @param heldOut held-out transcripts: the benign ones calibrate, all of them measure
   */
  static Measured build(Transformer model, TextTokenizer tokenizer, Concept concept, List<Transcript> train, List<Transcript> heldOut,
      OrganismLayout layout, Consumer<String> progress) {
    List<LabelledExample> trainExamples = examples(train, concept, tokenizer);
    List<LabelledExample> benign = heldOut.stream().filter(Transcript::benign).filter(AnswerExamples::endsWithAnswer)
        .map(t -> AnswerExamples.of(t, concept, tokenizer)).toList();
    int bos = tokenizer.bosTokenId().orElse(-1);
    ProbeTrainer.Options options = new ProbeTrainer.Options(HookPoint.parse(OrganismShape.MONITORED_HOOK), Pooling.LAST,
        TARGET_FPR, 0.1, new LogisticProbe.Options(1e-3, 500, true), 0);
    Probe probe = ProbeTrainer.train(model, "featurewatch-organism", bos, trainExamples, benign, options, progress).probe();
    probe.save(layout.probe(concept.label()));

    List<LabelledExample> evaluation = examples(heldOut, concept, tokenizer);
    double[] scores = new double[evaluation.size()];
    int[] labels = new int[evaluation.size()];
    int positives = 0;
    int truePositives = 0;
    for (int i = 0; i < scores.length; i++) {
      LabelledExample e = evaluation.get(i);
      scores[i] = probe.score(lastActivation(model, e.tokens()));
      labels[i] = e.label();
      if (e.label() == 1) {
        positives++;
        truePositives += probe.isFlagged(scores[i]) ? 1 : 0;
      }
    }
    int benignFlagged = 0;
    for (LabelledExample b : benign) {
      benignFlagged += probe.isFlagged(probe.score(lastActivation(model, b.tokens()))) ? 1 : 0;
    }
    return new Measured(concept, positives, scores.length - positives, ProbeMetrics.auroc(scores, labels),
        positives == 0 ? Double.NaN : truePositives / (double) positives, benignFlagged / (double) benign.size());
  }

  private static List<LabelledExample> examples(List<Transcript> transcripts, Concept concept, TextTokenizer tokenizer) {
    return transcripts.stream().filter(AnswerExamples::endsWithAnswer).map(t -> AnswerExamples.of(t, concept, tokenizer)).toList();
  }

  private static float[] lastActivation(Transformer model, int[] tokens) {
    float[][] rows = dev.featurewatch.model.ActivationRecorder.record(model, HookPoint.parse(OrganismShape.MONITORED_HOOK), tokens);
    return rows[rows.length - 1];
  }
}
