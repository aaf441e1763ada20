// The numerics of qcc, defined once.
//
// Every kernel on every ISA is tested bit-exact against these functions, and
// the compiler calls them to derive multipliers and to fold constants. They
// are plain inline functions on scalars so that both can.
//
// Scales are real numbers; an integer rule carries one as a Q31 mantissa and
// an exponent: real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31)
// (or 0 for a scale too small to matter), shift in [-31, 30]; a positive shift
// multiplies, a negative one divides (the TFLite convention).
#ifndef QCC_RUNTIME_REQUANTIZE_H
#define QCC_RUNTIME_REQUANTIZE_H

#include <cmath>
#include <cstdint>
#include <limits>

namespace qcc::rt {

/// How an int32 accumulator is scaled into the output's quantization.
enum class Rounding : int32_t {
  /// gemmlowp SaturatingRoundingDoublingHighMul (ties toward +infinity, as
  /// ARM's SQRDMULH), then RoundingDivideByPOT (ties away from zero): two
  /// roundings. TFLite's reference kernels. Integer only.
  DoubleRound = 0,
  /// (acc * multiplier + 2^(s-1)) >> s with s = 31 - shift: one rounding,
  /// half toward +infinity. TFLITE_SINGLE_ROUNDING, TOSA SINGLE_ROUND.
  /// Integer only.
  SingleRound = 1,
  /// float32(acc) * float32 scale, rounded half to even: what ONNX Runtime
  /// and PyTorch's fbgemm, qnnpack and onednn compute. Not integer only.
  FloatHalfEven = 2,
};

inline const char *roundingName(Rounding r) {
  switch (r) {
  case Rounding::DoubleRound:
    return "double_round";
  case Rounding::SingleRound:
    return "single_round";
  case Rounding::FloatHalfEven:
    return "float_half_even";
  }
  return "unknown";
}

constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();

inline int32_t saturateToInt32(int64_t v) {
  return v < kInt32Min ? kInt32Min : v > kInt32Max ? kInt32Max : int32_t(v);
}

inline int32_t clampInt32(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

//===----------------------------------------------------------------------===//
// Multiplier derivation
//===----------------------------------------------------------------------===//

struct QuantizedMultiplier {
  int32_t multiplier = 0; ///< Q31 mantissa in [2^30, 2^31), or 0
  int32_t shift = 0;      ///< real = multiplier * 2^(shift - 31)
};

enum class MultiplierError {
  None,
  NotFinite,   ///< NaN or infinite scale
  NotPositive, ///< zero or negative scale
  TooLarge,    ///< >= 2^30: no int32 accumulator survives it
};

inline const char *multiplierErrorText(MultiplierError e) {
  switch (e) {
  case MultiplierError::None:
    return "ok";
  case MultiplierError::NotFinite:
    return "scale is not a finite number";
  case MultiplierError::NotPositive:
    return "scale is not positive";
  case MultiplierError::TooLarge:
    return "scale is 2^30 or more";
  }
  return "unknown";
}

/// Derives the integer form of a positive real scale, computed in double.
/// frexp gives real = q * 2^e with q in [0.5, 1); the mantissa is q * 2^31
/// rounded half away from zero. Rounding can carry q up to exactly 1.0
/// (mantissa 2^31, which int32 cannot hold): then the mantissa halves and
/// the exponent grows. A scale below 2^-32 becomes multiplier 0: with
/// |acc| <= 2^31 its exact product is below 0.5 and rounds to 0 under every
/// rule, so the flush is exact, and it keeps shifts within 31 bits.
inline MultiplierError quantizeMultiplier(double real,
                                          QuantizedMultiplier &out) {
  out = QuantizedMultiplier{};
  if (!std::isfinite(real))
    return MultiplierError::NotFinite;
  if (!(real > 0.0))
    return MultiplierError::NotPositive;
  int exponent = 0;
  double q = std::frexp(real, &exponent);
  int64_t mantissa = int64_t(std::round(q * double(int64_t(1) << 31)));
  if (mantissa == (int64_t(1) << 31)) {
    mantissa /= 2;
    ++exponent;
  }
  if (exponent > 30)
    return MultiplierError::TooLarge;
  if (exponent < -31)
    return MultiplierError::None; // flushed to zero, see above
  out.multiplier = int32_t(mantissa);
  out.shift = exponent;
  return MultiplierError::None;
}

/// The real number an integer multiplier stands for.
inline double multiplierValue(QuantizedMultiplier m) {
  return std::ldexp(double(m.multiplier), m.shift - 31);
}

//===----------------------------------------------------------------------===//
// Integer rules
//===----------------------------------------------------------------------===//

/// gemmlowp: round(a * b / 2^31) with ties toward +infinity (the nudge for
/// negative products is 1 - 2^30, then the division truncates), saturating
/// the one overflowing case INT32_MIN * INT32_MIN.
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == kInt32Min && b == kInt32Min)
    return kInt32Max;
  int64_t ab = int64_t(a) * int64_t(b);
  int64_t nudge = ab >= 0 ? (int64_t(1) << 30) : (1 - (int64_t(1) << 30));
  return int32_t((ab + nudge) / (int64_t(1) << 31));
}

