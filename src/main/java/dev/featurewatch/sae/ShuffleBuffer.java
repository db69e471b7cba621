package dev.featurewatch.sae;

import java.util.SplittableRandom;

/**
 * Decorrelates a stream of activations: rows from one document are similar, so batches are
 * drawn at random from a large buffer that refills from the stream as it is emptied.
 */
final class ShuffleBuffer {
  private final float[] rows;
  private final int width;
  private final int capacity;
  private final ActivationStream stream;
  private int size;

  ShuffleBuffer(int capacity, int width, ActivationStream stream) {
    this.rows = new float[capacity * width];
    this.width = width;
    this.capacity = capacity;
    this.stream = stream;
    refill();
  }

  private void refill() {
    while (size < capacity) {
      System.arraycopy(stream.next(), 0, rows, size++ * width, width);
    }
  }

  /** Removes {@code batch} random rows into a flat [batch, width] array, then refills. */
  float[] take(int batch, SplittableRandom random) {
    int n = batch;
    float[] out = new float[n * width];
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(size);
      System.arraycopy(rows, pick * width, out, i * width, width);
      // Fill the hole with the last row so the held rows stay contiguous.
      size--;
      System.arraycopy(rows, size * width, rows, pick * width, width);
    }
    refill();
    return out;
  }

  /** A copy of up to {@code n} held rows, for initialisation statistics. */
  float[] sample(int n) {
    int count = Math.min(n, size);
    float[] out = new float[count * width];
    System.arraycopy(rows, 0, out, 0, count * width);
    return out;
  }
}
