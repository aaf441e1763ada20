// The requantization rules on 8 int32 lanes with AVX2 only, bit for bit,
// in the one-computation form Epilogue (gemm/Gemm.h) describes. AVX2 has
// no 64-bit arithmetic shift or min/max, so they are built from logical
// shifts and compares. Included only by AVX2-family translation units,
// after their target pragma.
#ifndef QCC_RUNTIME_X86_AVX2REQUANT_H
#define QCC_RUNTIME_X86_AVX2REQUANT_H

#include "gemm/Gemm.h"

#include <cstring>
#include <immintrin.h>

namespace qcc::rt::avx2 {
namespace {

/// See avx512::ColumnParams.
struct ColumnParams {
  __m256i mulEven, mulOdd, addEven, addOdd, negEven, negOdd, shiftEven,
      shiftOdd, shiftAfterHigh, leftShift, low, high, zeroPoint, negativeBelow;
  __m256 scale, floatLow, floatHigh;
};

inline __m256i load(const void *q) {
  return _mm256_load_si256(static_cast<const __m256i *>(q));
}

/// Folded: the addends with the zero point, the clamp's lower bound after
/// it (Epilogue::foldedZeroPoint; requantizeFolded).
[[gnu::always_inline]] inline ColumnParams
loadParams(const Epilogue &e, int64_t col, bool folded = false) {
  ColumnParams p;
  p.low = _mm256_set1_epi32(folded ? e.clampMin : e.lowBeforeZeroPoint);
  p.high = _mm256_set1_epi32(e.highBeforeZeroPoint);
  p.zeroPoint = _mm256_set1_epi32(e.zeroPoint);
  if (e.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    p.scale = _mm256_load_ps(e.scale.get() + col);
    p.floatLow = _mm256_set1_ps(e.floatLow);
    p.floatHigh = _mm256_set1_ps(e.floatHigh);
  } else if (e.rounding != QCC_RT_NO_REQUANT) {
    p.mulEven = load(e.mul64.get() + col);
    p.mulOdd = load(e.mul64.get() + col + 4);
    const int64_t *add = folded ? e.add64WithZeroPoint.get() : e.add64.get();
    p.addEven = load(add + col);
    p.addOdd = load(add + col + 4);
    p.negEven = load(e.neg64.get() + col);
    p.negOdd = load(e.neg64.get() + col + 4);
    p.shiftEven = load(e.shift64.get() + col);
    p.shiftOdd = load(e.shift64.get() + col + 4);
    p.leftShift = load(e.leftShift.get() + col);
    if (e.shiftAfterHigh)
      p.shiftAfterHigh = load(e.shiftAfterHigh.get() + col);
    // The doubled sums (Epilogue::negativeBelow) shift one more.
    if (folded && e.negativeBelow) {
      p.negativeBelow = load(e.negativeBelow.get() + col);
      p.shiftAfterHigh =
          _mm256_add_epi32(p.shiftAfterHigh, _mm256_set1_epi32(1));
    }
  }
  return p;
}

inline __m256i saturatingLeftShift(__m256i x, __m256i left) {
  const __m256i shifted = _mm256_sllv_epi32(x, left);
  const __m256i overflow =
      _mm256_xor_si256(_mm256_cmpeq_epi32(_mm256_srav_epi32(shifted, left), x),
                       _mm256_set1_epi32(-1));
  const __m256i limit = _mm256_blendv_epi8(
      _mm256_set1_epi32(0x7fffffff), _mm256_set1_epi32(int32_t(0x80000000)),
      _mm256_cmpgt_epi32(_mm256_setzero_si256(), x));
  return _mm256_blendv_epi8(shifted, limit, overflow);
}

/// 64-bit arithmetic shift right by per-lane amounts in [1, 63].
inline __m256i sravEpi64(__m256i x, __m256i shift) {
  const __m256i sign = _mm256_cmpgt_epi64(_mm256_setzero_si256(), x);
  const __m256i logical = _mm256_srlv_epi64(x, shift);
  const __m256i fill =
      _mm256_sllv_epi64(sign, _mm256_sub_epi64(_mm256_set1_epi64x(64), shift));
  return _mm256_or_si256(logical, fill);
}

/// p + add for one half (the even or the odd 32-bit lanes, as 64-bit
/// lanes) of an integer rule. Correct: double rounding's correction for
/// negative products (see kRoundDoubleClampsNegatives).
template <bool Correct>
inline __m256i sumHalf(__m256i x, __m256i mul, __m256i add, __m256i neg) {
  const __m256i p = _mm256_mul_epi32(x, mul);
  const __m256i t = _mm256_add_epi64(p, add);
  if (!Correct)
    return t;
  const __m256i below =
      _mm256_cmpgt_epi64(_mm256_set1_epi64x(-(int64_t(1) << 30)), p);
  return _mm256_sub_epi64(t, _mm256_and_si256(below, neg));
}

/// One half of an integer rule. Single rounding saturates to int32 only
/// where the product is shifted by less than 31 (a multiplier of 1 or
/// more): |x * m| < 2^62 otherwise.
template <bool Saturate, bool Correct>
inline __m256i scaleHalf(__m256i x, __m256i mul, __m256i add, __m256i neg,
                         __m256i shift) {
  const __m256i t = sravEpi64(sumHalf<Correct>(x, mul, add, neg), shift);
  if (!Saturate)
    return t;
  const __m256i lo = _mm256_set1_epi64x(INT32_MIN),
                hi = _mm256_set1_epi64x(INT32_MAX);
  const __m256i low = _mm256_blendv_epi8(t, lo, _mm256_cmpgt_epi64(lo, t));
  return _mm256_blendv_epi8(low, hi, _mm256_cmpgt_epi64(low, hi));
}

/// An integer rule on 8 lanes up to the clamp, the even and the odd lanes
/// widened to 64 bits. From the high halves (kFromHighHalves): merged by
/// their high 32 bits, then one 32-bit shift, instead of two 64-bit
/// arithmetic shifts of five instructions each.
template <int Rule, bool Saturate>
inline __m256i scaleLanes(const ColumnParams &p, __m256i x) {
  constexpr bool Correct = baseRule(Rule) == QCC_RT_ROUND_DOUBLE;
  const __m256i oddX = _mm256_srli_epi64(x, 32);
  if constexpr (fromHighHalves(Rule)) {
    const __m256i even = sumHalf<Correct>(x, p.mulEven, p.addEven, p.negEven);
    const __m256i odd = sumHalf<Correct>(oddX, p.mulOdd, p.addOdd, p.negOdd);
    const __m256i high =
        _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
    return _mm256_srav_epi32(high, p.shiftAfterHigh);
  } else {
    const __m256i even = scaleHalf<Saturate, Correct>(x, p.mulEven, p.addEven,
                                                      p.negEven, p.shiftEven);
    const __m256i odd = scaleHalf<Saturate, Correct>(oddX, p.mulOdd, p.addOdd,
                                                     p.negOdd, p.shiftOdd);
    return _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  }
}

/// The output rule on 8 accumulators (bias included). Rule: QCC_RT_*;
/// LeftShift: some multiplier is 1 or more (Epilogue::anyLeftShift).
template <int Rule, bool LeftShift>
[[gnu::always_inline]] inline __m256i
requantize([[maybe_unused]] const Epilogue &e, const ColumnParams &p,
           __m256i acc) {
  if constexpr (Rule == QCC_RT_NO_REQUANT) {
    return acc;
  } else if constexpr (Rule == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    __m256 v = _mm256_mul_ps(_mm256_cvtepi32_ps(acc), p.scale);
    v = _mm256_max_ps(v, p.floatLow);
    v = _mm256_min_ps(v, p.floatHigh);
    // Round to nearest even whatever MXCSR says, then an exact conversion.
    v = _mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    return _mm256_add_epi32(_mm256_cvttps_epi32(v), p.zeroPoint);
  } else {
    constexpr bool Double = isDoubleRounding(Rule);
    constexpr bool Saturate = !Double && LeftShift;
    __m256i x = acc;
    if (Double && LeftShift)
      x = saturatingLeftShift(x, p.leftShift);
    __m256i scaled = scaleLanes<Rule, Saturate>(p, x);
    scaled = _mm256_max_epi32(scaled, p.low);
    scaled = _mm256_min_epi32(scaled, p.high);
    return _mm256_add_epi32(scaled, p.zeroPoint);
  }
}

/// The first `count` (<= 8) bytes of `packed` stored at out.
[[gnu::always_inline]] inline void storeLowBytes(void *out, __m128i packed,
                                                 int count) {
  if (count == 8) {
    _mm_storel_epi64(static_cast<__m128i *>(out), packed);
  } else {
    alignas(16) uint8_t tmp[16];
    _mm_store_si128(reinterpret_cast<__m128i *>(tmp), packed);
    std::memcpy(out, tmp, size_t(count));
  }
}

/// Stores the first `count` (<= 8) lanes as int32 or as bytes (in range).
template <bool Out32>
[[gnu::always_inline]] inline void store(void *out, __m256i v, int count) {
  if constexpr (Out32) {
    if (count == 8) {
      _mm256_storeu_si256(static_cast<__m256i *>(out), v);
    } else {
      alignas(32) int32_t tmp[8];
      _mm256_store_si256(reinterpret_cast<__m256i *>(tmp), v);
      std::memcpy(out, tmp, size_t(count) * 4);
    }
  } else {
    // Keep the low byte of each lane.
    const __m256i bytes = _mm256_shuffle_epi8(
        v, _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                            -1, -1, 0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1,
                            -1, -1, -1, -1));
    storeLowBytes(out,
                  _mm_unpacklo_epi32(_mm256_castsi256_si128(bytes),
                                     _mm256_extracti128_si256(bytes, 1)),
                  count);
  }
}

/// An integer rule with the zero point folded into the addend, or the float
/// rule plus the zero point, up to the lower clamp (avx512::scaleFolded, on
/// 8 lanes: every shift64 is 32 or more, so the sums merge by their high
/// halves; double rounding's correction is 1 off the doubled sums' high
/// halves where x < negativeBelow). Rule: with or without kFromHighHalves.
template <int Rule>
[[gnu::always_inline]] inline __m256i scaleFolded(const ColumnParams &p,
                                                  __m256i acc) {
  constexpr int kRule = baseRule(Rule);
  if constexpr (kRule == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    // Round to nearest even whatever MXCSR says, then an exact conversion.
    const __m256 v =
        _mm256_round_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc), p.scale),
                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    return _mm256_add_epi32(_mm256_cvttps_epi32(v), p.zeroPoint);
  } else {
    constexpr bool Doubled = kRule == QCC_RT_ROUND_DOUBLE;
    const __m256i x = Doubled ? _mm256_add_epi32(acc, acc) : acc;
    const __m256i even =
        _mm256_add_epi64(_mm256_mul_epi32(x, p.mulEven), p.addEven);
    const __m256i odd = _mm256_add_epi64(
        _mm256_mul_epi32(_mm256_srli_epi64(x, 32), p.mulOdd), p.addOdd);
    __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
    if constexpr (Doubled) // -1 where acc < negativeBelow
      high = _mm256_add_epi32(high, _mm256_cmpgt_epi32(p.negativeBelow, acc));
    return _mm256_srav_epi32(high, p.shiftAfterHigh);
  }
}

