// The 3x3 depthwise kernel with pair taps (ops/Depthwise.h), for the paths
// whose product is a 16-bit pair multiply-add (vpmaddwd, vpdpwssd). Each
// 32-bit lane of a ring vector holds two horizontally adjacent input pixels
// of one channel as int16, and each weight vector two taps' w' in the same
// way, so one multiply-add takes two taps where the widened kernel
// (ops/DepthwiseFamily.h) uses half of each lane and takes one: a 3x3 window
// in 6 instead of 9. Ring position e holds pixels 2e and 2e + 1 of the
// padded row, so each pixel is stored once. At stride 2, output pixel ox
// reads pairs ox and ox + 1 with the weights (w0, w1) and (w2, 0); at
// stride 1, an even ox reads pairs ox / 2 and ox / 2 + 1 the same way and
// an odd one pairs (ox - 1) / 2 and (ox + 1) / 2 with (0, w0) and (w1, w2).
// Other windows go to the widened kernel. V: that kernel's traits, and
// V::Bytes (a pixel's input bytes of one block), V::pixelBytes (the first
// `n` channels), V::fullBytes, V::fillBytes (zx in every byte),
// V::pairOf<Signed> (two pixels' bytes as the lanes' int16 pairs) and
// V::pairWeights (w' of two taps in a lane's low and high halves).
#ifndef QCC_RUNTIME_OPS_DEPTHWISEPAIRSFAMILY_H
#define QCC_RUNTIME_OPS_DEPTHWISEPAIRSFAMILY_H

#include "ops/DepthwiseFamily.h"
#include "reference/Storage.h"

#include <type_traits>

