// The requantization rules of Requantize.h on 16 int32 lanes, bit for bit,
// in the one-computation form Epilogue (gemm/Gemm.h) describes. Included
// only by AVX-512 translation units, after their target pragma.
#ifndef QCC_RUNTIME_X86_AVX512REQUANT_H
#define QCC_RUNTIME_X86_AVX512REQUANT_H

#include "gemm/Gemm.h"

#include <immintrin.h>

namespace qcc::rt::avx512 {
namespace {

/// The parameters of 16 columns, loaded once per tile column. The clamp
/// bounds and zero point are here too, in registers: kernels store through
/// byte pointers, which may alias the Epilogue, so reading them from it in
/// the loop would reload them after every store.
struct ColumnParams {
  __m512i mulEven, mulOdd, addEven, addOdd, negEven, negOdd, shiftEven,
      shiftOdd, shiftAfterHigh, leftShift, low, high, zeroPoint, negativeBelow;
  __m512 scale, floatLow, floatHigh;
};

/// Folded: the addends with the zero point and the clamp's lower bound
/// (Epilogue::foldedZeroPoint; requantizeFolded).
inline ColumnParams loadParams(const Epilogue &e, int64_t col,
                               bool folded = false) {
  ColumnParams p{};
  p.low = _mm512_set1_epi32(folded ? e.clampMin : e.lowBeforeZeroPoint);
  p.high = _mm512_set1_epi32(e.highBeforeZeroPoint);
  p.zeroPoint = _mm512_set1_epi32(e.zeroPoint);
  if (e.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    p.scale = _mm512_load_ps(e.scale.get() + col);
    p.floatLow = _mm512_set1_ps(e.floatLow);
    p.floatHigh = _mm512_set1_ps(e.floatHigh);
  } else if (e.rounding != QCC_RT_NO_REQUANT) {
    p.mulEven = _mm512_load_si512(e.mul64.get() + col);
    p.mulOdd = _mm512_load_si512(e.mul64.get() + col + 8);
    const int64_t *add = folded ? e.add64WithZeroPoint.get() : e.add64.get();
    p.addEven = _mm512_load_si512(add + col);
    p.addOdd = _mm512_load_si512(add + col + 8);
    p.negEven = _mm512_load_si512(e.neg64.get() + col);
    p.negOdd = _mm512_load_si512(e.neg64.get() + col + 8);
    p.shiftEven = _mm512_load_si512(e.shift64.get() + col);
    p.shiftOdd = _mm512_load_si512(e.shift64.get() + col + 8);
    p.leftShift = _mm512_load_si512(e.leftShift.get() + col);
    if (folded)
      p.shiftAfterHigh = _mm512_load_si512(e.shiftAfterHigh.get() + col);
    // The doubled sums (Epilogue::negativeBelow) shift one more.
    if (folded && e.negativeBelow) {
      p.negativeBelow = _mm512_load_si512(e.negativeBelow.get() + col);
      p.shiftAfterHigh =
          _mm512_add_epi32(p.shiftAfterHigh, _mm512_set1_epi32(1));
    }
  }
  return p;
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

/// p + add for one half (the even or the odd 32-bit lanes, as 64-bit
/// lanes) of an integer rule. Correct: double rounding's correction for
/// negative products (see kRoundDoubleClampsNegatives).
template <bool Correct>
inline __m512i sumHalf(__m512i x, __m512i mul, __m512i add, __m512i neg) {
  const __m512i product = _mm512_mul_epi32(x, mul);
  const __m512i t = _mm512_add_epi64(product, add);
  if (!Correct)
    return t;
  const __mmask8 below =
      _mm512_cmplt_epi64_mask(product, _mm512_set1_epi64(-(int64_t(1) << 30)));
  return _mm512_mask_sub_epi64(t, below, t, neg);
}

/// One half of an integer rule. Single rounding saturates to int32 only
/// where the product is shifted by less than 31 (a multiplier of 1 or
/// more): |x * m| < 2^62 otherwise.
template <bool Saturate, bool Correct>
inline __m512i scaleHalf(__m512i x, __m512i mul, __m512i add, __m512i neg,
                         __m512i shift) {
  const __m512i t =
      _mm512_srav_epi64(sumHalf<Correct>(x, mul, add, neg), shift);
  if (!Saturate)
    return t;
  return _mm512_min_epi64(_mm512_max_epi64(t, _mm512_set1_epi64(INT32_MIN)),
                          _mm512_set1_epi64(INT32_MAX));
}

/// An integer rule on 16 lanes up to the clamp: the even and the odd lanes
/// widened to 64 bits, scaled, and merged back.
template <int Rule, bool Saturate>
inline __m512i scaleLanes(const ColumnParams &p, __m512i x) {
  constexpr bool Correct = Rule == QCC_RT_ROUND_DOUBLE;
  const __m512i even = scaleHalf<Saturate, Correct>(x, p.mulEven, p.addEven,
                                                    p.negEven, p.shiftEven);
  const __m512i odd = scaleHalf<Saturate, Correct>(
      _mm512_srli_epi64(x, 32), p.mulOdd, p.addOdd, p.negOdd, p.shiftOdd);
  // The odd results, in the low halves of their 64-bit lanes, move up into
  // the odd lanes.
  return _mm512_mask_shuffle_epi32(even, 0xAAAA, odd, _MM_PERM_CDAB);
}

/// The output rule on 16 accumulators (bias included). Rule: QCC_RT_*;
/// LeftShift: some multiplier is 1 or more (Epilogue::anyLeftShift).
template <int Rule, bool LeftShift>
inline __m512i requantize([[maybe_unused]] const Epilogue &e,
                          const ColumnParams &p, __m512i acc) {
  if constexpr (Rule == QCC_RT_NO_REQUANT) {
    return acc;
  } else if constexpr (Rule == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    __m512 v = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), p.scale);
    v = _mm512_max_ps(v, p.floatLow);
    v = _mm512_min_ps(v, p.floatHigh);
    const __m512i r = _mm512_cvt_roundps_epi32(v, _MM_FROUND_TO_NEAREST_INT |
                                                      _MM_FROUND_NO_EXC);
    return _mm512_add_epi32(r, p.zeroPoint);
  } else {
    constexpr bool Double = isDoubleRounding(Rule);
    constexpr bool Saturate = !Double && LeftShift;
    __m512i x = acc;
    if (Double && LeftShift)
      x = saturatingLeftShift(x, p.leftShift);
    __m512i scaled = scaleLanes<Rule, Saturate>(p, x);
    scaled = _mm512_max_epi32(scaled, p.low);
    scaled = _mm512_min_epi32(scaled, p.high);
    return _mm512_add_epi32(scaled, p.zeroPoint);
  }
}

/// An integer rule with the zero point folded into the addend, up to the
/// lower clamp; storeSaturated clamps the top (Epilogue::foldedZeroPoint).
/// Every shift64 is 32 or more there, so the even and odd sums merge by
/// their high halves before one 32-bit shift (Epilogue::shiftAfterHigh):
/// one instruction on port 0 fewer than scaleLanes' two 64-bit shifts.
///
/// Double rounding's correction for negative products works on doubled
/// sums (Epilogue::negativeBelow): 2x * m + 2 add, whose high halves lose 1
/// where x < negativeBelow. That is 3 instructions for 16 lanes where
/// correcting each 64-bit half takes 4 (and a copy). BySign: the 1 is taken
/// as the sign of x - negativeBelow (which fits in int32: Epilogue), by a
/// subtraction and a shift rather than a compare. On Zen 4 vpcmpd runs on
/// the pipes of vpdpbusd, so the sign is the cheaper beside a k loop
/// (PipedEpilogue: the 7x7 layer on 3 channels, AMD EPYC, 631 -> 618 us);
/// alone, the compare is as fast (the GEMM's epilogue) or faster
/// (depthwise 3x3 on 256x28x28: 43.9 against 45.6 us).
///
/// The float rule: float(x) * scale rounded half to even, plus the zero
/// point (4 instructions where the clamped form takes 6).
template <int Rule, bool BySign = false>
inline __m512i scaleFolded(const ColumnParams &p, __m512i acc) {
  if constexpr (Rule == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    const __m512 v = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), p.scale);
    return _mm512_add_epi32(
        _mm512_cvt_roundps_epi32(v,
                                 _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC),
        p.zeroPoint);
  } else {
    constexpr bool Doubled = Rule == QCC_RT_ROUND_DOUBLE;
    const __m512i x = Doubled ? _mm512_add_epi32(acc, acc) : acc;
    const __m512i even = sumHalf<false>(x, p.mulEven, p.addEven, p.negEven);
    // vpmuldq reads the low half of each 64-bit lane: the odd lanes go there
    // by a shuffle (port 5), not a shift (port 0, with the multiplies).
    const __m512i odd = sumHalf<false>(_mm512_shuffle_epi32(x, _MM_PERM_CDAB),
                                       p.mulOdd, p.addOdd, p.negOdd);
    // The high halves: the odd sums' are in the odd lanes already, the even
    // sums' move down into the even lanes.
    __m512i high = _mm512_mask_shuffle_epi32(odd, 0x5555, even, _MM_PERM_CDAB);
    if (Doubled && BySign)
      high = _mm512_add_epi32(
          high, _mm512_srai_epi32(_mm512_sub_epi32(acc, p.negativeBelow), 31));
    else if (Doubled)
      high = _mm512_mask_sub_epi32(
          high, _mm512_cmplt_epi32_mask(acc, p.negativeBelow), high,
          _mm512_set1_epi32(1));
    return _mm512_srav_epi32(high, p.shiftAfterHigh);
  }
}

