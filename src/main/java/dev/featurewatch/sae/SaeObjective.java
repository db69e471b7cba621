package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * The training loss of an SAE and its gradients, written out by hand.
 *
 * <p>For inputs x [B, d]: pre = (x − b_dec)·W_enc + b_enc; z = TopK/ReLU(pre);
 * x̂ = z·W_dec + b_dec; loss = mean_b ‖x̂ − x‖² (+ λ·mean_b Σ z for standard SAEs). With dead
 * features, AuxK adds α·mean_b ‖ê − (x − x̂)‖², where ê decodes (without bias) the k_aux largest
 * dead pre-activations: dead latents learn to explain what the live ones miss.
 */
final class SaeObjective {
  private final TrainingMethod method;
  private final int k;
  private final double l1Coefficient;

  double l1Coefficient() {
    return l1Coefficient;
  }

  SaeObjective(TrainingMethod method, int k, double l1Coefficient) {
    this.method = method;
    this.k = k;
    this.l1Coefficient = l1Coefficient;
  }

  /** Loss parts, the batch's firing mask and the gradients of each parameter. */
  record Result(NDArray mse, double auxLoss, NDArray active, NDArray error,
      NDArray gradWEnc, NDArray gradBEnc, NDArray gradWDec, NDArray gradBDec, double batchThreshold) {}

  /**
   * @param deadMask [d_sae], 1 for dead features, or null for no AuxK term
   * @param kAux dead latents used by AuxK
   * @param auxWeight weight α of the AuxK term
   */
  Result evaluate(NDArray x, NDArray wEnc, NDArray bEnc, NDArray wDec, NDArray bDec, NDArray deadMask, int kAux, double auxWeight) {
    long rows = x.getShape().get(0);
    NDArray centered = x.sub(bDec);
    NDArray pre = centered.matMul(wEnc).add(bEnc);
    NDArray z;
    double batchThreshold = 0;
    switch (method) {
      case TOPK -> {
        NDList top = pre.topK(k, 1, true, false);
        z = pre.zerosLike().scatter(top.get(1), Activation.relu(top.get(0)), 1);
      }
      case BATCH_TOPK -> {
        NDArray relu = Activation.relu(pre);
        NDArray threshold = relu.reshape(-1).topK((int) Math.min(rows * k, relu.size()), 0, true, false).get(0).min();
        batchThreshold = threshold.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        z = relu.mul(relu.gte(threshold).toType(x.getDataType(), false));
      }
      default -> z = Activation.relu(pre);
    }
    NDArray active = z.gt(0).toType(x.getDataType(), false);
    NDArray error = z.matMul(wDec).add(bDec).sub(x);
    NDArray mse = error.square().sum(new int[] {1}).mean();

    NDArray outputGrad = error.mul(2.0 / rows);
    NDArray gradWDec = z.transpose().matMul(outputGrad);
    NDArray gradBDec = outputGrad.sum(new int[] {0});
    NDArray gradZ = outputGrad.matMul(wDec.transpose());
    if (method == TrainingMethod.STANDARD && l1Coefficient > 0) {
      gradZ = gradZ.add(l1Coefficient / rows);
    }
    NDArray gradPre = gradZ.mul(active);

    double auxLoss = 0;
    if (deadMask != null && kAux > 0 && auxWeight > 0) {
      NDList topDead = pre.add(deadMask.sub(1).mul(1e30)).topK(kAux, 1, true, false);
      NDArray zAux = pre.zerosLike().scatter(topDead.get(1), topDead.get(0), 1);
      NDArray maskAux = pre.zerosLike().scatter(topDead.get(1), topDead.get(0).onesLike(), 1);
      NDArray auxError = zAux.matMul(wDec).add(error); // ê − (x − x̂)
      auxLoss = auxWeight * auxError.square().sum(new int[] {1}).mean().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
      NDArray auxGrad = auxError.mul(2 * auxWeight / rows);
      gradWDec = gradWDec.add(zAux.transpose().matMul(auxGrad));
      gradPre = gradPre.add(auxGrad.matMul(wDec.transpose()).mul(maskAux));
    }
    NDArray gradWEnc = centered.transpose().matMul(gradPre);
    NDArray gradBEnc = gradPre.sum(new int[] {0});
    gradBDec = gradBDec.sub(gradPre.matMul(wEnc.transpose()).sum(new int[] {0}));
    return new Result(mse, auxLoss, active, error, gradWEnc, gradBEnc, gradWDec, gradBDec, batchThreshold);
  }
}
