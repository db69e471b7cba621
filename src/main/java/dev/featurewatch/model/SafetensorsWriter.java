package dev.featurewatch.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes float tensors to a safetensors file, stored as F32, F16 or BF16. The file is written
 * beside its target and moved into place, so a reader never sees half a file.
 */
public final class SafetensorsWriter {
  private record Entry(String name, SafetensorsDType dtype, long[] shape, float[] data) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** Adds a {@code __metadata__} entry. */
  public SafetensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** Adds a tensor, stored in {@code dtype} (F32, F16 or BF16, rounded to nearest even). */
  public SafetensorsWriter add(String name, SafetensorsDType dtype, long[] shape, float[] data) {
    if (dtype != SafetensorsDType.F32 && dtype != SafetensorsDType.F16 && dtype != SafetensorsDType.BF16) {
      throw new IllegalArgumentException("cannot write " + dtype + "; use F32, F16 or BF16");
    }
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("tensor " + name + ": shape needs " + n + " values, got " + data.length);
    }
    entries.add(new Entry(name, dtype, shape.clone(), data));
    return this;
  }

  /** Adds an F32 tensor. */
  public SafetensorsWriter add(String name, long[] shape, float[] data) {
    return add(name, SafetensorsDType.F32, shape, data);
  }

  /** Writes the file atomically. */
  public void write(Path file) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Entry e : entries) {
      ObjectNode node = header.putObject(e.name);
      node.put("dtype", e.dtype.name());
      ArrayNode shape = node.putArray("shape");
      for (long d : e.shape) {
        shape.add(d);
      }
      long bytes = (long) e.data.length * e.dtype.bytes();
      node.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] headerBytes = padToEight(header.toString().getBytes(StandardCharsets.UTF_8));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
        out.write(length.array());
        out.write(headerBytes);
        for (Entry e : entries) {
          out.write(encode(e));
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The format pads the header with spaces so tensor data starts 8-byte aligned. */
  private static byte[] padToEight(byte[] header) {
    int padded = (header.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    System.arraycopy(header, 0, out, 0, header.length);
    for (int i = header.length; i < padded; i++) {
      out[i] = ' ';
    }
    return out;
  }

  private static byte[] encode(Entry e) {
    ByteBuffer buf = ByteBuffer.allocate(e.data.length * e.dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : e.data) {
      switch (e.dtype) {
        case F32 -> buf.putFloat(v);
        case F16 -> buf.putShort(FloatFormats.toHalf(v));
        case BF16 -> buf.putShort(FloatFormats.toBfloat16(v));
        default -> throw new IllegalStateException();
      }
    }
    return buf.array();
  }
}
