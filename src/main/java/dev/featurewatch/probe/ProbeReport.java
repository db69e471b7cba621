package dev.featurewatch.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a probe training run measured. Detection metrics are on the held-out split, which training
 * never saw.
 *
 * @param hookName where the probe reads
 * @param pool how sequences became examples
 * @param dIn activation width
 * @param modelName the model directory's name
 * @param trainSequences lines of the data file used for training
 * @param trainExamples examples they gave (one per sequence, or one per token after BOS)
 * @param trainPositives of those, labelled 1
 * @param holdoutSequences lines held out
 * @param holdoutExamples examples they gave
 * @param holdoutPositives of those, labelled 1
 * @param calibrationSet {@code benign} (the --benign file) or {@code holdout_negatives}
 * @param calibrationExamples benign examples the threshold was calibrated on
 * @param targetFpr the false-positive rate asked for
 * @param threshold the calibrated threshold on the score
 * @param calibrationFpr fraction of the calibration set above the threshold (at most targetFpr)
 * @param auroc held-out AUROC
 * @param tprAtTargetFpr held-out TPR at the target FPR, with the threshold set on the held-out
 *     negatives (a point of the held-out ROC curve)
 * @param holdoutTprAtThreshold held-out TPR with the calibrated threshold
 * @param holdoutFprAtThreshold held-out FPR with the calibrated threshold
 * @param trainAuroc AUROC on the training examples (far above {@code auroc} means overfitting)
 * @param l2 the penalty option
 * @param balanced whether classes were balanced
 * @param seed the split's seed
 * @param iterations L-BFGS iterations
 * @param converged whether the optimiser met its tolerance
 * @param loss the final training objective
 * @param extractSeconds time spent running the model for activations
 * @param trainSeconds time spent fitting
 */
public record ProbeReport(
    String hookName,
    Pooling pool,
    int dIn,
    String modelName,
    int trainSequences,
    int trainExamples,
    int trainPositives,
    int holdoutSequences,
    int holdoutExamples,
    int holdoutPositives,
    String calibrationSet,
    int calibrationExamples,
    double targetFpr,
    double threshold,
    double calibrationFpr,
    double auroc,
    double tprAtTargetFpr,
    double holdoutTprAtThreshold,
    double holdoutFprAtThreshold,
    double trainAuroc,
    double l2,
    boolean balanced,
    long seed,
    int iterations,
    boolean converged,
    double loss,
    double extractSeconds,
    double trainSeconds) {

  /** The report as one JSON object with snake_case fields (what {@code probe train} prints). */
  public ObjectNode toJson() {
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("hook_name", hookName);
    json.put("pool", pool.jsonName());
    json.put("d_in", dIn);
    json.put("model_name", modelName);
    json.put("auroc", auroc);
    json.put("tpr_at_target_fpr", tprAtTargetFpr);
    json.put("target_fpr", targetFpr);
    json.put("threshold", threshold);
    json.put("calibration_set", calibrationSet);
    json.put("calibration_examples", calibrationExamples);
    json.put("calibration_fpr", calibrationFpr);
    json.put("holdout_tpr_at_threshold", holdoutTprAtThreshold);
    json.put("holdout_fpr_at_threshold", holdoutFprAtThreshold);
    json.put("train_auroc", trainAuroc);
    json.put("train_sequences", trainSequences);
    json.put("train_examples", trainExamples);
    json.put("train_positives", trainPositives);
    json.put("holdout_sequences", holdoutSequences);
    json.put("holdout_examples", holdoutExamples);
    json.put("holdout_positives", holdoutPositives);
    json.put("l2", l2);
    json.put("balanced", balanced);
    json.put("seed", seed);
    json.put("iterations", iterations);
    json.put("converged", converged);
    json.put("loss", loss);
    json.put("extract_seconds", extractSeconds);
    json.put("train_seconds", trainSeconds);
    return json;
  }

  /** The metrics saved in {@code probe.json}: detection quality and the counts behind it. */
  public Map<String, Number> probeMetrics() {
    Map<String, Number> m = new LinkedHashMap<>();
    m.put("auroc", auroc);
    m.put("tpr_at_target_fpr", tprAtTargetFpr);
    m.put("holdout_tpr_at_threshold", holdoutTprAtThreshold);
    m.put("holdout_fpr_at_threshold", holdoutFprAtThreshold);
    m.put("calibration_examples", calibrationExamples);
    m.put("train_examples", trainExamples);
    m.put("train_positives", trainPositives);
    m.put("holdout_examples", holdoutExamples);
    m.put("holdout_positives", holdoutPositives);
    return m;
  }
}
