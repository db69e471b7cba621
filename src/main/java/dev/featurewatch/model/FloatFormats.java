package dev.featurewatch.model;

/** Conversions between float32 and the 16-bit float formats, rounding to nearest even. */
public final class FloatFormats {
  private FloatFormats() {}

  /** float32 → bfloat16 bits. */
  public static short toBfloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int roundingBias = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }

  /** bfloat16 bits → float32. */
  public static float fromBfloat16(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** float32 → IEEE half bits (Java 17 has no Float.floatToFloat16). */
  public static short toHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign;
      }
      mantissa |= 0x800000;
      int shift = 14 - halfExponent;
      int half = mantissa >> shift;
      int remainder = mantissa & ((1 << shift) - 1);
      int midpoint = 1 << (shift - 1);
      if (remainder > midpoint || (remainder == midpoint && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (halfExponent << 10) | (mantissa >> 13);
    int remainder = mantissa & 0x1fff;
    if (remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1)) {
      half++; // may carry into the exponent, which is the correct rounding up to the next binade
    }
    return (short) (sign | half);
  }

  /** IEEE half bits → float32. */
  public static float fromHalf(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }
}
