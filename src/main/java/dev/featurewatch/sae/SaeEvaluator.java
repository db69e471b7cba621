package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.ActivationRecorder;
import dev.featurewatch.model.Hook;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import java.util.Set;

/**
 * Evaluates an SAE on a model over a corpus: reconstruction statistics at the hook, and
 * next-token cross-entropy and KL divergence of the clean model, the model with the SAE's
 * reconstruction spliced in, and the model with the hook zero-ablated. Special-token positions
 * (BOS above all) are neither counted nor replaced, as the runtime monitor never encodes them.
 */
public final class SaeEvaluator {
  private final Transformer model;
  private final SparseAutoencoder sae;
  private final Set<Integer> skipTokens;

  public SaeEvaluator(Transformer model, SparseAutoencoder sae, Set<Integer> skipTokens) {
    sae.checkCompatible(model.config());
    this.model = model;
    this.sae = sae;
    this.skipTokens = skipTokens;
  }

  /** Evaluates over every document of the corpus. */
  public SaeEvaluation evaluate(Corpus corpus) {
    int d = sae.config().dIn();
    int s = sae.config().dSae();
    long tokens = 0;
    long predictions = 0;
    double l0 = 0;
    double l1 = 0;
    double squaredError = 0;
    double sumSquares = 0;
    double[] sum = new double[d];
    double cosine = 0;
    double normIn = 0;
    double normOut = 0;
    double ceClean = 0;
    double ceSae = 0;
    double ceAblation = 0;
    double klSae = 0;
    double klAblation = 0;
    long[] firings = new long[s];

    for (int[] doc : corpus.documents()) {
      ActivationRecorder recorder = new ActivationRecorder();
      float[][] clean = run(doc, Hooks.builder().add(sae.config().hookPoint(), recorder).build());
      float[][] spliced = run(doc, Hooks.builder().add(sae.config().hookPoint(), replacement(doc, true)).build());
      float[][] ablated = run(doc, Hooks.builder().add(sae.config().hookPoint(), replacement(doc, false)).build());
      for (int t = 0; t + 1 < doc.length; t++) {
        double[] p = logSoftmax(clean[t]);
        double[] q = logSoftmax(spliced[t]);
        double[] r = logSoftmax(ablated[t]);
        ceClean -= p[doc[t + 1]];
        ceSae -= q[doc[t + 1]];
        ceAblation -= r[doc[t + 1]];
        klSae += kl(p, q);
        klAblation += kl(p, r);
        predictions++;
      }

      int[] kept = keptRows(doc);
      if (kept.length == 0) {
        continue;
      }
      float[] x = new float[kept.length * d];
      for (int i = 0; i < kept.length; i++) {
        System.arraycopy(recorder.rows().get(kept[i]).activation(), 0, x, i * d, d);
      }
      try (NDManager m = NDManager.newBaseManager(model.device(), "PyTorch")) {
        NDArray input = m.create(x, new Shape(kept.length, d));
        float[] acts = sae.encode(input).toFloatArray();
        float[] recon = sae.reconstruct(input).toFloatArray();
        for (int i = 0; i < kept.length; i++) {
          double err = 0;
          double dot = 0;
          double xx = 0;
          double yy = 0;
          for (int j = 0; j < d; j++) {
            double a = x[i * d + j];
            double b = recon[i * d + j];
            err += (a - b) * (a - b);
            dot += a * b;
            xx += a * a;
            yy += b * b;
            sum[j] += a;
          }
          squaredError += err;
          sumSquares += xx;
          cosine += dot / Math.max(Math.sqrt(xx * yy), 1e-12);
          normIn += Math.sqrt(xx);
          normOut += Math.sqrt(yy);
          for (int f = 0; f < s; f++) {
            float v = acts[i * s + f];
            if (v > 0) {
              l0++;
              l1 += v;
              firings[f]++;
            }
          }
        }
      }
      tokens += kept.length;
    }
    if (tokens == 0) {
      throw new IllegalArgumentException("the corpus has no positions to evaluate");
    }
    double meanSquaredNorm = 0;
    for (int j = 0; j < d; j++) {
      meanSquaredNorm += (sum[j] / tokens) * (sum[j] / tokens);
    }
    double totalVariance = sumSquares - tokens * meanSquaredNorm;
    int dead = 0;
    int dense = 0;
    for (long f : firings) {
      dead += f == 0 ? 1 : 0;
      dense += f > 0.1 * tokens ? 1 : 0;
    }
    return new SaeEvaluation(tokens, l0 / tokens, l1 / tokens, squaredError / (tokens * (double) d),
        1 - squaredError / totalVariance, cosine / tokens, normIn / tokens, normOut / tokens,
        ceClean / predictions, ceSae / predictions, ceAblation / predictions,
        klSae / predictions, klAblation / predictions, dead / (double) s, dense / (double) s);
  }

  private float[][] run(int[] doc, Hooks hooks) {
    try (InferenceSession session = model.newSession()) {
      return session.forwardAll(doc, hooks);
    }
  }

  /** Replaces non-special rows with the reconstruction ({@code splice}) or with zeros. */
  private Hook replacement(int[] doc, boolean splice) {
    float[] keep = new float[doc.length];
    for (int i = 0; i < doc.length; i++) {
      keep[i] = skipTokens.contains(doc[i]) ? 0f : 1f;
    }
    return (point, x, context) -> {
      NDArray mask = x.getManager().create(keep, new Shape(keep.length, 1));
      NDArray replacement = splice ? sae.reconstruct(x) : x.zerosLike();
      return x.add(replacement.sub(x).mul(mask));
    };
  }

  private int[] keptRows(int[] doc) {
    return java.util.stream.IntStream.range(0, doc.length).filter(i -> !skipTokens.contains(doc[i])).toArray();
  }

  private static double[] logSoftmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double total = 0;
    for (float v : logits) {
      total += Math.exp(v - max);
    }
    double logZ = max + Math.log(total);
    double[] out = new double[logits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = logits[i] - logZ;
    }
    return out;
  }

  private static double kl(double[] logP, double[] logQ) {
    double kl = 0;
    for (int i = 0; i < logP.length; i++) {
      kl += Math.exp(logP[i]) * (logP[i] - logQ[i]);
    }
    return Math.max(0, kl);
  }
}