/// scaleFolded and the lower clamp.
template <int Rule, bool BySign = false>
inline __m512i requantizeFolded(const ColumnParams &p, __m512i acc) {
  return _mm512_max_epi32(scaleFolded<Rule, BySign>(p, acc), p.low);
}

/// NV vectors narrowed to bytes, saturated to the output type by packing
/// (int32 -> int16 -> 8 bits, each step saturating): vector j's 16 bytes
/// are bytes 16j to 16j + 15 of the result. Both clamps in 4 instructions
/// for 64 outputs, where vpmaxsd and vpmovusdb take 3 for 16. Only where
/// the clamp is the type's whole range.
template <bool Signed, int NV>
inline __m512i packBytes(const __m512i (&x)[NV]) {
  static_assert(NV >= 2 && NV <= 4, "two to four vectors");
  const __m512i ab = _mm512_packs_epi32(x[0], x[1]);
  __m512i cd = ab;
  if constexpr (NV == 3)
    cd = _mm512_packs_epi32(x[2], x[2]);
  if constexpr (NV == 4)
    cd = _mm512_packs_epi32(x[2], x[3]);
  const __m512i bytes =
      Signed ? _mm512_packs_epi16(ab, cd) : _mm512_packus_epi16(ab, cd);
  // Each 128-bit lane L holds 4 bytes of each vector (its columns 4L to
  // 4L + 3), vector by vector: dword 4L + j goes to 4j + L.
  const __m512i order =
      _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  return _mm512_permutexvar_epi32(order, bytes);
}

