package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.featurewatch.model.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one array in NumPy's {@code .npy} format (format versions 1, 2 and 3) from a stream, as
 * {@code np.save} writes it and {@code np.savez} stores it inside a zip.
 *
 * <p>The file is a magic string, a version, a header length (2 bytes in version 1, 4 bytes in 2
 * and 3) and a Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (8, 24), }}, followed by the raw elements. Supported element types are the
 * little-endian floats {@code <f4}, {@code <f2} and {@code <f8}, in C order; anything else
 * (integers, big-endian data, bfloat16, which NumPy stores as an opaque {@code |V2}) is an error
 * that names the type. Every array is returned as FLOAT32.
 */
final class NpyReader {
  /** Chunk size for the copy into native memory: a direct buffer holds at most 2 GiB. */
  static final int MAX_CHUNK_BYTES = 1 << 30;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /**
   * An array's header.
   *
   * @param descr NumPy type string, e.g. {@code <f4}
   * @param fortranOrder whether the elements are stored column-major
   * @param shape dimensions; empty for a scalar
   */
  record Header(String descr, boolean fortranOrder, long[] shape) {
    long elementCount() {
      long n = 1;
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    }

    String shapeString() {
      return Arrays.toString(shape);
    }
  }

  /**
   * Reads the header, leaving {@code in} at the first element.
   *
   * @param source names the array in error messages, e.g. {@code params.npz:W_enc.npy}
   * @throws ModelLoadException if the stream is not an npy array or its header is malformed
   */
  static Header readHeader(InputStream in, String source) throws IOException {
    byte[] prefix = in.readNBytes(8);
    if (prefix.length < 8 || !Arrays.equals(Arrays.copyOf(prefix, 6), MAGIC)) {
      throw fail(source, "not an .npy array (no \\x93NUMPY magic)");
    }
    int major = prefix[6] & 0xff;
    int lengthBytes = switch (major) {
      case 1 -> 2;
      case 2, 3 -> 4;
      default -> throw fail(source, ".npy format version " + major + "." + (prefix[7] & 0xff) + " is not supported (1, 2 or 3)");
    };
    byte[] lengthField = in.readNBytes(lengthBytes);
    if (lengthField.length < lengthBytes) {
      throw fail(source, "truncated .npy header");
    }
    long headerLength = lengthBytes == 2
        ? ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffffL
        : ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    if (headerLength > MAX_HEADER_BYTES) {
      throw fail(source, ".npy header of " + headerLength + " bytes is implausibly long");
    }
    byte[] headerBytes = in.readNBytes((int) headerLength);
    if (headerBytes.length < headerLength) {
      throw fail(source, "truncated .npy header");
    }
    // Version 1 and 2 headers are latin-1, version 3 UTF-8; the fields read here are ASCII.
    String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw fail(source, "malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): " + header.strip());
    }
    return new Header(descr.group(1), fortran.group(1).equals("True"), parseShape(shape.group(1), source));
  }

  private static long[] parseShape(String tuple, String source) {
    String[] parts = Arrays.stream(tuple.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    long[] shape = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        shape[i] = Long.parseLong(parts[i].endsWith("L") ? parts[i].substring(0, parts[i].length() - 1) : parts[i]);
      } catch (NumberFormatException e) {
        shape[i] = -1;
      }
      if (shape[i] < 0) {
        throw fail(source, "malformed .npy shape (" + tuple + ")");
      }
    }
    return shape;
  }

  /**
   * Reads the elements after {@link #readHeader} into a FLOAT32 array owned by {@code manager}.
   *
   * @throws ModelLoadException naming the type if it is unsupported, or if the data is truncated
   */
  static NDArray readData(InputStream in, Header header, NDManager manager, String source) throws IOException {
    DataType stored = switch (header.descr()) {
      case "<f4" -> DataType.FLOAT32;
      case "<f2" -> DataType.FLOAT16;
      case "<f8" -> DataType.FLOAT64;
      default -> throw fail(source, "dtype '" + header.descr() + "' is not supported; only little-endian float32 ('<f4'),"
          + " float16 ('<f2') and float64 ('<f8') are (bfloat16 arrays appear as '|V2': save them with .astype(np.float32))");
    };
    long count = header.elementCount();
    if (header.fortranOrder() && nonTrivialDimensions(header.shape()) > 1) {
      throw fail(source, "array of shape " + header.shapeString() + " is stored in Fortran order, which is not supported;"
          + " save it with np.ascontiguousarray");
    }
    if (count == 0) {
      return manager.zeros(new Shape(header.shape()));
    }
    long chunkElements = MAX_CHUNK_BYTES / stored.getNumOfBytes();
    ReadableByteChannel channel = Channels.newChannel(in);
    NDList chunks = new NDList();
    try {
      for (long done = 0; done < count; done += chunkElements) {
        int n = (int) Math.min(chunkElements, count - done);
        chunks.add(readChunk(channel, n, stored, manager, source, count));
      }
      NDArray flat = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks, 0);
      NDArray result = flat.reshape(new Shape(header.shape()));
      if (chunks.size() > 1) {
        chunks.close();
      }
      return result;
    } catch (RuntimeException | IOException e) {
      chunks.close();
      throw e;
    }
  }

  private static NDArray readChunk(ReadableByteChannel channel, int elements, DataType stored, NDManager manager,
      String source, long total) throws IOException {
    // A fresh buffer per chunk: the engine may keep pointing into it rather than copy it.
    ByteBuffer buffer = ByteBuffer.allocateDirect(elements * stored.getNumOfBytes()).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw fail(source, "truncated: the header promises " + total + " elements but the data ends early");
      }
    }
    buffer.flip();
    NDArray chunk = manager.create(buffer, new Shape(elements), stored);
    if (stored == DataType.FLOAT32) {
      return chunk;
    }
    try (chunk) {
      return chunk.toType(DataType.FLOAT32, true);
    }
  }

  /** Fortran and C order coincide when at most one dimension is longer than 1. */
  private static int nonTrivialDimensions(long[] shape) {
    int n = 0;
    for (long d : shape) {
      n += d > 1 ? 1 : 0;
    }
    return n;
  }

  private static ModelLoadException fail(String source, String message) {
    return new ModelLoadException(source + ": " + message);
  }
}