/// gemmlowp: round(x / 2^exponent), halves away from zero; exponent in
/// [0, 31].
inline int32_t roundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = int32_t((int64_t(1) << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// TFLite's MultiplyByQuantizedMultiplier, double rounding. A positive shift
/// is applied before the multiply; where TFLite's int32 left shift would
/// overflow, this saturates, which is also what the exact product does
/// after clamping to any 8-bit range.
inline int32_t multiplyDoubleRounding(int32_t acc, QuantizedMultiplier m) {
  const int leftShift = m.shift > 0 ? m.shift : 0;
  const int rightShift = m.shift > 0 ? 0 : -m.shift;
  const int32_t x = saturateToInt32(int64_t(acc) * (int64_t(1) << leftShift));
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, m.multiplier),
                             rightShift);
}

/// TFLITE_SINGLE_ROUNDING: (acc * multiplier + 2^(s-1)) >> s, s = 31 - shift
/// in [1, 62]; halves round toward +infinity; saturates to int32.
inline int32_t multiplySingleRounding(int32_t acc, QuantizedMultiplier m) {
  const int totalShift = 31 - m.shift;
  const int64_t round = int64_t(1) << (totalShift - 1);
  // |acc * multiplier| < 2^62 and round <= 2^61: the sum fits in int64.
  const int64_t product = int64_t(acc) * int64_t(m.multiplier) + round;
  return saturateToInt32(product >> totalShift);
}

//===----------------------------------------------------------------------===//
// Float rule
//===----------------------------------------------------------------------===//

/// Round half to even, independent of the floating-point environment.
inline float roundHalfToEven(float v) {
  float r = std::round(v); // halves away from zero
  if (std::fabs(v - std::trunc(v)) == 0.5f)
    r = 2.0f * std::round(v * 0.5f);
  return r;
}

/// ONNX Runtime's MlasRequantizeOutput: float32(acc) * scale, clamped to the
/// output range around the zero point, rounded half to even.
inline int32_t requantizeFloat(int32_t acc, float scale, int32_t zeroPoint,
                               int32_t qmin, int32_t qmax) {
  float v = float(acc) * scale;
  const float lo = float(qmin - zeroPoint), hi = float(qmax - zeroPoint);
  v = v < lo ? lo : v > hi ? hi : v; // NaN cannot occur: scale is finite
  return int32_t(roundHalfToEven(v)) + zeroPoint;
}

//===----------------------------------------------------------------------===//
// The whole output rule
//===----------------------------------------------------------------------===//

/// acc (int32, bias included) -> output value in [qmin, qmax].
inline int32_t requantize(int32_t acc, Rounding rounding, QuantizedMultiplier m,
                          float scale, int32_t zeroPoint, int32_t qmin,
                          int32_t qmax) {
  int32_t scaled;
  switch (rounding) {
  case Rounding::DoubleRound:
    scaled = multiplyDoubleRounding(acc, m);
    break;
  case Rounding::SingleRound:
    scaled = multiplySingleRounding(acc, m);
    break;
  default:
    return requantizeFloat(acc, scale, zeroPoint, qmin, qmax);
  }
  return clampInt32(saturateToInt32(int64_t(scaled) + zeroPoint), qmin, qmax);
}

//===----------------------------------------------------------------------===//
// Quantize and dequantize (graph boundaries, constant folding)
//===----------------------------------------------------------------------===//

/// ONNX QuantizeLinear: saturate(round_half_even(x / scale) + zero_point),
/// the division in float32. NaN maps to the zero point.
inline int32_t quantizeValue(float x, float scale, int32_t zeroPoint,
                             int32_t qmin, int32_t qmax) {
  const float v = x / scale;
  if (std::isnan(v))
    return clampInt32(zeroPoint, qmin, qmax);
  // In double: the bounds of a 32-bit storage type are not floats.
  const double lo = double(qmin) - zeroPoint, hi = double(qmax) - zeroPoint;
  const double r = roundHalfToEven(double(v));
  return int32_t((r < lo ? lo : r > hi ? hi : r) + zeroPoint);
}

/// A float bias as int32 at scale s_in * s_w: round half to even of
/// bias / scale, in double. False when the result does not fit in int32.
inline bool quantizeBias(float bias, double scale, int32_t &out) {
  const double v = double(bias) / scale;
  if (!std::isfinite(v))
    return false;
  double r = std::round(v);
  if (std::fabs(v - std::trunc(v)) == 0.5)
    r = 2.0 * std::round(v * 0.5);
  if (r < double(kInt32Min) || r > double(kInt32Max))
    return false;
  out = int32_t(r);
  return true;
}

