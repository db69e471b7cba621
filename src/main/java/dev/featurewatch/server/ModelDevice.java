package dev.featurewatch.server;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code model.device} setting: where the model, the SAE and every activation live.
 * {@code auto} takes DJL's default (the first GPU when the PyTorch native library has CUDA and
 * sees one, else the CPU); {@code cpu}, {@code gpu} and {@code gpu:N} ask for one, and a GPU that
 * the engine cannot see stops start-up with the reason, rather than running on the CPU unnoticed.
 */
final class ModelDevice {
  private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

  private ModelDevice() {}

  /** The device for {@code setting}, or null for the engine's default. */
  static Device parse(String setting) {
    return parse(setting, () -> Engine.getEngine("PyTorch").getGpuCount());
  }

  static Device parse(String setting, IntSupplier gpuCount) {
    String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    if (value.equals("auto")) {
      return null;
    }
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    Matcher gpu = GPU.matcher(value);
    if (!gpu.matches()) {
      throw new IllegalArgumentException("model.device must be auto, cpu, gpu or gpu:N, got '" + setting + "'");
    }
    int index = gpu.group(1) == null ? 0 : Integer.parseInt(gpu.group(1));
    int count = gpuCount.getAsInt();
    if (index >= count) {
      throw new IllegalArgumentException("model.device is " + value + " but the PyTorch engine sees " + count
          + " GPU(s): is the CUDA native library on the class path (the cuda build) or PYTORCH_LIBRARY_PATH set, with "
          + "PYTORCH_FLAVOR naming its CUDA version, and is the GPU visible (nvidia-smi, CUDA_VISIBLE_DEVICES)?");
    }
    return Device.gpu(index);
  }
}
