package dev.featurewatch.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written gradients against central finite differences, in float64. */
class SaeObjectiveTest {
  static final int B = 6;
  static final int D = 5;
  static final int S = 12;

  @ParameterizedTest
  @CsvSource({"TOPK, false", "TOPK, true", "BATCH_TOPK, true", "STANDARD, false"})
  void gradientsMatchFiniteDifferences(TrainingMethod arch, boolean auxK) {
    SaeObjective objective = new SaeObjective(arch, 3, arch == TrainingMethod.STANDARD ? 0.05 : 0);
    SplittableRandom r = new SplittableRandom(5);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = random(m, r, B, D);
      NDArray[] params = {random(m, r, D, S), random(m, r, S), random(m, r, S, D), random(m, r, D)};
      double[] deadMaskValues = new double[S];
      for (int i = 0; i < S; i += 3) {
        deadMaskValues[i] = 1;
      }
      NDArray dead = auxK ? m.create(deadMaskValues) : null;
      SaeObjective.Result result = evaluate(objective, x, params, dead);
      // AuxK treats the live latents' residual as a constant (SAELens detaches it).
      residual = result.error().neg();
      NDArray[] grads = {result.gradWEnc(), result.gradBEnc(), result.gradWDec(), result.gradBDec()};
      double h = 1e-6;
      for (int p = 0; p < params.length; p++) {
        double[] values = params[p].toDoubleArray();
        double[] analytic = grads[p].toDoubleArray();
        for (int i = 0; i < values.length; i++) {
          double saved = values[i];
          values[i] = saved + h;
          double up = loss(objective, x, params, p, values, dead);
          values[i] = saved - h;
          double down = loss(objective, x, params, p, values, dead);
          values[i] = saved;
          double numeric = (up - down) / (2 * h);
          assertEquals(numeric, analytic[i], 1e-5 + 1e-4 * Math.abs(numeric), arch + " param " + p + " element " + i);
        }
      }
    }
  }

  private static SaeObjective.Result evaluate(SaeObjective o, NDArray x, NDArray[] p, NDArray dead) {
    return o.evaluate(x, p[0], p[1], p[2], p[3], dead, 2, 0.5);
  }

  private static double loss(SaeObjective o, NDArray x, NDArray[] params, int which, double[] values, NDArray dead) {
    NDArray[] p = params.clone();
    p[which] = x.getManager().create(values, params[which].getShape());
    SaeObjective.Result r = o.evaluate(x, p[0], p[1], p[2], p[3], null, 0, 0);
    double total = r.mse().getDouble() + l1Part(o, x, p);
    if (dead != null) {
      total += auxPart(x, p, dead);
    }
    return total;
  }

  private static NDArray residual;

  /** AuxK with the residual of the unperturbed parameters held fixed. */
  private static double auxPart(NDArray x, NDArray[] p, NDArray dead) {
    NDArray pre = x.sub(p[3]).matMul(p[0]).add(p[1]);
    ai.djl.ndarray.NDList top = pre.add(dead.sub(1).mul(1e30)).topK(2, 1, true, false);
    NDArray zAux = pre.zerosLike().scatter(top.get(1), top.get(0), 1);
    return 0.5 * zAux.matMul(p[2]).sub(residual).square().sum(new int[] {1}).mean().getDouble();
  }

  /** The L1 term of a standard SAE (the objective reports only MSE and AuxK values). */
  private static double l1Part(SaeObjective o, NDArray x, NDArray[] p) {
    NDArray pre = x.sub(p[3]).matMul(p[0]).add(p[1]);
    return o.l1Coefficient() * ai.djl.nn.Activation.relu(pre).sum().getDouble() / x.getShape().get(0);
  }

  private static NDArray random(NDManager m, SplittableRandom r, long... shape) {
    int n = (int) new Shape(shape).size();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return m.create(v, new Shape(shape)).toType(DataType.FLOAT64, false);
  }
}
