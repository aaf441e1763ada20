// The depthwise kernel (ops/Depthwise.h) on any vector width, given a
// traits class V: V::kLanes channels per vector of type V::I; V::widen (8-bit
// input to 32-bit lanes, `n` channels), V::dot (acc + the 16-bit pair
// products), V::store32 (aligned vectors), the epilogue's traits
// (EpilogueV512, EpilogueV256, EpilogueV128: V::load, V::set1, V::params,
// V::requantStore, V::kFoldedForms); V::kPixels output pixels run together;
// V::kWeightsInRegisters: the 3x3 kernels hold their 9 weight vectors in
// registers (else each tap's is loaded where it is used).
//
// Per channel block, each input row the window needs is widened once into
// a ring of rows (DepthwiseRing), padding columns and rows included as zx:
// the multiply-adds then read every tap of every pixel at a constant
// offset, without bounds, and each input pixel is widened once per block
// rather than once per tap. The ring holds the (kernel_h - 1) * dilation_h
// + 1 rows of one output row's window, so with stride 1 each output row
// widens one new row. Included by one translation unit per path, after its
// target pragma.
#ifndef QCC_RUNTIME_OPS_DEPTHWISEFAMILY_H
#define QCC_RUNTIME_OPS_DEPTHWISEFAMILY_H

#include "ops/Depthwise.h"

#include <type_traits>

