package dev.featurewatch.probe;

import java.util.stream.IntStream;

/**
 * Fits a logistic-regression probe, score = sigmoid(w·x + b), on raw activation vectors.
 *
 * <p>The objective is the (optionally class-balanced) mean log loss plus an L2 penalty on w (not on
 * b). It is convex, so it is minimised with full-batch L-BFGS: no learning rate to tune, and the
 * same data always give the same weights (the seed of a training run only splits the data).
 *
 * <p>The result applies to raw activations: no standardisation is stored with a probe, so it
 * scores a row with one dot product. Inside the fit the features are centred and divided by one
 * scalar, x' = (x − μ) / σ with σ² the mean per-coordinate variance, and the result is mapped back
 * (w = v / σ, b = b' − w·μ). Both are exact reparameterisations, chosen for two reasons:
 *
 * <ul>
 *   <li>Residual streams carry large shared offsets and norms from 1 to 1000s. Uncentred, the bias
 *       and w are strongly coupled; unscaled, the curvature along w is σ² times that along b. Either
 *       makes L-BFGS crawl or stop early.
 *   <li>The penalty is {@code l2 × |v|² / 2} = {@code l2 × σ² × |w|² / 2}. Scaling the activations
 *       by c scales the optimal w by 1/c and leaves everything else unchanged, so one {@code l2}
 *       value means the same on a model whose residual norms are 1 as on one whose norms are 1000.
 *       Unlike per-coordinate standardisation it keeps the plain L2 geometry of the activation space.
 * </ul>
 *
 * <p>Gradients are summed over fixed blocks of rows in parallel and the block sums added in order,
 * so the result does not depend on the number of threads.
 */
public final class LogisticProbe {
  private LogisticProbe() {}

  /** Rows per parallel block: the blocks are fixed so the summation order is too. */
  private static final int BLOCK_ROWS = 256;
  /** L-BFGS history length. */
  private static final int HISTORY = 10;
  /** Stop when an iteration lowers the objective by less than this, relative to its size. */
  private static final double RELATIVE_TOLERANCE = 1e-10;
  /** Stop when every gradient component is below this. */
  private static final double GRADIENT_TOLERANCE = 1e-7;
  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 40;

  /**
   * Training options.
   *
   * @param l2 penalty strength on the variance-scaled features (see the class comment), >= 0
   * @param maxIterations L-BFGS iterations at most; each is one pass over the data, more when the
   *     line search backtracks
   * @param balanceClasses weight each class to half the loss, so a rare class still shapes w
   */
  public record Options(double l2, int maxIterations, boolean balanceClasses) {
    public Options {
      if (!(l2 >= 0) || Double.isInfinite(l2)) {
        throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, got " + maxIterations);
      }
    }
  }

  /**
   * A fitted probe.
   *
   * @param direction w, [d_in]
   * @param bias b, for raw (uncentred) activations
   * @param iterations L-BFGS iterations run
   * @param converged whether a tolerance was met (false: stopped at the iteration limit)
   * @param loss the final objective: weighted mean log loss plus penalty
   */
  public record Fit(float[] direction, double bias, int iterations, boolean converged, double loss) {}

  /** Told about each iteration: its number, the objective and the largest gradient component. */
  @FunctionalInterface
  public interface IterationListener {
    void onIteration(int iteration, double loss, double gradientMax);
  }

