package dev.featurewatch.model;

import java.util.Locale;

/** Element types of the safetensors format, named as in the file header. */
public enum SafetensorsDType {
  BOOL(1),
  U8(1),
  I8(1),
  F8_E4M3(1),
  F8_E5M2(1),
  I16(2),
  U16(2),
  F16(2),
  BF16(2),
  I32(4),
  U32(4),
  F32(4),
  I64(8),
  U64(8),
  F64(8);

  private final int bytes;

  SafetensorsDType(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** Parses a header dtype name such as {@code "BF16"}; null if the name is unknown. */
  static SafetensorsDType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