/// NV vectors of one row (16 * NV consecutive columns) stored as bytes
/// (packBytes' clamp).
template <bool Signed, int NV>
inline void storePackedRow(void *out, const __m512i (&x)[NV]) {
  const __m512i row = packBytes<Signed, NV>(x);
  if constexpr (NV == 4)
    _mm512_storeu_si512(out, row);
  else if constexpr (NV == 3)
    _mm512_mask_storeu_epi32(out, 0x0fff, row);
  else
    _mm256_storeu_si256(static_cast<__m256i *>(out),
                        _mm512_castsi512_si256(row));
}

/// Stores 128-bit lane L of v at p, by a masked store of the whole vector
/// (no shuffle; the masked-off bytes are not touched).
template <int L> inline void storeLane(uint8_t *p, __m512i v) {
  _mm512_mask_storeu_epi32(p - 16 * L, __mmask16(0xf << (4 * L)), v);
}

/// Four vectors of 16 columns, each of its own pixel, stored as bytes at
/// out, out + stride, ... (packBytes' clamp): 4 shuffles for the four,
/// where vpmovusdb takes two of them per vector.
template <bool Signed>
inline void storePackedPixels(uint8_t *out, int64_t stride,
                              const __m512i (&x)[4]) {
  const __m512i row = packBytes<Signed, 4>(x);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(out),
                   _mm512_castsi512_si128(row));
  storeLane<1>(out + stride, row);
  storeLane<2>(out + 2 * stride, row);
  storeLane<3>(out + 3 * stride, row);
}

