// ops/Elementwise.h on AVX2 (the AVX2 and AVX-VNNI paths): 8 int32 lanes,
// 32 bytes for max pooling.
#include "ops/Elementwise.h"
#include "reference/Storage.h"

#include <cstring>

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi2")
#include "x86/Avx2Requant.h"

namespace qcc::rt {
namespace {

struct V256 {
  using I = __m256i;
  using F = __m256;
  using Params = avx2::ColumnParams;
  static constexpr int kLanes = 8, kBytes = 32;
  static constexpr bool kReciprocalQuotient = false; ///< see quantize

  static I widen(const uint8_t *p, bool sgn) {
    const __m128i x = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
    return sgn ? _mm256_cvtepi8_epi32(x) : _mm256_cvtepu8_epi32(x);
  }
  static I set1(int32_t v) { return _mm256_set1_epi32(v); }
  static I add(I a, I b) { return _mm256_add_epi32(a, b); }
  static I sub(I a, I b) { return _mm256_sub_epi32(a, b); }
  static I mullo(I a, I b) { return _mm256_mullo_epi32(a, b); }
  static I shiftLeft(I a, int s) {
    return _mm256_sll_epi32(a, _mm_cvtsi32_si128(s));
  }
  static I saturatingAdd(I a, I b) {
    const I sum = _mm256_add_epi32(a, b);
    const I overflow = _mm256_srai_epi32(
        _mm256_andnot_si256(_mm256_xor_si256(a, b), _mm256_xor_si256(a, sum)),
        31);
    const I limit = _mm256_blendv_epi8(
        _mm256_set1_epi32(0x7fffffff), _mm256_set1_epi32(int32_t(0x80000000)),
        _mm256_cmpgt_epi32(_mm256_setzero_si256(), a));
    return _mm256_blendv_epi8(sum, limit, overflow);
  }
  static Params params(const Epilogue &e, int64_t col) {
    return avx2::loadParams(e, col);
  }
  template <int Rule, bool LeftShift>
  static I requant(const Epilogue &e, const Params &p, I x) {
    return avx2::requantize<Rule, LeftShift>(e, p, x);
  }
  static void narrowStore(uint8_t *p, I v) { avx2::store<false>(p, v, 8); }
  /// Lanes holding the bytes at table + index (and the 3 after, above).
  static I lookupBytes(const uint8_t *table, I index) {
    return _mm256_i32gather_epi32(reinterpret_cast<const int *>(table), index,
                                  1);
  }

  static F set1f(float v) { return _mm256_set1_ps(v); }
  static F toFloat(I v) { return _mm256_cvtepi32_ps(v); }
  static F mulf(F a, F b) { return _mm256_mul_ps(a, b); }
  static F divf(F a, F b) { return _mm256_div_ps(a, b); }
  static F addf(F a, F b) { return _mm256_add_ps(a, b); }
  static F fmaf(F a, F b, F c) { return _mm256_fmadd_ps(a, b, c); }
  /// The lanes where v is more than `limit` from `rounded` (v rounded to
  /// nearest), as bits.
  static unsigned lanesNearHalf(F v, I rounded, F limit) {
    const F magnitude = _mm256_andnot_ps(
        _mm256_set1_ps(-0.0f), _mm256_sub_ps(v, _mm256_cvtepi32_ps(rounded)));
    return unsigned(
        _mm256_movemask_ps(_mm256_cmp_ps(magnitude, limit, _CMP_GT_OQ)));
  }
  static F maxf(F a, F b) { return _mm256_max_ps(a, b); }
  static F minf(F a, F b) { return _mm256_min_ps(a, b); }
  static F loadf(const float *p) { return _mm256_loadu_ps(p); }
  static void storef(float *p, F v) { _mm256_storeu_ps(p, v); }
  static F zeroNaN(F v) {
    return _mm256_and_ps(v, _mm256_cmp_ps(v, v, _CMP_ORD_Q));
  }
  static I roundToInt(F v) {
    return _mm256_cvttps_epi32(
        _mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  }

  static I loadBytes(const uint8_t *p, int n) {
    if (n >= 32)
      return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
    alignas(32) uint8_t tmp[32] = {};
    std::memcpy(tmp, p, size_t(n));
    return _mm256_load_si256(reinterpret_cast<const __m256i *>(tmp));
  }
  static void storeBytes(uint8_t *p, I v, int n) {
    if (n >= 32) {
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), v);
      return;
    }
    alignas(32) uint8_t tmp[32];
    _mm256_store_si256(reinterpret_cast<__m256i *>(tmp), v);
    std::memcpy(p, tmp, size_t(n));
  }
  static I minBytes(bool sgn) { return _mm256_set1_epi8(sgn ? -128 : 0); }
  static I maxBytes(I a, I b, bool sgn) {
    return sgn ? _mm256_max_epi8(a, b) : _mm256_max_epu8(a, b);
  }
};

} // namespace
} // namespace qcc::rt

#include "ops/ElementwiseFamily.h"

namespace qcc::rt {
const ElementwiseKernels *elementwiseAvx2() { return family::table<V256>(); }
} // namespace qcc::rt
#pragma GCC pop_options
