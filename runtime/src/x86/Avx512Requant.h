// The requantization rules of Requantize.h on 16 int32 lanes, bit for bit.
// Included only by AVX-512 translation units, after their target pragma.
#ifndef QCC_RUNTIME_X86_AVX512REQUANT_H
#define QCC_RUNTIME_X86_AVX512REQUANT_H

#include "gemm/Gemm.h"

#include <immintrin.h>

namespace qcc::rt::avx512 {
namespace {

/// The odd int32 lanes moved to the even positions of their 64-bit lanes.
inline __m512i oddLanes(__m512i v) { return _mm512_srli_epi64(v, 32); }

/// The low 32 bits of 64-bit results: even from `even`, odd from `odd`.
inline __m512i interleave(__m512i even, __m512i odd) {
  return _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
}

/// acc * 2^shift, saturated (TFLite shifts left before the multiply).
inline __m512i saturatingLeftShift(__m512i x, __m512i left) {
  const __m512i shifted = _mm512_sllv_epi32(x, left);
  const __mmask16 overflow =
      _mm512_cmpneq_epi32_mask(_mm512_srav_epi32(shifted, left), x);
  const __m512i limit = _mm512_mask_blend_epi32(
      _mm512_cmplt_epi32_mask(x, _mm512_setzero_si512()),
      _mm512_set1_epi32(0x7fffffff), _mm512_set1_epi32(int32_t(0x80000000)));
  return _mm512_mask_blend_epi32(overflow, shifted, limit);
}

/// gemmlowp SaturatingRoundingDoublingHighMul of 32-bit lanes by a positive
/// multiplier: (a*b + nudge) / 2^31, the division truncating.
inline __m512i doublingHighMul64(__m512i a, __m512i b) {
  const __m512i p = _mm512_mul_epi32(a, b);
  const __mmask8 negative = _mm512_cmplt_epi64_mask(p, _mm512_setzero_si512());
  const __m512i nudge = _mm512_mask_blend_epi64(
      negative, _mm512_set1_epi64(int64_t(1) << 30),
      _mm512_set1_epi64(1 - (int64_t(1) << 30)));
  __m512i t = _mm512_add_epi64(p, nudge);
  const __mmask8 tNegative = _mm512_cmplt_epi64_mask(t, _mm512_setzero_si512());
  t = _mm512_mask_add_epi64(t, tNegative, t,
                            _mm512_set1_epi64((int64_t(1) << 31) - 1));
  return _mm512_srai_epi64(t, 31);
}

inline __m512i doublingHighMul(__m512i a, __m512i b) {
  return interleave(doublingHighMul64(a, b),
                    doublingHighMul64(oddLanes(a), oddLanes(b)));
}

/// gemmlowp RoundingDivideByPOT with a per-lane exponent in [0, 31].
inline __m512i roundingDivideByPOT(__m512i x, __m512i exponent) {
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, exponent), one);
  const __m512i remainder = _mm512_and_si512(x, mask);
  __m512i threshold = _mm512_srai_epi32(mask, 1);
  threshold = _mm512_mask_add_epi32(
      threshold, _mm512_cmplt_epi32_mask(x, _mm512_setzero_si512()), threshold,
      one);
  const __m512i q = _mm512_srav_epi32(x, exponent);
  return _mm512_mask_add_epi32(q, _mm512_cmpgt_epi32_mask(remainder, threshold),
                               q, one);
}

/// (acc * multiplier + 2^(s-1)) >> s, s = 31 - shift, saturated to int32,
/// on the even lanes of `x` (64-bit arithmetic).
inline __m512i singleRounding64(__m512i x, __m512i multiplier,
                                __m512i total) {
  const __m512i one = _mm512_set1_epi64(1);
  const __m512i round =
      _mm512_sllv_epi64(one, _mm512_sub_epi64(total, one));
  __m512i p = _mm512_add_epi64(_mm512_mul_epi32(x, multiplier), round);
  p = _mm512_srav_epi64(p, total);
  p = _mm512_max_epi64(p, _mm512_set1_epi64(INT32_MIN));
  return _mm512_min_epi64(p, _mm512_set1_epi64(INT32_MAX));
}

/// The epilogue of 16 columns starting at `col`: requantize acc (bias
/// included) and clamp, as requantize() does.
inline __m512i requantize(const Epilogue &e, __m512i acc, int64_t col) {
  switch (e.rounding) {
  case QCC_RT_NO_REQUANT:
    return acc;
  case QCC_RT_ROUND_FLOAT_HALF_EVEN: {
    __m512 v = _mm512_mul_ps(_mm512_cvtepi32_ps(acc),
                             _mm512_load_ps(e.scale.get() + col));
    v = _mm512_max_ps(v, _mm512_set1_ps(e.floatLow));
    v = _mm512_min_ps(v, _mm512_set1_ps(e.floatHigh));
    const __m512i r = _mm512_cvt_roundps_epi32(
        v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    return _mm512_add_epi32(r, _mm512_set1_epi32(e.zeroPoint));
  }
  default:
    break;
  }
  const __m512i multiplier = _mm512_load_si512(e.multiplier.get() + col);
  const __m512i shift = _mm512_load_si512(e.shift.get() + col);
  __m512i scaled;
  if (e.rounding == QCC_RT_ROUND_DOUBLE) {
    const __m512i zero = _mm512_setzero_si512();
    __m512i x = acc;
    if (e.anyLeftShift)
      x = saturatingLeftShift(x, _mm512_max_epi32(shift, zero));
    scaled = roundingDivideByPOT(doublingHighMul(x, multiplier),
                                 _mm512_max_epi32(_mm512_sub_epi32(zero, shift),
                                                  zero));
  } else {
    const __m512i total = _mm512_sub_epi32(_mm512_set1_epi32(31), shift);
    const __m512i lowMask = _mm512_set1_epi64(0xffffffff);
    const __m512i even = singleRounding64(
        acc, multiplier, _mm512_and_si512(total, lowMask));
    const __m512i odd = singleRounding64(oddLanes(acc), oddLanes(multiplier),
                                         oddLanes(total));
    scaled = interleave(even, odd);
  }
  scaled = _mm512_max_epi32(scaled, _mm512_set1_epi32(e.lowBeforeZeroPoint));
  scaled = _mm512_min_epi32(scaled, _mm512_set1_epi32(e.highBeforeZeroPoint));
  return _mm512_add_epi32(scaled, _mm512_set1_epi32(e.zeroPoint));
}

/// Stores the lanes of `mask` as the epilogue's output type.
inline void store(const Epilogue &e, void *out, __m512i v, __mmask16 mask) {
  if (e.outputType == QCC_RT_I32)
    _mm512_mask_storeu_epi32(out, mask, v);
  else // in range already: truncation keeps the 8-bit pattern
    _mm512_mask_cvtepi32_storeu_epi8(out, mask, v);
}

} // namespace
} // namespace qcc::rt::avx512

#endif // QCC_RUNTIME_X86_AVX512REQUANT_H
