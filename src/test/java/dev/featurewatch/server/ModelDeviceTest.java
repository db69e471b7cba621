package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class ModelDeviceTest {

  @Test
  void autoIsTheEnginesDefaultAndCpuIsTheCpu() {
    assertNull(ModelDevice.parse("auto", () -> 0));
    assertNull(ModelDevice.parse(null, () -> 0));
    assertEquals(Device.cpu(), ModelDevice.parse("CPU", () -> 0));
  }

  @Test
  void aGpuIsTakenOnlyWhenTheEngineSeesIt() {
    assertEquals(Device.gpu(0), ModelDevice.parse("gpu", () -> 1));
    assertEquals(Device.gpu(1), ModelDevice.parse("gpu:1", () -> 2));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ModelDevice.parse("gpu:1", () -> 1));
    assertTrue(missing.getMessage().contains("sees 1 GPU(s)"), missing.getMessage());
    assertTrue(missing.getMessage().contains("PYTORCH_FLAVOR"), missing.getMessage());
  }

  @Test
  void anythingElseIsRefusedWithTheAllowedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDevice.parse("cuda0", () -> 1));
    assertEquals("model.device must be auto, cpu, gpu or gpu:N, got 'cuda0'", e.getMessage());
  }

  @Test
  void onThisMachineTheCpuBuildSeesNoGpu() {
    // The CI machine runs the CPU native library: asking for a GPU must fail at start-up, not fall back.
    if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0) {
      assertThrows(IllegalArgumentException.class, () -> ModelDevice.parse("gpu"));
    }
  }
}
