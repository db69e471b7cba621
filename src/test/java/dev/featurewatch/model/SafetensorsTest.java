package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path temp;

  @Test
  void roundTripsEveryWritableDtype() throws IOException {
    float[] values = {0f, 1f, -2.5f, 0.15625f, 3.75f, -0.5f}; // exactly representable in all three
    Path file = temp.resolve("t.safetensors");
    new SafetensorsWriter()
        .metadata("format", "pt")
        .add("a", SafetensorsDType.F32, new long[] {2, 3}, values)
        .add("b", SafetensorsDType.F16, new long[] {6}, values)
        .add("c", SafetensorsDType.BF16, new long[] {3, 2}, values)
        .write(file);
    try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager("PyTorch")) {
      assertEquals("pt", st.metadata().get("format"));
      assertEquals(SafetensorsDType.BF16, st.tensors().get("c").dtype());
      for (String name : new String[] {"a", "b", "c"}) {
        try (NDArray array = st.loadFloat32(m, name)) {
          assertArrayEquals(values, array.toFloatArray(), 0f, name);
          assertArrayEquals(st.tensors().get(name).shape(), array.getShape().getShape(), name);
        }
      }
    }
  }

  @Test
  void halfPrecisionRoundsToNearestEven() {
    assertEquals(1f, FloatFormats.fromHalf(FloatFormats.toHalf(1.0002f)));
    assertEquals(65504f, FloatFormats.fromHalf(FloatFormats.toHalf(65504f)));
    assertEquals(Float.POSITIVE_INFINITY, FloatFormats.fromHalf(FloatFormats.toHalf(1e6f)));
    assertEquals(5.9604645e-8f, FloatFormats.fromHalf(FloatFormats.toHalf(5.9604645e-8f))); // smallest subnormal
    assertEquals(1.0078125f, FloatFormats.fromBfloat16(FloatFormats.toBfloat16(1.0078125f)));
    // 1 + 2^-8 is halfway between two bfloat16 values; ties go to the even one, 1.0.
    assertEquals(1f, FloatFormats.fromBfloat16(FloatFormats.toBfloat16(1.00390625f)));
  }

  @Test
  void rejectsAHeaderThatOverrunsTheFile() throws IOException {
    Path file = temp.resolve("bad.safetensors");
    Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000).array());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
    assertTrue(e.getMessage().contains("header length 1000"), e.getMessage());
  }

  @Test
  void rejectsOffsetsThatDisagreeWithTheShape() throws IOException {
    byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(8 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(header.length).put(header);
    Path file = temp.resolve("short.safetensors");
    Files.write(file, buf.array());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
    assertTrue(e.getMessage().contains("tensor w") && e.getMessage().contains("needs 16"), e.getMessage());
  }

  @Test
  void rejectsMalformedJsonAndUnknownDtypes() throws IOException {
    for (String header : new String[] {"{not json", "{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,1]}}"}) {
      byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.allocate(8 + bytes.length + 8).order(ByteOrder.LITTLE_ENDIAN);
      buf.putLong(bytes.length).put(bytes);
      Path file = temp.resolve("m.safetensors");
      Files.write(file, buf.array());
      ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
      assertTrue(e.getMessage().contains("not valid JSON") || e.getMessage().contains("unknown dtype 'Q4'"), e.getMessage());
    }
  }
}
