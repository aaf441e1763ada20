// ops/Elementwise.h on AArch64 Advanced SIMD: 4 int32 lanes, 16 bytes for
// max pooling.
#include "arm/NeonRequant.h"
#include "ops/Elementwise.h"
#include "reference/Storage.h"

#include <cstring>

namespace qcc::rt {
namespace {

struct V128 {
  using I = int32x4_t;
  using F = float32x4_t;
  using Params = neon::ColumnParams;
  static constexpr int kLanes = 4, kBytes = 16;
  /// Unmeasured on ARM hardware: the division stays (see quantize).
  static constexpr bool kReciprocalQuotient = false;

  static I widen(const uint8_t *p, bool sgn) {
    uint32_t bytes;
    std::memcpy(&bytes, p, 4);
    const uint8x8_t x = vreinterpret_u8_u32(vdup_n_u32(bytes));
    return sgn ? vmovl_s16(vget_low_s16(vmovl_s8(vreinterpret_s8_u8(x))))
               : vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(vmovl_u8(x))));
  }
  static I set1(int32_t v) { return vdupq_n_s32(v); }
  static I add(I a, I b) { return vaddq_s32(a, b); }
  static I sub(I a, I b) { return vsubq_s32(a, b); }
  static I mullo(I a, I b) { return vmulq_s32(a, b); }
  static I shiftLeft(I a, int s) { return vshlq_s32(a, vdupq_n_s32(s)); }
  /// int32 addition saturated, as saturateToInt32(int64(a) + b).
  static I saturatingAdd(I a, I b) { return vqaddq_s32(a, b); }
  static Params params(const Epilogue &e, int64_t col) {
    return neon::loadParams(e, col);
  }
  template <int Rule, bool LeftShift>
  static I requant(const Epilogue &, const Params &p, I x) {
    return neon::requantize<Rule, LeftShift>(p, x);
  }
  /// 4 lanes in range, stored as their low bytes.
  static void narrowStore(uint8_t *p, I v) { neon::store<false>(p, v, 4); }
  /// Lanes holding the bytes at table + index (NEON has no gather).
  static I lookupBytes(const uint8_t *table, I index) {
    const int32_t lanes[4] = {
        table[vgetq_lane_s32(index, 0)], table[vgetq_lane_s32(index, 1)],
        table[vgetq_lane_s32(index, 2)], table[vgetq_lane_s32(index, 3)]};
    return vld1q_s32(lanes);
  }

  static F set1f(float v) { return vdupq_n_f32(v); }
  static F toFloat(I v) { return vcvtq_f32_s32(v); }
  static F mulf(F a, F b) { return vmulq_f32(a, b); }
  static F divf(F a, F b) { return vdivq_f32(a, b); }
  static F addf(F a, F b) { return vaddq_f32(a, b); }
  /// a * b + c, fused.
  static F fmaf(F a, F b, F c) { return vfmaq_f32(c, a, b); }
  /// The lanes where v is more than `limit` from `rounded` (v rounded to
  /// nearest), as bits.
  static unsigned lanesNearHalf(F v, I rounded, F limit) {
    const uint32_t bits[4] = {1, 2, 4, 8};
    const uint32x4_t near =
        vcagtq_f32(vsubq_f32(v, vcvtq_f32_s32(rounded)), limit);
    return vaddvq_u32(vandq_u32(near, vld1q_u32(bits)));
  }
  static F maxf(F a, F b) { return vmaxq_f32(a, b); }
  static F minf(F a, F b) { return vminq_f32(a, b); }
  static F loadf(const float *p) { return vld1q_f32(p); }
  static void storef(float *p, F v) { vst1q_f32(p, v); }
  static F zeroNaN(F v) {
    return vreinterpretq_f32_u32(
        vandq_u32(vreinterpretq_u32_f32(v), vceqq_f32(v, v)));
  }
  /// To nearest, ties to even.
  static I roundToInt(F v) { return vcvtnq_s32_f32(v); }

  static I loadBytes(const uint8_t *p, int n) {
    if (n >= 16)
      return vreinterpretq_s32_u8(vld1q_u8(p));
    uint8_t tmp[16] = {};
    std::memcpy(tmp, p, size_t(n));
    return vreinterpretq_s32_u8(vld1q_u8(tmp));
  }
  static void storeBytes(uint8_t *p, I v, int n) {
    if (n >= 16) {
      vst1q_u8(p, vreinterpretq_u8_s32(v));
      return;
    }
    uint8_t tmp[16];
    vst1q_u8(tmp, vreinterpretq_u8_s32(v));
    std::memcpy(p, tmp, size_t(n));
  }
  static I minBytes(bool sgn) {
    return vreinterpretq_s32_u8(vdupq_n_u8(sgn ? 0x80 : 0));
  }
  static I maxBytes(I a, I b, bool sgn) {
    return sgn ? vreinterpretq_s32_s8(
                     vmaxq_s8(vreinterpretq_s8_s32(a), vreinterpretq_s8_s32(b)))
               : vreinterpretq_s32_u8(vmaxq_u8(vreinterpretq_u8_s32(a),
                                               vreinterpretq_u8_s32(b)));
  }
};

} // namespace
} // namespace qcc::rt

#include "ops/ElementwiseFamily.h"

namespace qcc::rt {
const ElementwiseKernels *elementwiseNeon() { return family::table<V128>(); }
} // namespace qcc::rt
