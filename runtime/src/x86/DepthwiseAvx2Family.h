// Depthwise convolution on 256-bit vectors (see ops/Depthwise.h and
// DepthwiseAvx512.cpp): 8 channels per vector, vpdpbusd on ymm (AVX-VNNI,
// weights in the low byte of each lane) or vpmaddwd (AVX2, weights as
// 16-bit values in the low half: one exact product per lane). Included by
// one translation unit per path, after its target pragma.
#ifndef QCC_RUNTIME_X86_DEPTHWISEAVX2FAMILY_H
#define QCC_RUNTIME_X86_DEPTHWISEAVX2FAMILY_H

#include "ops/Depthwise.h"
#include "x86/Avx2Requant.h"

#include <cstring>

namespace qcc::rt::avx2 {
namespace {

/// `n` (<= 8) channels widened to lanes; nothing past them is read.
template <bool Signed> inline __m256i widen(const uint8_t *p, int n) {
  __m128i x;
  if (n >= 8) {
    x = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
  } else {
    alignas(16) uint8_t tmp[16] = {};
    std::memcpy(tmp, p, size_t(n));
    x = _mm_load_si128(reinterpret_cast<const __m128i *>(tmp));
  }
  if (Signed)
    x = _mm_xor_si128(x, _mm_set1_epi8(char(0x80)));
  return _mm256_cvtepu8_epi32(x);
}

template <bool Vnni> inline __m256i dot(__m256i acc, __m256i x, __m256i w) {
  if constexpr (Vnni)
    return _mm256_dpbusd_avx_epi32(acc, x, w);
  else
    return _mm256_add_epi32(acc, _mm256_madd_epi16(x, w));
}

template <bool Vnni, int Rule, bool LeftShift, bool Out32, bool Signed,
          bool ZeroPoints>
void depthwiseRows(const DepthwiseWeights &w, const uint8_t *input,
                   uint8_t *output, int64_t rowBegin, int64_t rowEnd) {
  const qcc_rt_window &win = w.window;
  const Epilogue &e = w.epilogue;
  const int64_t c = w.channels, cp = w.channelsPadded, taps = w.taps;
  const __m256i fill = _mm256_set1_epi32(w.inputZeroPoint);
  constexpr size_t outBytes = Out32 ? 4 : 1;
  for (int64_t cb = 0; cb < c; cb += 8) {
    const int n = c - cb >= 8 ? 8 : int(c - cb);
    const ColumnParams params = loadParams(e, cb);
    const __m256i bias = load(w.biasAdj.get() + cb);
    const __m256i zw =
        ZeroPoints ? load(w.zeroPoints.get() + cb) : _mm256_setzero_si256();
    const int32_t *wcb = w.weights.get() + cb;
    for (int64_t row = rowBegin; row < rowEnd; ++row) {
      const int64_t b = row / win.out_h, oy = row % win.out_h;
      const int64_t y0 = oy * win.stride_h - win.pad_top;
      const bool rowsInside =
          y0 >= 0 && y0 + (win.kernel_h - 1) * win.dilation_h < win.in_h;
      const uint8_t *image = input + b * win.in_h * win.in_w * c + cb;
      uint8_t *out = output + (row * win.out_w * c + cb) * outBytes;
      for (int64_t ox = 0; ox < win.out_w; ++ox, out += c * outBytes) {
        const int64_t x0 = ox * win.stride_w - win.pad_left;
        __m256i acc = bias, sum = _mm256_setzero_si256();
        if (rowsInside && x0 >= 0 &&
            x0 + (win.kernel_w - 1) * win.dilation_w < win.in_w) {
          const uint8_t *base = image + (y0 * win.in_w + x0) * c;
          for (int64_t t = 0; t < taps; ++t) {
            const __m256i x = widen<Signed>(base + w.tapOffsets[t], n);
            acc = dot<Vnni>(acc, x, load(wcb + t * cp));
            if (ZeroPoints)
              sum = _mm256_add_epi32(sum, x);
          }
        } else {
          for (int64_t ky = 0; ky < win.kernel_h; ++ky) {
            const int64_t iy = y0 + ky * win.dilation_h;
            for (int64_t kx = 0; kx < win.kernel_w; ++kx) {
              const int64_t ix = x0 + kx * win.dilation_w;
              const __m256i x =
                  iy >= 0 && iy < win.in_h && ix >= 0 && ix < win.in_w
                      ? widen<Signed>(image + (iy * win.in_w + ix) * c, n)
                      : fill;
              acc =
                  dot<Vnni>(acc, x, load(wcb + (ky * win.kernel_w + kx) * cp));
              if (ZeroPoints)
                sum = _mm256_add_epi32(sum, x);
            }
          }
        }
        if (ZeroPoints)
          acc = _mm256_sub_epi32(acc, _mm256_mullo_epi32(zw, sum));
        store<Out32>(out, requantize<Rule, LeftShift>(e, params, acc), n);
      }
    }
  }
}

template <bool Vnni, int Rule, bool LeftShift, bool Out32>
void depthwiseInput(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
                    int64_t b, int64_t e) {
  if (w.inputSigned)
    w.zeroPoints
        ? depthwiseRows<Vnni, Rule, LeftShift, Out32, true, true>(w, in, out, b,
                                                                  e)
        : depthwiseRows<Vnni, Rule, LeftShift, Out32, true, false>(w, in, out,
                                                                   b, e);
  else
    w.zeroPoints
        ? depthwiseRows<Vnni, Rule, LeftShift, Out32, false, true>(w, in, out,
                                                                   b, e)
        : depthwiseRows<Vnni, Rule, LeftShift, Out32, false, false>(w, in, out,
                                                                    b, e);
}

template <bool Vnni>
void depthwise(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
               int64_t b, int64_t e) {
  const Epilogue &ep = w.epilogue;
  const bool out32 = ep.outputType == QCC_RT_I32;
  switch (ep.rounding) {
  case QCC_RT_NO_REQUANT:
    return depthwiseInput<Vnni, QCC_RT_NO_REQUANT, false, true>(w, in, out, b,
                                                                e);
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return out32 ? depthwiseInput<Vnni, QCC_RT_ROUND_FLOAT_HALF_EVEN, false,
                                  true>(w, in, out, b, e)
                 : depthwiseInput<Vnni, QCC_RT_ROUND_FLOAT_HALF_EVEN, false,
                                  false>(w, in, out, b, e);
  case QCC_RT_ROUND_SINGLE:
    return out32 ? depthwiseInput<Vnni, QCC_RT_ROUND_SINGLE, false, true>(
                       w, in, out, b, e)
                 : depthwiseInput<Vnni, QCC_RT_ROUND_SINGLE, false, false>(
                       w, in, out, b, e);
  default:
    if (ep.anyLeftShift)
      return out32 ? depthwiseInput<Vnni, QCC_RT_ROUND_DOUBLE, true, true>(
                         w, in, out, b, e)
                   : depthwiseInput<Vnni, QCC_RT_ROUND_DOUBLE, true, false>(
                         w, in, out, b, e);
    return out32 ? depthwiseInput<Vnni, QCC_RT_ROUND_DOUBLE, false, true>(
                       w, in, out, b, e)
                 : depthwiseInput<Vnni, QCC_RT_ROUND_DOUBLE, false, false>(
                       w, in, out, b, e);
  }
}

} // namespace
} // namespace qcc::rt::avx2

#endif // QCC_RUNTIME_X86_DEPTHWISEAVX2FAMILY_H