namespace qcc::rt::family {
namespace {

/// The pairs of a ring row: up to the last pixel a window reads, (out_w -
/// 1) * S + 2, and one more for an even last pixel at stride 1. At most
/// DepthwiseShape::width, for which the scratch has room.
template <int S> int64_t pairsOf(const qcc_rt_window &win) {
  return ((win.out_w - 1) * S + 3) / 2 + 1;
}

/// Makes the ring row of input row `iy` of one channel block (`image`: the
/// batch element's image at the block's first channel) in `dst`, padding as
/// zx.
template <class V, bool Signed>
void pairRow(const DepthwiseShape &s, int64_t pairs, const uint8_t *image,
             int64_t iy, int n, typename V::I *dst) {
  using B = typename V::Bytes;
  const qcc_rt_window &win = s.win;
  const B fill = V::fillBytes(s.zeroPoint);
  if (iy < 0 || iy >= win.in_h) {
    const typename V::I padding = V::template pairOf<Signed>(fill, fill);
    for (int64_t e = 0; e < pairs; ++e)
      V::store32(dst + e, padding);
    return;
  }
  const int64_t c = s.c, left = win.pad_left, right = left + win.in_w;
  const uint8_t *row = image + iy * win.in_w * c;
  auto pixel = [&](int64_t px) {
    return px >= left && px < right ? V::pixelBytes(row + (px - left) * c, n)
                                    : fill;
  };
  auto general = [&](int64_t e) {
    V::store32(dst + e,
               V::template pairOf<Signed>(pixel(2 * e), pixel(2 * e + 1)));
  };
  int64_t e = 0;
  for (; e < pairs && 2 * e < left; ++e)
    general(e);
  // Both pixels in the image: no bounds.
  if (n == V::kLanes)
    for (const uint8_t *src = row + (2 * e - left) * c;
         e < pairs && 2 * e + 1 < right; ++e, src += 2 * c)
      V::store32(dst + e, V::template pairOf<Signed>(V::fullBytes(src),
                                                     V::fullBytes(src + c)));
  for (; e < pairs; ++e)
    general(e);
}

/// Output rows [rowBegin, rowEnd) of a 3x3 window at stride S (1 or 2) with
/// pair taps (DepthwiseRowsFn).
template <class V, int S, int Rule, bool LeftShift, int Out, bool Signed>
void depthwisePairRows(const DepthwiseWeights &w, const uint8_t *input,
                       uint8_t *output, int64_t rowBegin, int64_t rowEnd,
                       typename V::I *ring) {
  using I = typename V::I;
  const DepthwiseShape s = depthwiseShape(w);
  const qcc_rt_window &win = s.win;
  const Epilogue &e = w.epilogue;
  constexpr int64_t outBytes = Out == kInt32 ? 4 : 1;
  constexpr bool kFolded = Out == kFoldedU8 || Out == kFoldedS8;
  const bool clampIsStorage = e.clampMin == storageMin(e.outputType);
  const int64_t pairs = pairsOf<S>(win);
  // A ring per block of a group of blocks, which share the input lines
  // (depthwiseScratchBytes makes room for kPairRingBytes of them): each
  // block reads its bytes of every line of an input row, and the lines
  // stay in L1 from one block to the next.
  const int64_t blockRing = s.ringRows * pairs;
  int64_t groupBlocks = kPairRingBytes / (blockRing * int64_t(sizeof(I)));
  groupBlocks = groupBlocks > 1 ? groupBlocks : 1;
  auto *held = reinterpret_cast<int64_t *>(reinterpret_cast<uint8_t *>(ring) +
                                           pairRingScratchBytes(w));
  RowRing window(win, held);
  auto *rows = held + s.ringRows;
  const int64_t groupChannels = groupBlocks * V::kLanes;
  for (int64_t cg = 0; cg < s.c; cg += groupChannels) {
    const int64_t groupEnd =
        s.c - cg < groupChannels ? s.c : cg + groupChannels;
    window.clear();
    for (int64_t row = rowBegin; row < rowEnd; ++row) {
      const int64_t b = row / win.out_h, oy = row % win.out_h;
      if (oy == 0 && row != rowBegin)
        window.clear(); // a new image
      const uint8_t *image = input + b * win.in_h * win.in_w * s.c;
      const int64_t y0 = oy * win.stride_h - win.pad_top;
      for (int64_t ky = 0; ky < 3; ++ky) {
        const int64_t iy = y0 + ky * win.dilation_h;
        bool fill;
        const int64_t k = window.slot(iy, fill);
        if (fill)
          for (int64_t cb = cg, j = 0; cb < groupEnd; cb += V::kLanes, ++j)
            pairRow<V, Signed>(s, pairs, image + cb, iy,
                               s.c - cb >= V::kLanes ? V::kLanes
                                                     : int(s.c - cb),
                               ring + j * blockRing + k * pairs);
        rows[ky] = k * pairs;
      }
      for (int64_t cb = cg, j = 0; cb < groupEnd; cb += V::kLanes, ++j) {
        const int n = s.c - cb >= V::kLanes ? V::kLanes : int(s.c - cb);
        const typename V::Params params = V::params(e, cb, kFolded);
        // Whole blocks whose clamp is the type's range store four pixels
        // by packing (V::requantStorePixels).
        const bool packed = n == V::kLanes && clampIsStorage;
        const I bias = V::load(w.biasAdj.get() + cb);
        const int32_t *wcb = w.weights.get() + cb;
        // Per tap row: (w0, w1), (w2, 0), (0, w0), (w1, w2).
        I wp[3][4];
        for (int ky = 0; ky < 3; ++ky) {
          const I w0 = V::load(wcb + (ky * 3) * s.cp);
          const I w1 = V::load(wcb + (ky * 3 + 1) * s.cp);
          const I w2 = V::load(wcb + (ky * 3 + 2) * s.cp);
          wp[ky][0] = V::pairWeights(w0, w1);
          wp[ky][1] = w2;
          wp[ky][2] = V::pairWeights(V::set1(0), w0);
          wp[ky][3] = V::pairWeights(w1, w2);
        }
        const I *blockRows = ring + j * blockRing;
        uint8_t *out = output + (row * win.out_w * s.c + cb) * outBytes;
        int64_t ox = 0;
        // Runs of U pixels from an even ox (runs of 4 first), so that each
        // pixel's parity is known where U > 1.
        auto run = [&](auto count) {
          constexpr int U = decltype(count)::value;
          for (; ox + U <= win.out_w; ox += U) {
            I acc[U];
            for (int u = 0; u < U; ++u)
              acc[u] = bias;
            for (int ky = 0; ky < 3; ++ky) {
              const I *q = blockRows + rows[ky];
              for (int u = 0; u < U; ++u) {
                const int64_t x = ox + u;
                // The first pair (S * x / 2 rounded down), and which weights.
                const int64_t first = S == 2 ? x : x >> 1;
                const int odd = S == 2 ? 0 : U > 1 ? u % 2 : int(x & 1);
                acc[u] = V::dot(acc[u], wp[ky][2 * odd], V::load(q + first));
                acc[u] =
                    V::dot(acc[u], wp[ky][2 * odd + 1], V::load(q + first + 1));
              }
            }
            int u = 0;
            if constexpr (kFolded && U % 4 == 0)
              for (; packed && u < U; u += 4)
                V::template requantStorePixels<Rule, Out>(
                    params, acc + u, out + (ox + u) * s.c, s.c);
            for (; u < U; ++u)
              V::template requantStore<Rule, LeftShift, Out>(
                  e, params, acc[u], out + (ox + u) * s.c * outBytes, n);
          }
        };
        run(std::integral_constant<int, 4>());
        run(std::integral_constant<int, 1>());
      }
    }
  }
}

/// The depthwise kernel with pair taps where the window allows (3x3, no
/// dilation across, stride 1 or 2), the widened one elsewhere.
template <class V>
void depthwiseWithPairs(const DepthwiseWeights &w, const uint8_t *in,
                        uint8_t *out, int64_t rowBegin, int64_t rowEnd,
                        uint8_t *scratch) {
  const qcc_rt_window &win = w.window;
  if (win.kernel_h != 3 || win.kernel_w != 3 || win.dilation_w != 1 ||
      (win.stride_w != 1 && win.stride_w != 2))
    return depthwise<V>(w, in, out, rowBegin, rowEnd, scratch);
  auto *ring = reinterpret_cast<typename V::I *>(scratch);
  withRuleAndForm<V::kFoldedForms, V::kHighHalves>(
      w.epilogue, [&](auto rule, auto left, auto form) {
        constexpr int R = decltype(rule)::value;
        constexpr bool L = decltype(left)::value;
        constexpr int F = decltype(form)::value;
        auto withStride = [&](auto stride) {
          constexpr int S = decltype(stride)::value;
          w.inputSigned
              ? depthwisePairRows<V, S, R, L, F, true>(w, in, out, rowBegin,
                                                       rowEnd, ring)
              : depthwisePairRows<V, S, R, L, F, false>(w, in, out, rowBegin,
                                                        rowEnd, ring);
        };
        win.stride_w == 1 ? withStride(std::integral_constant<int, 1>())
                          : withStride(std::integral_constant<int, 2>());
      });
}

} // namespace
} // namespace qcc::rt::family

#endif // QCC_RUNTIME_OPS_DEPTHWISEPAIRSFAMILY_H
