package dev.featurewatch.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd off (or, for training threads, on) on the calling thread. DJL's grad mode is per
 * thread, so every thread that runs the model must call this; it also loads the engine first,
 * because the native call fails before the PyTorch library is loaded.
 */
public final class GradientMode {
  private GradientMode() {}

  /** Disables gradient recording for the calling thread. */
  public static void disableOnThisThread() {
    Engine.getEngine("PyTorch");
    JniUtils.setGradMode(false);
  }

  /** Enables gradient recording for the calling thread (training workers). */
  public static void enableOnThisThread() {
    Engine.getEngine("PyTorch");
    JniUtils.setGradMode(true);
  }
}
