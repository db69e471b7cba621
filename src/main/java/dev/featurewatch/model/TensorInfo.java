package dev.featurewatch.model;

import java.util.Arrays;

/**
 * Where one tensor lies in a safetensors file.
 *
 * @param name the tensor name from the header
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param offset absolute byte offset of the first element in the file
 * @param byteLength number of bytes of data
 */
public record TensorInfo(String name, SafetensorsDType dtype, long[] shape, long offset, long byteLength) {

  /** Number of elements (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The shape as {@code [a, b]}, as error messages print it. */
  public String shapeString() {
    return Arrays.toString(shape);
  }
}