/// Stores the lanes of `mask` as bytes, saturated to the output type (at
/// least its minimum already).
template <bool Signed>
inline void storeSaturated(void *out, __m512i v, __mmask16 mask) {
  if constexpr (Signed)
    _mm512_mask_cvtsepi32_storeu_epi8(out, mask, v);
  else
    _mm512_mask_cvtusepi32_storeu_epi8(out, mask, v);
}

/// Stores the lanes of `mask` as int32, or (in range already) as the
/// low bytes, which keeps the 8-bit pattern.
template <bool Out32> inline void store(void *out, __m512i v, __mmask16 mask) {
  if constexpr (Out32)
    _mm512_mask_storeu_epi32(out, mask, v);
  else
    _mm512_mask_cvtepi32_storeu_epi8(out, mask, v);
}

/// The rule and the store of 16 accumulators in output form `Out`
/// (OutputForm); `p` loaded for it (loadParams(e, col, folded)).
template <int Rule, bool LeftShift, int Out>
inline void requantizeStore(const Epilogue &e, const ColumnParams &p, __m512i x,
                            void *out, __mmask16 mask) {
  if constexpr (Out == kFoldedU8 || Out == kFoldedS8)
    storeSaturated<Out == kFoldedS8>(out, requantizeFolded<Rule>(p, x), mask);
  else
    store<Out == kInt32>(out, requantize<Rule, LeftShift>(e, p, x), mask);
}

/// The epilogue on 16 lanes, as gemm/EpilogueFamily.h and
/// ops/DepthwiseFamily.h take it.
struct EpilogueV512 {
  using I = __m512i;
  using Params = ColumnParams;
  static constexpr int kLanes = 16;
  static constexpr bool kFoldedForms = true;
  static constexpr bool kHighHalves = false; ///< a 64-bit shift is one op

  static __mmask16 mask(int n) {
    return n >= 16 ? __mmask16(0xffff) : __mmask16((1u << n) - 1);
  }
  static I load(const void *p) { return _mm512_load_si512(p); }
  static I set1(int32_t v) { return _mm512_set1_epi32(v); }
  static I add(I a, I b) { return _mm512_add_epi32(a, b); }
  /// x - zw * s.
  static I minusProduct(I x, I zw, int32_t s) {
    return _mm512_sub_epi32(x, _mm512_mullo_epi32(zw, _mm512_set1_epi32(s)));
  }
  static Params params(const Epilogue &e, int64_t col, bool folded) {
    return loadParams(e, col, folded);
  }
  /// The first `n` lanes.
  template <int Rule, bool LeftShift, int Out>
  static void requantStore(const Epilogue &e, const Params &p, I x,
                           uint8_t *out, int n) {
    requantizeStore<Rule, LeftShift, Out>(e, p, x, out, mask(n));
  }
  /// A folded form's NV vectors of one row, the clamp the type's range
  /// (gemm/EpilogueFamily.h, finishPackedRows).
  template <int Rule, int Out, int NV>
  static void requantStoreRow(const Params *p, const I (&x)[NV], uint8_t *out) {
    I scaled[NV];
    for (int v = 0; v < NV; ++v)
      scaled[v] = scaleFolded<Rule>(p[v], x[v]);
    storePackedRow<Out == kFoldedS8, NV>(out, scaled);
  }
  /// A folded form's vectors of four pixels (16 whole channels each,
  /// `stride` bytes apart), the clamp the type's range (the depthwise
  /// kernels).
  template <int Rule, int Out>
  static void requantStorePixels(const Params &p, const I *x, uint8_t *out,
                                 int64_t stride) {
    I scaled[4];
    for (int v = 0; v < 4; ++v)
      scaled[v] = scaleFolded<Rule>(p, x[v]);
    storePackedPixels<Out == kFoldedS8>(out, stride, scaled);
  }
};

} // namespace
} // namespace qcc::rt::avx512

#endif // QCC_RUNTIME_X86_AVX512REQUANT_H
