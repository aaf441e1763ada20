// The requantization rules on 4 int32 lanes with AArch64 Advanced SIMD, bit
// for bit, in the one-computation form Epilogue (gemm/Gemm.h) describes:
// the even and odd lanes widen to 64 bits (vmull_s32), take the nudge, the
// correction for negative products and the arithmetic shift there, and
// narrow back with saturation (which is the single-rounding rule's clamp
// and changes nothing for double rounding). Not NEON's own vqrdmulh: it
// rounds negative halves up, the reference away from zero.
#ifndef QCC_RUNTIME_ARM_NEONREQUANT_H
#define QCC_RUNTIME_ARM_NEONREQUANT_H

#include "gemm/Gemm.h"

#include <arm_neon.h>
#include <cstring>

// Marks a kernel's inner loop for llvm-mca (bench/arm_mca.py compiles the
// kernels with QCC_MCA_MARKERS to read their loops); nothing otherwise.
#ifdef QCC_MCA_MARKERS
#define QCC_MCA_BEGIN(name) __asm__ volatile("// LLVM-MCA-BEGIN " name)
#define QCC_MCA_END(name) __asm__ volatile("// LLVM-MCA-END " name)
#else
#define QCC_MCA_BEGIN(name)
#define QCC_MCA_END(name)
#endif