/// scaleFolded and the lower clamp.
template <int Rule>
[[gnu::always_inline]] inline __m256i requantizeFolded(const ColumnParams &p,
                                                       __m256i acc) {
  return _mm256_max_epi32(scaleFolded<Rule>(p, acc), p.low);
}

/// a and b saturated to the output type's bytes by packing (int32 -> int16
/// -> 8 bits, each step saturating): in each 128-bit lane L, dword 0 holds
/// a's lanes 4L to 4L + 3 and dword 1 b's (dwords 2 and 3 repeat them).
template <bool Signed>
[[gnu::always_inline]] inline __m256i packBytes(__m256i a, __m256i b) {
  const __m256i words = _mm256_packs_epi32(a, b);
  return Signed ? _mm256_packs_epi16(words, words)
                : _mm256_packus_epi16(words, words);
}

/// a's and b's lanes as bytes (packBytes' saturation): a's in bytes 0-7, b's
/// in bytes 8-15.
template <bool Signed>
[[gnu::always_inline]] inline __m128i packTwo(__m256i a, __m256i b) {
  // Dwords 0 and 4 hold a's bytes, 1 and 5 b's.
  return _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(
      packBytes<Signed>(a, b), _mm256_setr_epi32(0, 4, 1, 5, 0, 4, 1, 5)));
}

