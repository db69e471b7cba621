package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the positions a session has consumed. Buffers grow by
 * doubling and are written in place, so a decode step copies one position, not the whole cache.
 */
final class KvCache implements AutoCloseable {
  private static final int INITIAL_CAPACITY = 64;

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private final int kvHeads;
  private final int headDim;
  private int length;

  KvCache(NDManager manager, int layers, int kvHeads, int headDim) {
    this.manager = manager;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.kvHeads = kvHeads;
    this.headDim = headDim;
  }

  /** Positions stored (equal for every layer once a pass has finished). */
  int length() {
    return length;
  }

  /**
   * Writes the new positions of one layer after the stored ones and returns views of all of them.
   *
   * @param key [kvHeads, n, headDim]
   * @param value [kvHeads, n, headDim]
   * @return {keys, values}, each [kvHeads, length + n, headDim]
   */
  NDArray[] append(int layer, NDArray key, NDArray value) {
    int n = (int) key.getShape().get(1);
    int end = length + n;
    ensureCapacity(layer, end);
    NDIndex written = new NDIndex(":, {}:{}, :", length, end);
    keys[layer].set(written, key);
    values[layer].set(written, value);
    NDIndex filled = new NDIndex(":, :{}, :", end);
    return new NDArray[] {keys[layer].get(filled), values[layer].get(filled)};
  }

  /**
   * Writes one new position of one layer after the stored ones and returns views {@code width}
   * positions wide (at least length + 1), so that the caches of a batch line up; positions past
   * the new one hold zeros or an unfinished pass's values, finite either way, for the caller to mask.
   *
   * @param key [kvHeads, 1, headDim]
   * @param value [kvHeads, 1, headDim]
   * @return {keys, values}, each [kvHeads, width, headDim]
   */
  NDArray[] appendPadded(int layer, NDArray key, NDArray value, int width) {
    if (width < length + 1) {
      throw new IllegalArgumentException("width " + width + " is shorter than the " + (length + 1) + " positions");
    }
    ensureCapacity(layer, width);
    NDIndex written = new NDIndex(":, {}:{}, :", length, length + 1);
    keys[layer].set(written, key);
    values[layer].set(written, value);
    NDIndex filled = new NDIndex(":, :{}, :", width);
    return new NDArray[] {keys[layer].get(filled), values[layer].get(filled)};
  }

  /** Marks the positions of a finished pass as stored. */
  void advance(int n) {
    length += n;
  }

  private void ensureCapacity(int layer, int needed) {
    long capacity = keys[layer] == null ? 0 : keys[layer].getShape().get(1);
    if (needed <= capacity) {
      return;
    }
    long grown = Math.max(INITIAL_CAPACITY, capacity);
    while (grown < needed) {
      grown *= 2;
    }
    keys[layer] = grow(keys[layer], grown);
    values[layer] = grow(values[layer], grown);
  }

  private NDArray grow(NDArray old, long capacity) {
    NDArray buffer = manager.zeros(new Shape(kvHeads, capacity, headDim));
    NDScope.unregister(buffer); // outlives the forward pass that triggered the growth
    if (old != null && length > 0) {
      buffer.set(new NDIndex(":, :{}, :", length), old.get(new NDIndex(":, :{}, :", length)));
    }
    if (old != null) {
      old.close();
    }
    return buffer;
  }

  @Override
  public void close() {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        keys[i].close();
        values[i].close();
        keys[i] = null;
        values[i] = null;
      }
    }
  }
}
