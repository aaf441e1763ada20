// Depthwise convolution on AVX-512 VNNI (see ops/Depthwise.h): 16 channels
// per vector, one vpdpbusd per tap on zero-extended input bytes, the
// weights as the instruction's memory operand. A channel block's
// requantization parameters are loaded once for a range of rows.
#include "ops/Depthwise.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target(                                                            \
    "avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx2,fma,bmi2")
#include "x86/Avx512Requant.h"

namespace qcc::rt {
namespace {

using namespace avx512;

/// The channels of `mask` (the last block may be partial: nothing past the
/// image is read).
template <bool Signed> inline __m512i widen(const uint8_t *p, __mmask16 mask) {
  __m128i x = _mm_maskz_loadu_epi8(mask, p);
  if (Signed)
    x = _mm_xor_si128(x, _mm_set1_epi8(char(0x80)));
  return _mm512_cvtepu8_epi32(x);
}

/// The taps of two neighbouring output pixels of one channel block, inside
/// the image: the weights are loaded once for both. Taps > 0: that many,
/// unrolled; 0: w.taps.
template <int Taps, bool Signed, bool ZeroPoints>
inline void interiorPair(const DepthwiseWeights &w, const uint8_t *base0,
                         const uint8_t *base1, const int32_t *wcb,
                         __mmask16 mask, __m512i &acc0, __m512i &acc1,
                         __m512i &sum0, __m512i &sum1) {
  const int64_t taps = Taps > 0 ? Taps : w.taps;
  const int64_t cp = w.channelsPadded;
#pragma GCC unroll 25
  for (int64_t t = 0; t < taps; ++t) {
    const __m512i wt = _mm512_load_si512(wcb + t * cp);
    const int64_t off = w.tapOffsets[t];
    const __m512i x0 = widen<Signed>(base0 + off, mask);
    const __m512i x1 = widen<Signed>(base1 + off, mask);
    acc0 = _mm512_dpbusd_epi32(acc0, x0, wt);
    acc1 = _mm512_dpbusd_epi32(acc1, x1, wt);
    if (ZeroPoints) {
      sum0 = _mm512_add_epi32(sum0, x0);
      sum1 = _mm512_add_epi32(sum1, x1);
    }
  }
}

template <int Rule, bool LeftShift, bool Out32, bool Signed, bool ZeroPoints,
          int Taps>
void rows(const DepthwiseWeights &w, const uint8_t *input, uint8_t *output,
          int64_t rowBegin, int64_t rowEnd) {
  const qcc_rt_window &win = w.window;
  const Epilogue &e = w.epilogue;
  const int64_t c = w.channels, cp = w.channelsPadded, taps = w.taps;
  const __m512i fill = _mm512_set1_epi32(w.inputZeroPoint);
  const __m512i ones = _mm512_set1_epi32(1);
  constexpr size_t outBytes = Out32 ? 4 : 1;
  for (int64_t cb = 0; cb < c; cb += 16) {
    const int64_t left = c - cb;
    const __mmask16 mask =
        left >= 16 ? __mmask16(0xffff) : __mmask16((1u << left) - 1);
    const ColumnParams params = loadParams(e, cb);
    const __m512i bias = _mm512_load_si512(w.biasAdj.get() + cb);
    const __m512i zw = ZeroPoints ? _mm512_load_si512(w.zeroPoints.get() + cb)
                                  : _mm512_setzero_si512();
    const int32_t *wcb = w.weights.get() + cb;
    for (int64_t row = rowBegin; row < rowEnd; ++row) {
      const int64_t b = row / win.out_h, oy = row % win.out_h;
      const int64_t y0 = oy * win.stride_h - win.pad_top;
      const bool rowsInside =
          y0 >= 0 && y0 + (win.kernel_h - 1) * win.dilation_h < win.in_h;
      const uint8_t *image = input + b * win.in_h * win.in_w * c + cb;
      uint8_t *out = output + (row * win.out_w * c + cb) * outBytes;
      // Interior pixels in pairs, from the first whose window is inside.
      auto inside = [&](int64_t ox) {
        const int64_t x0 = ox * win.stride_w - win.pad_left;
        return rowsInside && x0 >= 0 &&
               x0 + (win.kernel_w - 1) * win.dilation_w < win.in_w;
      };
      for (int64_t ox = 0; ox < win.out_w; ++ox, out += c * outBytes) {
        const int64_t x0 = ox * win.stride_w - win.pad_left;
        if (ox + 1 < win.out_w && inside(ox) && inside(ox + 1)) {
          const uint8_t *base0 = image + (y0 * win.in_w + x0) * c;
          const uint8_t *base1 = base0 + win.stride_w * c;
          __m512i acc0 = bias, acc1 = bias, sum0 = _mm512_setzero_si512(),
                  sum1 = sum0;
          interiorPair<Taps, Signed, ZeroPoints>(w, base0, base1, wcb, mask,
                                                 acc0, acc1, sum0, sum1);
          if (ZeroPoints) {
            acc0 = _mm512_sub_epi32(acc0, _mm512_mullo_epi32(zw, sum0));
            acc1 = _mm512_sub_epi32(acc1, _mm512_mullo_epi32(zw, sum1));
          }
          store<Out32>(out, requantize<Rule, LeftShift>(e, params, acc0), mask);
          store<Out32>(out + c * outBytes,
                       requantize<Rule, LeftShift>(e, params, acc1), mask);
          ++ox;
          out += c * outBytes;
          continue;
        }
        __m512i acc = bias, sum = _mm512_setzero_si512();
        if (rowsInside && x0 >= 0 &&
            x0 + (win.kernel_w - 1) * win.dilation_w < win.in_w) {
          const uint8_t *base = image + (y0 * win.in_w + x0) * c;
          for (int64_t t = 0; t < taps; ++t) {
            const __m512i x = widen<Signed>(base + w.tapOffsets[t], mask);
            acc = _mm512_dpbusd_epi32(acc, x, _mm512_load_si512(wcb + t * cp));
            if (ZeroPoints)
              sum = _mm512_add_epi32(sum, x);
          }
        } else {
          for (int64_t ky = 0; ky < win.kernel_h; ++ky) {
            const int64_t iy = y0 + ky * win.dilation_h;
            for (int64_t kx = 0; kx < win.kernel_w; ++kx) {
              const int64_t ix = x0 + kx * win.dilation_w;
              const __m512i x =
                  iy >= 0 && iy < win.in_h && ix >= 0 && ix < win.in_w
                      ? widen<Signed>(image + (iy * win.in_w + ix) * c, mask)
                      : fill;
              acc = _mm512_dpbusd_epi32(
                  acc, x,
                  _mm512_load_si512(wcb + (ky * win.kernel_w + kx) * cp));
              if (ZeroPoints)
                sum = _mm512_add_epi32(sum, x);
            }
          }
        }
        if (ZeroPoints)
          acc = _mm512_sub_epi32(acc, _mm512_mullo_epi32(zw, sum));
        (void)ones;
        store<Out32>(out, requantize<Rule, LeftShift>(e, params, acc), mask);
      }
    }
  }
}

template <int Rule, bool LeftShift, bool Out32, bool Signed, bool ZeroPoints>
void dispatchTaps(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
                  int64_t b, int64_t e) {
  switch (w.taps) {
  case 9:
    return rows<Rule, LeftShift, Out32, Signed, ZeroPoints, 9>(w, in, out, b,
                                                               e);
  case 25:
    return rows<Rule, LeftShift, Out32, Signed, ZeroPoints, 25>(w, in, out, b,
                                                                e);
  default:
    return rows<Rule, LeftShift, Out32, Signed, ZeroPoints, 0>(w, in, out, b,
                                                               e);
  }
}

template <int Rule, bool LeftShift, bool Out32>
void dispatchInput(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
                   int64_t b, int64_t e) {
  if (w.inputSigned)
    w.zeroPoints
        ? dispatchTaps<Rule, LeftShift, Out32, true, true>(w, in, out, b, e)
        : dispatchTaps<Rule, LeftShift, Out32, true, false>(w, in, out, b, e);
  else
    w.zeroPoints
        ? dispatchTaps<Rule, LeftShift, Out32, false, true>(w, in, out, b, e)
        : dispatchTaps<Rule, LeftShift, Out32, false, false>(w, in, out, b, e);
}

void anyRows(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
             int64_t b, int64_t e) {
  const Epilogue &ep = w.epilogue;
  const bool out32 = ep.outputType == QCC_RT_I32;
  switch (ep.rounding) {
  case QCC_RT_NO_REQUANT:
    return dispatchInput<QCC_RT_NO_REQUANT, false, true>(w, in, out, b, e);
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return out32 ? dispatchInput<QCC_RT_ROUND_FLOAT_HALF_EVEN, false, true>(
                       w, in, out, b, e)
                 : dispatchInput<QCC_RT_ROUND_FLOAT_HALF_EVEN, false, false>(
                       w, in, out, b, e);
  case QCC_RT_ROUND_SINGLE:
    return out32 ? dispatchInput<QCC_RT_ROUND_SINGLE, false, true>(w, in, out,
                                                                   b, e)
                 : dispatchInput<QCC_RT_ROUND_SINGLE, false, false>(w, in, out,
                                                                    b, e);
  default:
    if (ep.anyLeftShift)
      return out32 ? dispatchInput<QCC_RT_ROUND_DOUBLE, true, true>(w, in, out,
                                                                    b, e)
                   : dispatchInput<QCC_RT_ROUND_DOUBLE, true, false>(w, in, out,
                                                                     b, e);
    return out32 ? dispatchInput<QCC_RT_ROUND_DOUBLE, false, true>(w, in, out,
                                                                   b, e)
                 : dispatchInput<QCC_RT_ROUND_DOUBLE, false, false>(w, in, out,
                                                                    b, e);
  }
}

} // namespace

DepthwiseRowsFn depthwiseAvx512() { return anyRows; }

} // namespace qcc::rt
#pragma GCC pop_options