/// The first `count` (<= 8) lanes stored as bytes, saturated to the output
/// type (at least its minimum already; packBytes).
template <bool Signed>
[[gnu::always_inline]] inline void storeSaturated(void *out, __m256i v,
                                                  int count) {
  const __m256i bytes = packBytes<Signed>(v, v);
  // Each 128-bit lane's first 4 bytes are its 4 lanes.
  storeLowBytes(out,
                _mm_unpacklo_epi32(_mm256_castsi256_si128(bytes),
                                   _mm256_extracti128_si256(bytes, 1)),
                count);
}

/// The epilogue on 8 lanes, as gemm/EpilogueFamily.h and
/// ops/DepthwiseFamily.h take it.
struct EpilogueV256 {
  using I = __m256i;
  using Params = ColumnParams;
  static constexpr int kLanes = 8;
  static constexpr bool kFoldedForms = true;
  static constexpr bool kHighHalves = true; ///< Epilogue::shiftAfterHigh

  static I load(const void *p) { return avx2::load(p); }
  static I set1(int32_t v) { return _mm256_set1_epi32(v); }
  static I add(I a, I b) { return _mm256_add_epi32(a, b); }
  /// x - zw * s.
  static I minusProduct(I x, I zw, int32_t s) {
    return _mm256_sub_epi32(x, _mm256_mullo_epi32(zw, _mm256_set1_epi32(s)));
  }
  [[gnu::always_inline]] static Params params(const Epilogue &e, int64_t col,
                                              bool folded) {
    return loadParams(e, col, folded);
  }
  /// The first `n` lanes.
  template <int Rule, bool LeftShift, int Out>
  [[gnu::always_inline]] static void
  requantStore(const Epilogue &e, const Params &p, I x, uint8_t *out, int n) {
    if constexpr (Out == kFoldedU8 || Out == kFoldedS8)
      storeSaturated<Out == kFoldedS8>(out, requantizeFolded<Rule>(p, x), n);
    else
      store<Out == kInt32>(out, requantize<Rule, LeftShift>(e, p, x), n);
  }
  /// A folded form's NV vectors of one row (8 * NV consecutive columns), the
  /// clamp the type's range (gemm/EpilogueFamily.h, finishPackedRows): two
  /// vectors packed together, 4 instructions for 16 outputs.
  template <int Rule, int Out, int NV>
  [[gnu::always_inline]] static void
  requantStoreRow(const Params *p, const I (&x)[NV], uint8_t *out) {
    constexpr bool Signed = Out == kFoldedS8;
    int v = 0;
    for (; v + 2 <= NV; v += 2) {
      _mm_storeu_si128(reinterpret_cast<__m128i *>(out + 8 * v),
                       packTwo<Signed>(scaleFolded<Rule>(p[v], x[v]),
                                       scaleFolded<Rule>(p[v + 1], x[v + 1])));
    }
    if (v < NV)
      storeSaturated<Signed>(out + 8 * v, scaleFolded<Rule>(p[v], x[v]), 8);
  }
  /// A folded form's vectors of four pixels (8 whole channels each, `stride`
  /// bytes apart), the clamp the type's range: two pixels packed together,
  /// as a row's two vectors are.
  template <int Rule, int Out>
  [[gnu::always_inline]] static void
  requantStorePixels(const Params &p, const I *x, uint8_t *out,
                     int64_t stride) {
    for (int i = 0; i < 4; i += 2) {
      const __m128i two = packTwo<Out == kFoldedS8>(
          scaleFolded<Rule>(p, x[i]), scaleFolded<Rule>(p, x[i + 1]));
      _mm_storel_epi64(reinterpret_cast<__m128i *>(out + i * stride), two);
      _mm_storeh_pd(reinterpret_cast<double *>(out + (i + 1) * stride),
                    _mm_castsi128_pd(two));
    }
  }
};

} // namespace
} // namespace qcc::rt::avx2

#endif // QCC_RUNTIME_X86_AVX2REQUANT_H