  /**
   * Fits w and b.
   *
   * @param data examples; all rows of one width, both labels present
   * @throws IllegalArgumentException if a class is missing or the rows differ in width
   */
  public static Fit fit(ActivationSet data, Options options, IterationListener listener) {
    Objective objective = new Objective(data, options);
    int dim = objective.width + 1; // w then b
    double[] theta = new double[dim];
    // Start at w = 0 with the bias at the (weighted) base rate: the best constant predictor.
    theta[dim - 1] = Math.log(objective.positiveTotal / objective.negativeTotal);
    double[] grad = new double[dim];
    double loss = objective.evaluate(theta, grad);

    double[][] sHistory = new double[HISTORY][];
    double[][] yHistory = new double[HISTORY][];
    double[] rho = new double[HISTORY];
    int stored = 0;
    int newest = -1;
    int iteration = 0;
    boolean converged = false;
    double[] direction = new double[dim];
    double[] nextTheta = new double[dim];
    double[] nextGrad = new double[dim];
    while (iteration < options.maxIterations()) {
      if (maxAbs(grad) <= GRADIENT_TOLERANCE) {
        converged = true;
        break;
      }
      iteration++;
      twoLoop(grad, sHistory, yHistory, rho, stored, newest, direction);
      double slope = dot(grad, direction);
      if (!(slope < 0)) { // not a descent direction (bad curvature pairs): restart from steepest descent
        stored = 0;
        for (int i = 0; i < dim; i++) {
          direction[i] = -grad[i];
        }
        slope = dot(grad, direction);
      }
      // The first step has no curvature estimate: keep it to unit length.
      double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      double nextLoss = Double.NaN;
      boolean accepted = false;
      for (int t = 0; t < MAX_BACKTRACKS; t++) {
        for (int i = 0; i < dim; i++) {
          nextTheta[i] = theta[i] + step * direction[i];
        }
        nextLoss = objective.evaluate(nextTheta, nextGrad);
        if (nextLoss <= loss + ARMIJO * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        if (stored > 0) { // the quasi-Newton direction may be stale: forget it and try steepest descent
          stored = 0;
          continue;
        }
        converged = true; // no descent even along -gradient: at the optimum to floating-point precision
        break;
      }
      // Curvature pair; skipped when s·y is not positive, which would make the Hessian estimate indefinite.
      double[] s = new double[dim];
      double[] y = new double[dim];
      for (int i = 0; i < dim; i++) {
        s[i] = nextTheta[i] - theta[i];
        y[i] = nextGrad[i] - grad[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        newest = (newest + 1) % HISTORY;
        sHistory[newest] = s;
        yHistory[newest] = y;
        rho[newest] = 1 / sy;
        stored = Math.min(stored + 1, HISTORY);
      }
      double decrease = loss - nextLoss;
      System.arraycopy(nextTheta, 0, theta, 0, dim);
      System.arraycopy(nextGrad, 0, grad, 0, dim);
      loss = nextLoss;
      listener.onIteration(iteration, loss, maxAbs(grad));
      if (decrease <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(loss))) {
        converged = true;
        break;
      }
    }
    return objective.toFit(theta, iteration, converged, loss);
  }

  /** L-BFGS two-loop recursion: direction = −H·grad with the stored curvature pairs. */
  private static void twoLoop(double[] grad, double[][] s, double[][] y, double[] rho, int stored, int newest, double[] out) {
    int dim = grad.length;
    for (int i = 0; i < dim; i++) {
      out[i] = -grad[i];
    }
    if (stored == 0) {
      return;
    }
    double[] alpha = new double[HISTORY];
    for (int k = 0; k < stored; k++) {
      int j = Math.floorMod(newest - k, HISTORY);
      alpha[j] = rho[j] * dot(s[j], out);
      axpy(-alpha[j], y[j], out);
    }
    double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
    for (int i = 0; i < dim; i++) {
      out[i] *= gamma;
    }
    for (int k = stored - 1; k >= 0; k--) {
      int j = Math.floorMod(newest - k, HISTORY);
      double beta = rho[j] * dot(y[j], out);
      axpy(alpha[j] - beta, s[j], out);
    }
  }

  /** The loss over centred, scaled features, its gradient, and the mapping back to raw activations. */
  private static final class Objective {
    final float[][] rows;
    final int[] labels;
    final int width;
    final double[] mean;
    final double scale; // σ
    final double penalty;
    final double positiveWeight;
    final double negativeWeight;
    final double positiveTotal; // positives × their weight
    final double negativeTotal;
    final double totalWeight;

    Objective(ActivationSet data, Options options) {
      rows = data.rows();
      labels = data.labels();
      int n = rows.length;
      int positives = data.positives();
      int negatives = n - positives;
      if (positives == 0 || negatives == 0) {
        throw new IllegalArgumentException("training needs examples of both labels; got " + positives
            + " positives and " + negatives + " negatives");
      }
      width = rows[0].length;
      for (float[] r : rows) {
        if (r.length != width) {
          throw new IllegalArgumentException("activation rows differ in width: " + width + " and " + r.length);
        }
      }
      mean = new double[width];
      for (float[] r : rows) {
        for (int j = 0; j < width; j++) {
          mean[j] += r[j];
        }
      }
      for (int j = 0; j < width; j++) {
        mean[j] /= n;
      }
      double squares = 0;
      for (float[] r : rows) {
        for (int j = 0; j < width; j++) {
          double c = r[j] - mean[j];
          squares += c * c;
        }
      }
      double variance = squares / ((double) n * width);
      scale = variance > 0 ? Math.sqrt(variance) : 1; // constant features: nothing to scale
      penalty = options.l2();
      // Balanced: each class carries half the total weight, as if the classes were equally common.
      positiveWeight = options.balanceClasses() ? n / (2.0 * positives) : 1;
      negativeWeight = options.balanceClasses() ? n / (2.0 * negatives) : 1;
      positiveTotal = positives * positiveWeight;
      negativeTotal = negatives * negativeWeight;
      totalWeight = positiveTotal + negativeTotal;
    }

    /**
     * Returns the objective at theta = (v, b), z = v·(x − μ)/σ + b, and writes its gradient. The rows
     * stay raw: z = w·x + shift with w = v/σ and shift = b − w·μ.
     */
    double evaluate(double[] theta, double[] gradOut) {
      int n = rows.length;
      int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
      double[] w = new double[width];
      double wMean = 0;
      for (int j = 0; j < width; j++) {
        w[j] = theta[j] / scale;
        wMean += w[j] * mean[j];
      }
      double shift = theta[width] - wMean;
      // Per block: Σ c·g·x (width entries), then Σ c·g, then Σ c·loss.
      double[][] partial = new double[blocks][];
      IntStream.range(0, blocks).parallel().forEach(block -> {
        double[] acc = new double[width + 2];
        int end = Math.min(n, (block + 1) * BLOCK_ROWS);
        for (int i = block * BLOCK_ROWS; i < end; i++) {
          float[] x = rows[i];
          double z = shift;
          for (int j = 0; j < width; j++) {
            z += w[j] * x[j];
          }
          int y = labels[i];
          double c = y == 1 ? positiveWeight : negativeWeight;
          // log(1 + e^z) − y·z without overflow, and sigmoid(z) − y.
          double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
          double g = c * (sigmoid(z) - y);
          acc[width + 1] += c * (softplus - y * z);
          acc[width] += g;
          for (int j = 0; j < width; j++) {
            acc[j] += g * x[j];
          }
        }
        partial[block] = acc;
      });
      double[] sum = new double[width + 2];
      for (double[] p : partial) {
        for (int j = 0; j < sum.length; j++) {
          sum[j] += p[j];
        }
      }
      double gSum = sum[width] / totalWeight;
      double squaredNorm = 0;
      for (int j = 0; j < width; j++) {
        // d/dv of Σ c·loss(v·(x − μ)/σ + b) = (Σ c·g·x − μ·Σ c·g) / σ
        gradOut[j] = (sum[j] / totalWeight - mean[j] * gSum) / scale + penalty * theta[j];
        squaredNorm += theta[j] * theta[j];
      }
      gradOut[width] = gSum;
      return sum[width + 1] / totalWeight + penalty * squaredNorm / 2;
    }

    /** Maps back to raw activations (w = v/σ, b − w·μ), using the float direction the probe will score with. */
    Fit toFit(double[] theta, int iterations, boolean converged, double loss) {
      float[] direction = new float[width];
      double bias = theta[width];
      for (int j = 0; j < width; j++) {
        direction[j] = (float) (theta[j] / scale);
        bias -= direction[j] * mean[j];
      }
      return new Fit(direction, bias, iterations, converged, loss);
    }
  }

  /** 1 / (1 + e^−z), accurate for both signs. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
