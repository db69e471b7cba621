package dev.featurewatch.model;

/**
 * {@code rope_scaling} of a Llama config: how rotary frequencies are stretched for long context.
 *
 * @param type {@code linear} or {@code llama3}
 * @param factor the context extension factor
 * @param lowFreqFactor llama3 only
 * @param highFreqFactor llama3 only
 * @param originalMaxPositions llama3 only: the context length the model was pre-trained at
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {

  /**
   * Applies the scaling to the unscaled inverse frequencies, as Hugging Face's
   * {@code _compute_llama3_parameters} and linear scaling do.
   */
  float[] apply(float[] inverseFrequencies) {
    float[] scaled = new float[inverseFrequencies.length];
    for (int i = 0; i < scaled.length; i++) {
      float f = inverseFrequencies[i];
      if (type.equals("linear")) {
        scaled[i] = (float) (f / factor);
        continue;
      }
      double lowFreqWavelength = originalMaxPositions / lowFreqFactor;
      double highFreqWavelength = originalMaxPositions / highFreqFactor;
      double wavelength = 2 * Math.PI / f;
      if (wavelength < highFreqWavelength) {
        scaled[i] = f;
      } else if (wavelength > lowFreqWavelength) {
        scaled[i] = (float) (f / factor);
      } else {
        double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        scaled[i] = (float) ((1 - smooth) * f / factor + smooth * f);
      }
    }
    return scaled;
  }
}
