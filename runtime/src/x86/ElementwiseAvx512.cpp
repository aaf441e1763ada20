// ops/Elementwise.h on AVX-512: 16 int32 lanes, 64 bytes for max pooling.
#include "ops/Elementwise.h"
#include "reference/Storage.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512dq,avx2,fma,bmi2")
#include "x86/Avx512Requant.h"

namespace qcc::rt {
namespace {

struct V512 {
  using I = __m512i;
  using F = __m512;
  using Params = avx512::ColumnParams;
  static constexpr int kLanes = 16, kBytes = 64;
  static constexpr bool kReciprocalQuotient = true; ///< see quantize

  static I widen(const uint8_t *p, bool sgn) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    return sgn ? _mm512_cvtepi8_epi32(x) : _mm512_cvtepu8_epi32(x);
  }
  static I set1(int32_t v) { return _mm512_set1_epi32(v); }
  static I add(I a, I b) { return _mm512_add_epi32(a, b); }
  static I sub(I a, I b) { return _mm512_sub_epi32(a, b); }
  static I mullo(I a, I b) { return _mm512_mullo_epi32(a, b); }
  static I shiftLeft(I a, int s) {
    return _mm512_sll_epi32(a, _mm_cvtsi32_si128(s));
  }
  /// int32 addition saturated, as saturateToInt32(int64(a) + b).
  static I saturatingAdd(I a, I b) {
    const I sum = _mm512_add_epi32(a, b);
    // Overflow: a and b of one sign, the sum of the other.
    const __mmask16 overflow = _mm512_cmplt_epi32_mask(
        _mm512_andnot_si512(_mm512_xor_si512(a, b), _mm512_xor_si512(a, sum)),
        _mm512_setzero_si512());
    const I limit = _mm512_mask_blend_epi32(
        _mm512_cmplt_epi32_mask(a, _mm512_setzero_si512()),
        _mm512_set1_epi32(0x7fffffff), _mm512_set1_epi32(int32_t(0x80000000)));
    return _mm512_mask_blend_epi32(overflow, sum, limit);
  }
  static Params params(const Epilogue &e, int64_t col) {
    return avx512::loadParams(e, col);
  }
  template <int Rule, bool LeftShift>
  static I requant(const Epilogue &e, const Params &p, I x) {
    return avx512::requantize<Rule, LeftShift>(e, p, x);
  }
  /// Lanes holding the bytes at table + index (and the 3 after, above).
  /// Two gathers of 8: on Zen 4 one of 16 takes 15 % longer (ResNet-18's
  /// adds, a 64 KiB table: 1.52 against 1.34 cycles per element).
  static I lookupBytes(const uint8_t *table, I index) {
    const auto *t = reinterpret_cast<const int *>(table);
    const __m256i low =
        _mm256_i32gather_epi32(t, _mm512_castsi512_si256(index), 1);
    const __m256i high =
        _mm256_i32gather_epi32(t, _mm512_extracti64x4_epi64(index, 1), 1);
    return _mm512_inserti64x4(_mm512_castsi256_si512(low), high, 1);
  }
  /// 16 lanes in range, stored as their low bytes.
  static void narrowStore(uint8_t *p, I v) {
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p), _mm512_cvtepi32_epi8(v));
  }

  static F set1f(float v) { return _mm512_set1_ps(v); }
  static F toFloat(I v) { return _mm512_cvtepi32_ps(v); }
  static F mulf(F a, F b) { return _mm512_mul_ps(a, b); }
  static F divf(F a, F b) { return _mm512_div_ps(a, b); }
  static F fmaf(F a, F b, F c) { return _mm512_fmadd_ps(a, b, c); }
  static F fnmaf(F a, F b, F c) { return _mm512_fnmadd_ps(a, b, c); }
  static F addf(F a, F b) { return _mm512_add_ps(a, b); }
  /// The lanes where v is more than `limit` from `rounded` (v rounded to
  /// nearest), as bits: vreduceps gives v - round(v) in one instruction.
  static unsigned lanesNearHalf(F v, I, F limit) {
    const F fraction = _mm512_reduce_ps(v, _MM_FROUND_TO_NEAREST_INT);
    return _mm512_cmp_ps_mask(_mm512_abs_ps(fraction), limit, _CMP_GT_OQ);
  }
  static F maxf(F a, F b) { return _mm512_max_ps(a, b); }
  static F minf(F a, F b) { return _mm512_min_ps(a, b); }
  static F loadf(const float *p) { return _mm512_loadu_ps(p); }
  static void storef(float *p, F v) { _mm512_storeu_ps(p, v); }
  static F zeroNaN(F v) {
    return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(v, v, _CMP_ORD_Q), v);
  }
  static I roundToInt(F v) {
    return _mm512_cvt_roundps_epi32(v, _MM_FROUND_TO_NEAREST_INT |
                                           _MM_FROUND_NO_EXC);
  }

  static __mmask64 byteMask(int n) {
    return n >= 64 ? ~__mmask64(0) : (__mmask64(1) << n) - 1;
  }
  static I loadBytes(const uint8_t *p, int n) {
    return _mm512_maskz_loadu_epi8(byteMask(n), p);
  }
  static void storeBytes(uint8_t *p, I v, int n) {
    _mm512_mask_storeu_epi8(p, byteMask(n), v);
  }
  static I minBytes(bool sgn) { return _mm512_set1_epi8(sgn ? -128 : 0); }
  static I maxBytes(I a, I b, bool sgn) {
    return sgn ? _mm512_max_epi8(a, b) : _mm512_max_epu8(a, b);
  }
};

} // namespace
} // namespace qcc::rt

#include "ops/ElementwiseFamily.h"

namespace qcc::rt {
const ElementwiseKernels *elementwiseAvx512() { return family::table<V512>(); }
} // namespace qcc::rt
#pragma GCC pop_options