/// ONNX DequantizeLinear: (q - zero_point) * scale in float32.
inline float dequantizeValue(int32_t q, float scale, int32_t zeroPoint) {
  return float(q - zeroPoint) * scale;
}

//===----------------------------------------------------------------------===//
// Quantized add
//===----------------------------------------------------------------------===//

/// Fixed-point headroom of the integer add: inputs minus their zero point
/// (9 bits) shifted left 20 bits stay well inside int32 (TFLite's choice).
constexpr int kAddLeftShift = 20;

/// TFLite's quantized add, with the rounding rule `r` at each of its three
/// rescalings: each input minus its zero point, shifted left by `leftShift`
/// and scaled by its multiplier (at most 1/2); the sum scaled by the output
/// multiplier, then the zero point and the clamp.
inline int32_t addQuantized(int32_t a, int32_t b, int32_t zpA, int32_t zpB,
                            int leftShift, QuantizedMultiplier mA,
                            QuantizedMultiplier mB, QuantizedMultiplier mOut,
                            Rounding r, int32_t zpOut, int32_t qmin,
                            int32_t qmax) {
  auto rescale = [r](int32_t x, QuantizedMultiplier m) {
    return r == Rounding::SingleRound ? multiplySingleRounding(x, m)
                                      : multiplyDoubleRounding(x, m);
  };
  const int32_t sa = rescale((a - zpA) * (1 << leftShift), mA);
  const int32_t sb = rescale((b - zpB) * (1 << leftShift), mB);
  const int32_t sum = rescale(saturateToInt32(int64_t(sa) + sb), mOut);
  return clampInt32(saturateToInt32(int64_t(sum) + zpOut), qmin, qmax);
}

/// ONNX Runtime's x86 QLinearAdd, in float32 and in its order of operations:
/// the constant part zp_out - (rA * zpA + rB * zpB) first, then a * rA, then
/// b * rB, rounded half to even; rA = sA / sOut, rB = sB / sOut.
inline int32_t addFloat(int32_t a, int32_t b, int32_t zpA, int32_t zpB,
                        float ratioA, float ratioB, int32_t zpOut, int32_t qmin,
                        int32_t qmax) {
  const float fixed =
      float(zpOut) - (ratioA * float(zpA) + ratioB * float(zpB));
  float v = (fixed + float(a) * ratioA) + float(b) * ratioB;
  v = v < float(qmin) ? float(qmin) : v > float(qmax) ? float(qmax) : v;
  return int32_t(roundHalfToEven(v));
}

//===----------------------------------------------------------------------===//
// Dynamic quantization
//===----------------------------------------------------------------------===//

/// How a run-time range becomes a quantization: the rule of ONNX
/// DynamicQuantizeLinear (qmin 0, qmax 255) and of PyTorch's dynamic
/// quantization as exported graphs compute it (qmax 127 with reduce_range).
struct DynamicRange {
  int32_t qmin = 0, qmax = 255;
  int32_t storageMin = 0, storageMax = 255;
  float fallbackScale = 1.0f; ///< when the range is empty
};

/// The range a dynamic quantization measures: min and max of the values,
/// NaNs ignored (they quantize to the zero point, as QuantizeLinear does);
/// 0 and 0 when no value is a number.
inline void measureRange(const float *x, int64_t count, float &minValue,
                         float &maxValue) {
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  for (int64_t i = 0; i < count; ++i) {
    lo = x[i] < lo ? x[i] : lo;
    hi = x[i] > hi ? x[i] : hi;
  }
  minValue = lo <= hi ? lo : 0.0f;
  maxValue = lo <= hi ? hi : 0.0f;
}

/// min and max widened to include 0; scale = (max - min) / (qmax - qmin),
/// or the fallback when that is 0; zero point = round_half_even(clamp(qmin
/// - min / scale, qmin, qmax)). All in float32, in this order.
inline void dynamicQuantParams(float minValue, float maxValue,
                               const DynamicRange &r, float &scale,
                               int32_t &zeroPoint) {
  const float lo = minValue < 0.0f ? minValue : 0.0f;
  const float hi = maxValue > 0.0f ? maxValue : 0.0f;
  scale = (hi - lo) / float(r.qmax - r.qmin);
  if (scale == 0.0f)
    scale = r.fallbackScale;
  float z = float(r.qmin) - lo / scale;
  z = z < float(r.qmin) ? float(r.qmin) : z > float(r.qmax) ? float(r.qmax) : z;
  zeroPoint = int32_t(roundHalfToEven(z));
}

} // namespace qcc::rt

#endif // QCC_RUNTIME_REQUANTIZE_H