namespace qcc::rt::neon {
namespace {

/// The parameters of 4 columns, loaded once per tile column; the clamp
/// bounds too, in registers (see avx512::ColumnParams).
struct ColumnParams {
  int32x2_t mulEven, mulOdd;
  int64x2_t addEven, addOdd, negEven, negOdd, shiftEven, shiftOdd;
  int32x4_t leftShift, low, high, zeroPoint;
  float32x4_t scale, floatLow, floatHigh;
};

inline ColumnParams loadParams(const Epilogue &e, int64_t col) {
  ColumnParams p{};
  p.low = vdupq_n_s32(e.lowBeforeZeroPoint);
  p.high = vdupq_n_s32(e.highBeforeZeroPoint);
  p.zeroPoint = vdupq_n_s32(e.zeroPoint);
  if (e.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    p.scale = vld1q_f32(e.scale.get() + col);
    p.floatLow = vdupq_n_f32(e.floatLow);
    p.floatHigh = vdupq_n_f32(e.floatHigh);
  } else if (e.rounding != QCC_RT_NO_REQUANT) {
    // Multipliers are int32 values kept in 64 bits.
    p.mulEven = vmovn_s64(vld1q_s64(e.mul64.get() + col));
    p.mulOdd = vmovn_s64(vld1q_s64(e.mul64.get() + col + 2));
    p.addEven = vld1q_s64(e.add64.get() + col);
    p.addOdd = vld1q_s64(e.add64.get() + col + 2);
    p.negEven = vld1q_s64(e.neg64.get() + col);
    p.negOdd = vld1q_s64(e.neg64.get() + col + 2);
    // vshlq_s64 by a negative count is an arithmetic shift right.
    p.shiftEven = vnegq_s64(vld1q_s64(e.shift64.get() + col));
    p.shiftOdd = vnegq_s64(vld1q_s64(e.shift64.get() + col + 2));
    p.leftShift = vld1q_s32(e.leftShift.get() + col);
  }
  return p;
}

/// One half (two lanes) of an integer rule, as int32 (saturated). Correct:
/// double rounding's correction for negative products (see
/// kRoundDoubleClampsNegatives).
template <bool Correct>
inline int32x2_t scaleHalf(int32x2_t x, int32x2_t mul, int64x2_t add,
                           int64x2_t neg, int64x2_t shift) {
  const int64x2_t p = vmull_s32(x, mul);
  int64x2_t t = vaddq_s64(p, add);
  if (Correct) {
    const uint64x2_t below = vcltq_s64(p, vdupq_n_s64(-(int64_t(1) << 30)));
    t = vsubq_s64(t, vandq_s64(vreinterpretq_s64_u64(below), neg));
  }
  return vqmovn_s64(vshlq_s64(t, shift));
}

/// The output rule on 4 accumulators (bias included). Rule: QCC_RT_*.
template <int Rule, bool LeftShift>
inline int32x4_t requantize(const ColumnParams &p, int32x4_t acc) {
  if constexpr (Rule == QCC_RT_NO_REQUANT) {
    return acc;
  } else if constexpr (Rule == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    float32x4_t v = vmulq_f32(vcvtq_f32_s32(acc), p.scale);
    v = vmaxq_f32(v, p.floatLow);
    v = vminq_f32(v, p.floatHigh);
    // To nearest, ties to even, whatever FPCR says.
    return vaddq_s32(vcvtnq_s32_f32(v), p.zeroPoint);
  } else {
    constexpr bool Double = isDoubleRounding(Rule);
    constexpr bool Correct = Rule == QCC_RT_ROUND_DOUBLE;
    int32x4_t x = acc;
    // acc * 2^shift, saturated, as TFLite shifts first; single rounding
    // shifts its 64-bit product less instead.
    if (Double && LeftShift)
      x = vqshlq_s32(x, p.leftShift);
    const int32x4_t evens = vuzp1q_s32(x, x), odds = vuzp2q_s32(x, x);
    const int32x2_t even = scaleHalf<Correct>(
        vget_low_s32(evens), p.mulEven, p.addEven, p.negEven, p.shiftEven);
    const int32x2_t odd = scaleHalf<Correct>(vget_low_s32(odds), p.mulOdd,
                                             p.addOdd, p.negOdd, p.shiftOdd);
    int32x4_t scaled = vcombine_s32(vzip1_s32(even, odd), vzip2_s32(even, odd));
    scaled = vmaxq_s32(scaled, p.low);
    scaled = vminq_s32(scaled, p.high);
    return vaddq_s32(scaled, p.zeroPoint);
  }
}

/// Stores the first `n` (<= 4) lanes as int32, or (in range already) as
/// their low bytes.
template <bool Out32> inline void store(void *out, int32x4_t v, int n) {
  if constexpr (Out32) {
    if (n == 4) {
      vst1q_s32(static_cast<int32_t *>(out), v);
      return;
    }
    int32_t tmp[4];
    vst1q_s32(tmp, v);
    std::memcpy(out, tmp, size_t(n) * 4);
  } else {
    const int8x8_t bytes = vmovn_s16(vcombine_s16(vmovn_s32(v), vdup_n_s16(0)));
    if (n == 4) {
      vst1_lane_s32(static_cast<int32_t *>(out), vreinterpret_s32_s8(bytes), 0);
      return;
    }
    int8_t tmp[8];
    vst1_s8(tmp, bytes);
    std::memcpy(out, tmp, size_t(n));
  }
}

/// The epilogue on 4 lanes, as gemm/EpilogueFamily.h and
/// ops/DepthwiseFamily.h take it.
struct EpilogueV128 {
  using I = int32x4_t;
  using Params = ColumnParams;
  static constexpr int kLanes = 4;
  static constexpr bool kFoldedForms = false;
  static constexpr bool kHighHalves = false;

  static I load(const void *p) {
    return vld1q_s32(static_cast<const int32_t *>(p));
  }
  static I set1(int32_t v) { return vdupq_n_s32(v); }
  static I add(I a, I b) { return vaddq_s32(a, b); }
  /// x - zw * s.
  static I minusProduct(I x, I zw, int32_t s) { return vmlsq_n_s32(x, zw, s); }
  static Params params(const Epilogue &e, int64_t col, bool) {
    return loadParams(e, col);
  }
  /// The first `n` lanes.
  template <int Rule, bool LeftShift, int Out>
  static void requantStore(const Epilogue &, const Params &p, I x, uint8_t *out,
                           int n) {
    static_assert(Out == kInt32 || Out == kBytes);
    store<Out == kInt32>(out, requantize<Rule, LeftShift>(p, x), n);
  }
};

} // namespace
} // namespace qcc::rt::neon

#endif // QCC_RUNTIME_ARM_NEONREQUANT_H
