package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A memory-mapped <a href="https://github.com/huggingface/safetensors">safetensors</a> file.
 *
 * <p>The header is read and checked when the file is opened (every tensor must lie inside the
 * file, with as many bytes as its shape and dtype need), so a truncated or corrupt file fails
 * before any weight is used. Tensor data is never read into the Java heap: F32 tensors become
 * NDArrays over the mapped pages without a copy, F16 is widened by the engine, and BF16 is widened
 * in Java, because DJL 0.36 aborts the JVM on BF16 arrays.
 */
public final class SafetensorsFile implements Closeable {

  /** Tensors larger than this are converted in row chunks: a mapping or direct buffer is limited to 2 GiB. */
  static final long MAX_CHUNK_BYTES = 1L << 30;

  private static final long MAX_HEADER_BYTES = 100L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final FileChannel channel;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(Path path, FileChannel channel, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /**
   * Opens a file and validates its header.
   *
   * @throws ModelLoadException if the file is missing, truncated or its header is malformed
   */
  public static SafetensorsFile open(Path path) {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new ModelLoadException("cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      long fileSize = channel.size();
      if (fileSize < 8) {
        throw fail(path, "file is " + fileSize + " bytes, shorter than the 8-byte header length (truncated?)");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.getLong(0);
      if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) {
        throw fail(path, "header length " + headerLength + " does not fit a file of " + fileSize + " bytes (truncated or not safetensors)");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      long dataStart = 8 + headerLength;
      SafetensorsFile file = parseHeader(path, channel, header.array(), dataStart, fileSize - dataStart);
      return file;
    } catch (RuntimeException | IOException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof ModelLoadException mle) {
        throw mle;
      }
      throw new ModelLoadException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static SafetensorsFile parseHeader(Path path, FileChannel channel, byte[] header, long dataStart, long dataLength)
      throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(header);
    } catch (IOException e) {
      throw fail(path, "header is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw fail(path, "header is not a JSON object");
    }
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode node = field.getValue();
      if (name.equals("__metadata__")) {
        node.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      tensors.put(name, parseTensor(path, name, node, dataStart, dataLength));
    }
    return new SafetensorsFile(path, channel, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
  }

  private static TensorInfo parseTensor(Path path, String name, JsonNode node, long dataStart, long dataLength) {
    SafetensorsDType dtype = SafetensorsDType.parse(node.path("dtype").asText(""));
    if (dtype == null) {
      throw fail(path, "tensor " + name + ": unknown dtype '" + node.path("dtype").asText("") + "'");
    }
    JsonNode shapeNode = node.path("shape");
    JsonNode offsets = node.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw fail(path, "tensor " + name + ": header entry needs 'shape' and two 'data_offsets'");
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong(-1);
      if (shape[i] < 0) {
        throw fail(path, "tensor " + name + ": negative or non-integer dimension in shape " + shapeNode);
      }
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    TensorInfo info = new TensorInfo(name, dtype, shape, dataStart + begin, end - begin);
    long expected = info.elementCount() * dtype.bytes();
    if (begin < 0 || end < begin || end - begin != expected) {
      throw fail(path, "tensor " + name + ": data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
          + " bytes but shape " + info.shapeString() + " of " + dtype + " needs " + expected);
    }
    if (end > dataLength) {
      throw fail(path, "truncated: tensor " + name + " needs data bytes up to " + end + " but the file holds only " + dataLength);
    }
    return info;
  }

  /** The file this reads. */
  public Path path() {
    return path;
  }

  /** Tensors by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The header's {@code __metadata__} (empty if absent). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Loads a tensor as a FLOAT32 array owned by {@code manager}, whatever its stored float type.
   *
   * @throws ModelLoadException if the tensor is unknown or not a float type
   */
  public NDArray loadFloat32(NDManager manager, String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw fail(path, "no tensor named " + name);
    }
    return loadFloat32(manager, info);
  }

  NDArray loadFloat32(NDManager manager, TensorInfo info) {
    switch (info.dtype()) {
      case F32, F16, BF16, F64 -> { }
      default -> throw fail(path, "tensor " + info.name() + " has dtype " + info.dtype() + "; only F32, F16, BF16 and F64 weights are supported");
    }
    long[] shape = info.shape();
    long rows = shape.length == 0 ? 1 : shape[0];
    long rowElements = rows == 0 ? 0 : info.elementCount() / rows;
    long widestRowBytes = rowElements * Math.max(4, info.dtype().bytes());
    long rowsPerChunk = widestRowBytes == 0 ? rows : Math.max(1, MAX_CHUNK_BYTES / widestRowBytes);
    try {
      if (rows <= rowsPerChunk) {
        return loadRows(manager, info, 0, rows, rowElements);
      }
      NDList chunks = new NDList();
      try {
        for (long row = 0; row < rows; row += rowsPerChunk) {
          chunks.add(loadRows(manager, info, row, Math.min(rowsPerChunk, rows - row), rowElements));
        }
        return NDArrays.concat(chunks, 0);
      } finally {
        chunks.close();
      }
    } catch (IOException e) {
      throw new ModelLoadException("cannot read tensor " + info.name() + " from " + path + ": " + e.getMessage(), e);
    }
  }

  private NDArray loadRows(NDManager manager, TensorInfo info, long firstRow, long rowCount, long rowElements)
      throws IOException {
    long[] shape = info.shape().clone();
    if (shape.length > 0) {
      shape[0] = rowCount;
    }
    Shape ndShape = new Shape(shape);
    long elements = rowCount * rowElements;
    int width = info.dtype().bytes();
    long position = info.offset() + firstRow * rowElements * width;
    ByteBuffer stored = map(position, elements * width);
    switch (info.dtype()) {
      case F32:
        return manager.create(aligned(stored, position, 4), ndShape, DataType.FLOAT32);
      case F16:
        try (NDArray half = manager.create(aligned(stored, position, 2), ndShape, DataType.FLOAT16)) {
          return half.toType(DataType.FLOAT32, true);
        }
      case F64:
        try (NDArray wide = manager.create(aligned(stored, position, 8), ndShape, DataType.FLOAT64)) {
          return wide.toType(DataType.FLOAT32, true);
        }
      case BF16:
        return manager.create(widenBf16(stored, (int) elements), ndShape, DataType.FLOAT32);
      default:
        throw new IllegalStateException(info.dtype().name());
    }
  }

  private ByteBuffer map(long position, long length) throws IOException {
    if (length == 0) {
      return ByteBuffer.allocateDirect(0);
    }
    return channel.map(FileChannel.MapMode.READ_ONLY, position, length).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Mixed-dtype files can leave a tensor misaligned, and the engine's kernels expect natural
   * alignment. A mapping starts on a page boundary, so its address is aligned exactly when the
   * file position is.
   */
  private static ByteBuffer aligned(ByteBuffer mapped, long filePosition, int alignment) {
    if (filePosition % alignment == 0) {
      return mapped;
    }
    ByteBuffer copy = ByteBuffer.allocateDirect(mapped.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    copy.put(mapped.duplicate()).flip();
    return copy;
  }

  /** bfloat16 is the top half of a float32, so widening is a 16-bit shift. */
  static ByteBuffer widenBf16(ByteBuffer stored, int elements) {
    ByteBuffer widened = ByteBuffer.allocateDirect(elements * 4).order(ByteOrder.nativeOrder());
    for (int i = 0; i < elements; i++) {
      widened.putInt(i * 4, (stored.getShort(i * 2) & 0xffff) << 16);
    }
    return widened;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static ModelLoadException fail(Path path, String message) {
    return new ModelLoadException(path + ": " + message);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
