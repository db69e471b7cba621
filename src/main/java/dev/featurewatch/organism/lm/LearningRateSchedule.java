package dev.featurewatch.organism.lm;

/** Linear warm-up to the peak, then a cosine decay to peak × min ratio at the last step. */
public final class LearningRateSchedule {
  private final double peak;
  private final double floor;
  private final int warmup;
  private final int total;

  public LearningRateSchedule(LmTrainingConfig config) {
    this.peak = config.peakLearningRate();
    this.floor = config.peakLearningRate() * config.minLearningRateRatio();
    this.warmup = config.warmupSteps();
    this.total = config.steps();
  }

  /** The rate for step {@code step}, counted from 1. */
  public double at(int step) {
    if (step <= warmup) {
      return peak * step / Math.max(1, warmup);
    }
    double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
    return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