namespace qcc::rt::family {
namespace {

/// The scalars of one depthwise convolution, copied: the kernel stores
/// through byte pointers, which could alias the weights' fields, and the
/// compiler would reload them after every store.
struct DepthwiseShape {
  qcc_rt_window win;
  int64_t c, cp;     ///< channels, padded channels
  int64_t width;     ///< widened pixels of a ring row
  int64_t ringRows;  ///< rows of the ring
  int32_t zeroPoint; ///< zx
};

inline DepthwiseShape depthwiseShape(const DepthwiseWeights &w) {
  const qcc_rt_window &win = w.window;
  return {win,
          w.channels,
          w.channelsPadded,
          (win.out_w - 1) * win.stride_w + (win.kernel_w - 1) * win.dilation_w +
              1,
          RowRing::rowsOf(win),
          w.inputZeroPoint};
}

/// Widens input row `iy` of one channel block (`image`: the batch
/// element's image at the block's first channel) into `dst`, padding as zx.
template <class V, bool Signed>
void widenRow(const DepthwiseShape &s, const uint8_t *image, int64_t iy, int n,
              typename V::I *dst) {
  const typename V::I fill = V::set1(s.zeroPoint);
  const qcc_rt_window &win = s.win;
  if (iy < 0 || iy >= win.in_h) {
    for (int64_t px = 0; px < s.width; ++px)
      V::store32(dst + px, fill);
    return;
  }
  const int64_t left = win.pad_left < s.width ? win.pad_left : s.width;
  int64_t right = win.pad_left + win.in_w;
  right = right < s.width ? right : s.width;
  int64_t px = 0;
  for (; px < left; ++px)
    V::store32(dst + px, fill);
  const uint8_t *src = image + (iy * win.in_w + px - win.pad_left) * s.c;
  if (n == V::kLanes)
    for (; px < right; ++px, src += s.c)
      V::store32(dst + px, V::template widenFull<Signed>(src));
  else
    for (; px < right; ++px, src += s.c)
      V::store32(dst + px, V::template widen<Signed>(src, n));
  for (; px < s.width; ++px)
    V::store32(dst + px, fill);
}

/// U output pixels from ox: acc[u] += every tap. rows[ky]: the widened row
/// of tap row ky. KH, KW, S > 0: a kernel of that size with stride S and
/// dilation 1, the weights held in registers; 0: any, from `s`.
template <class V, int KH, int KW, int S, int U>
inline void pixels(const DepthwiseShape &s, const typename V::I *const *rows,
                   const int32_t *wcb, typename V::I *acc, int64_t ox) {
  using I = typename V::I;
  if constexpr (KH > 0) {
    // With 16 vector registers, 9 weights beside the accumulators and the
    // inputs spill (AVX2: 13 % of MobileNetV2 in the 3x3 layers).
    I w[V::kWeightsInRegisters ? KH * KW : 1];
    if constexpr (V::kWeightsInRegisters)
      for (int t = 0; t < KH * KW; ++t)
        w[t] = V::load(wcb + t * s.cp);
    auto weight = [&](int t) {
      if constexpr (V::kWeightsInRegisters)
        return w[t];
      else
        return V::load(wcb + t * s.cp);
    };
    // The pixels' windows overlap: each widened input is loaded once for
    // all its taps (vector loads, not the multiply-adds, bound the loop).
    constexpr int kInputs = (U - 1) * S + KW;
    for (int ky = 0; ky < KH; ++ky) {
      const I *src = rows[ky] + ox * S;
      I x[kInputs];
      for (int j = 0; j < kInputs; ++j)
        x[j] = V::load(src + j);
      for (int kx = 0; kx < KW; ++kx) {
        const I wt = weight(ky * KW + kx);
        for (int u = 0; u < U; ++u)
          acc[u] = V::dot(acc[u], wt, x[u * S + kx]);
      }
    }
  } else {
    const qcc_rt_window &win = s.win;
    for (int64_t ky = 0; ky < win.kernel_h; ++ky) {
      const I *src = rows[ky] + ox * win.stride_w;
      for (int64_t kx = 0; kx < win.kernel_w; ++kx) {
        const I wt = V::load(wcb + (ky * win.kernel_w + kx) * s.cp);
        const I *tap = src + kx * win.dilation_w;
        for (int u = 0; u < U; ++u)
          acc[u] = V::dot(acc[u], wt, V::load(tap + u * win.stride_w));
      }
    }
  }
}

template <class V, int KH, int KW, int S, int Rule, bool LeftShift, int Out,
          bool Signed>
void depthwiseRows(const DepthwiseWeights &w, const uint8_t *input,
                   uint8_t *output, int64_t rowBegin, int64_t rowEnd,
                   typename V::I *ring) {
  using I = typename V::I;
  const DepthwiseShape s = depthwiseShape(w);
  const qcc_rt_window &win = s.win;
  const Epilogue &e = w.epilogue;
  constexpr int64_t outBytes = Out == kInt32 ? 4 : 1;
  // Scratch: the ring, which input row each ring row holds, and the ring
  // row of each tap row (see depthwiseScratchBytes).
  auto *held = reinterpret_cast<int64_t *>(ring + s.ringRows * s.width);
  RowRing window(win, held);
  auto *rows = reinterpret_cast<const I **>(held + s.ringRows);
  // Channel blocks outside, rows inside, so that the ring stays in the
  // first-level cache. (Rows outside, with a ring per block, or bands of
  // rows re-widening their first rows, both measured slower.)
  for (int64_t cb = 0; cb < s.c; cb += V::kLanes) {
    const int n = s.c - cb >= V::kLanes ? V::kLanes : int(s.c - cb);
    const typename V::Params params =
        V::params(e, cb, Out == kFoldedU8 || Out == kFoldedS8);
    const I bias = V::load(w.biasAdj.get() + cb);
    const int32_t *wcb = w.weights.get() + cb;
    window.clear();
    for (int64_t row = rowBegin; row < rowEnd; ++row) {
      const int64_t b = row / win.out_h, oy = row % win.out_h;
      if (oy == 0 && row != rowBegin)
        window.clear(); // a new image
      const uint8_t *image = input + b * win.in_h * win.in_w * s.c + cb;
      const int64_t y0 = oy * win.stride_h - win.pad_top;
      for (int64_t ky = 0; ky < win.kernel_h; ++ky) {
        const int64_t iy = y0 + ky * win.dilation_h;
        bool fill;
        I *dst = ring + window.slot(iy, fill) * s.width;
        if (fill)
          widenRow<V, Signed>(s, image, iy, n, dst);
        rows[ky] = dst;
      }
      uint8_t *out = output + (row * win.out_w * s.c + cb) * outBytes;
      int64_t ox = 0;
      auto group = [&](auto count) {
        constexpr int U = decltype(count)::value;
        for (; ox + U <= win.out_w; ox += U) {
          I acc[U];
          for (int u = 0; u < U; ++u)
            acc[u] = bias;
          pixels<V, KH, KW, S, U>(s, rows, wcb, acc, ox);
          for (int u = 0; u < U; ++u)
            V::template requantStore<Rule, LeftShift, Out>(
                e, params, acc[u], out + (ox + u) * s.c * outBytes, n);
        }
      };
      // Stride 2 has twice the inputs per group in registers: half the
      // pixels.
      constexpr int kGroup = S == 2 ? V::kPixels / 2 : V::kPixels;
      group(std::integral_constant<int, kGroup>());
      if constexpr (kGroup > 4)
        group(std::integral_constant<int, 4>());
      group(std::integral_constant<int, 1>());
    }
  }
}

template <class V, int Rule, bool LeftShift, int Out, bool Signed>
void depthwiseShapes(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
                     int64_t b, int64_t e, typename V::I *ring) {
  const qcc_rt_window &win = w.window;
  const bool three = win.kernel_h == 3 && win.kernel_w == 3 &&
                     win.dilation_h == 1 && win.dilation_w == 1;
  if (three && win.stride_w == 1)
    return depthwiseRows<V, 3, 3, 1, Rule, LeftShift, Out, Signed>(w, in, out,
                                                                   b, e, ring);
  if (three && win.stride_w == 2)
    return depthwiseRows<V, 3, 3, 2, Rule, LeftShift, Out, Signed>(w, in, out,
                                                                   b, e, ring);
  depthwiseRows<V, 0, 0, 0, Rule, LeftShift, Out, Signed>(w, in, out, b, e,
                                                          ring);
}

template <class V, int Rule, bool LeftShift, int Out>
void depthwiseInput(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
                    int64_t b, int64_t e, typename V::I *ring) {
  w.inputSigned
      ? depthwiseShapes<V, Rule, LeftShift, Out, true>(w, in, out, b, e, ring)
      : depthwiseShapes<V, Rule, LeftShift, Out, false>(w, in, out, b, e, ring);
}

template <class V>
void depthwise(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
               int64_t b, int64_t e, uint8_t *scratch) {
  auto *ring = reinterpret_cast<typename V::I *>(scratch);
  withRuleAndForm<V::kFoldedForms, V::kHighHalves>(
      w.epilogue, [&](auto rule, auto left, auto form) {
        depthwiseInput<V, decltype(rule)::value, decltype(left)::value,
                       decltype(form)::value>(w, in, out, b, e, ring);
      });
}

} // namespace
} // namespace qcc::rt::family

#endif // QCC_RUNTIME_OPS_DEPTHWISEFAMILY_H
