package dev.featurewatch.sae;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.FloatFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes SAE files byte by byte as the other tools do, without using the readers under test. */
final class SaeLayoutWriter {
  private SaeLayoutWriter() {}

  /** An .npy file: magic, version, header length, a Python dict literal padded to 64 bytes, data. */
  static byte[] npy(int version, String descr, boolean fortranOrder, long[] shape, byte[] data) {
    String tuple = shape.length == 1 ? "(" + shape[0] + ",)"
        : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': "
        + (fortranOrder ? "True" : "False") + ", 'shape': " + tuple + ", }");
    int prefix = 8 + (version == 1 ? 2 : 4);
    while ((prefix + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
    if (version == 1) {
      out.putShort((short) text.length);
    } else {
      out.putInt(text.length);
    }
    return out.put(text).put(data).array();
  }

  /** A float32 .npy (version 1). */
  static byte[] npy(float[] values, long... shape) {
    return npy(1, "<f4", false, shape, f4(values));
  }

  static byte[] f4(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] f2(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putShort(FloatFormats.toHalf(v));
    }
    return b.array();
  }

  static byte[] f8(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  /** An .npz: one NAME.npy entry per array, stored (as np.savez does) or deflated (np.savez_compressed). */
  static void npz(Path file, Map<String, byte[]> arrays, boolean stored) {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
        ZipEntry entry = new ZipEntry(array.getKey() + ".npy");
        byte[] data = array.getValue();
        if (stored) {
          CRC32 crc = new CRC32();
          crc.update(data);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(data.length);
          entry.setCompressedSize(data.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void json(Path file, Map<String, ?> fields) {
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().writeValue(file.toFile(), fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void bytes(Path file, byte[] data) {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** [rows, cols] row-major → [cols, rows] row-major. */
  static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }
}
