// The byte-tap depthwise kernel (ops/Depthwise.h) on any vector width,
// given a traits class V: V::kLanes channels per vector of type V::I;
// V::widen<Signed> / V::widenFull<Signed> (the input bytes of `n` channels
// of one pixel, one per 32-bit lane, offset by 128 where the input's type
// is not the one V::dotBytes takes), V::slide (a quad's lanes shifted down
// a byte, the pixel's byte in at the top), V::dotBytes (acc + four
// products of input and int8 weight bytes per lane), V::store, the
// epilogue's traits (V::load, V::set1, V::params, V::requantStore,
// V::kFoldedForms, and V::requantStorePixels where they are true);
// V::kPixels output pixels run together; V::kGroupBytes of each input
// pixel's channels are made into quads together; V::kPairedPixels: pixels
// go in pairs where they can, with V::tapsUp (a quad's weights moved up a
// byte); V::kWideBlocks: where more than 1, the most blocks (and then 2)
// whose every second quad is made from whole pixels at once (quadRowsWide:
// V::fillBytes, V::wideBytes, V::pairUp, V::quadsLow, V::quadsHigh).
//
// Per channel block, each input row the windows need is turned once into
// quads: quad p holds, in the lane of each channel, the bytes of padded
// input pixels p..p+3 (padding as zx), so taps 4g..4g+3 across of output
// pixel ox are quad ox * stride + 4g. A ring holds the quad rows of one
// output row's window, so with stride 1 each output row makes one new quad
// row, and the multiply-adds read one vector per tap row and group, without
// bounds. Included by one translation unit per path, after its target
// pragma.
#ifndef QCC_RUNTIME_OPS_DEPTHWISEBYTESFAMILY_H
#define QCC_RUNTIME_OPS_DEPTHWISEBYTESFAMILY_H

#include "ops/Depthwise.h"
#include "reference/Storage.h"

#include <type_traits>

namespace qcc::rt::family {
namespace {

/// The scalars of one byte-tap depthwise convolution, copied: the kernel
/// stores through byte pointers, which could alias the weights' fields.
struct ByteTapShape {
  qcc_rt_window win;
  int64_t c, cp;     ///< channels, padded channels
  int64_t groups;    ///< tap groups across
  int64_t quads;     ///< quads of a ring row: one per input pixel position
  int64_t ringRows;  ///< rows of the ring
  int32_t zeroPoint; ///< zx, as the kernel's input bytes hold it
};

inline ByteTapShape byteTapShape(const DepthwiseWeights &w) {
  const qcc_rt_window &win = w.window;
  return {win,
          w.channels,
          w.channelsPadded,
          w.tapGroups,
          (win.out_w - 1) * win.stride_w + 4 * (w.tapGroups - 1) + 1,
          RowRing::rowsOf(win),
          w.inputZeroPoint};
}

/// The pixels of a quad row: quads + 3 of the padded row, of which
/// [left, right) lie in the image.
struct QuadRowPixels {
  int64_t pixels, left, right;
};

inline QuadRowPixels quadRowPixels(const ByteTapShape &s) {
  const int64_t pixels = s.quads + 3, padLeft = s.win.pad_left;
  const int64_t right = padLeft + s.win.in_w;
  return {pixels, padLeft < pixels ? padLeft : pixels,
          right < pixels ? right : pixels};
}

/// Makes the quads of input row `iy` of one channel block (`image`: the
/// batch element's image at the block's first channel) in `dst`: quad p
/// holds pixels p..p+3 of the padded row, each made from the one before
/// by sliding the next pixel in, in registers. Step > 1: only the quads
/// at multiples of it are read (stride 2, or 4, with any tap group) and
/// stored, quad p at dst + p / Step.
template <class V, int Step, bool Signed>
void quadRow(const ByteTapShape &s, const uint8_t *image, int64_t iy, int n,
             typename V::I *dst) {
  using I = typename V::I;
  // Locals: the quads are stored through vector pointers, which may alias
  // anything, so a field read in a loop would be reloaded after each store.
  const int64_t c = s.c, quads = s.quads, inW = s.win.in_w;
  const int32_t zeroPoint = s.zeroPoint;
  const I fill = V::set1(zeroPoint);
  if (iy < 0 || iy >= s.win.in_h) {
    const I quad = V::set1(int32_t((uint32_t(zeroPoint) & 0xff) * 0x01010101u));
    for (int64_t q = 0; q < (quads + Step - 1) / Step; ++q)
      V::store(dst + q, quad);
    return;
  }
  const auto [pixels, left, right] = quadRowPixels(s);
  // Pixel px completes quad px - 3, which is stored if Step divides it.
  I quad = fill;
  auto slide = [&](int64_t px, I pixel) {
    quad = V::slide(quad, pixel);
    if (px >= 3 && (px - 3) % Step == 0)
      V::store(dst + (px - 3) / Step, quad);
  };
  int64_t px = 0;
  for (; px < left; ++px)
    slide(px, fill);
  // The pixels in the image, when the row reaches it (src: the first).
  if (left < right) {
    const uint8_t *src = image + iy * inW * c;
    if (n == V::kLanes) {
      for (; px < right && (px < 3 || (px - 3) % Step != 0); ++px, src += c)
        slide(px, V::template widenFull<Signed>(src));
      // Step pixels at a time, the first completing a quad that is stored:
      // no test per pixel (96x112x112 at stride 2: 101-106 -> 90-95 us).
      // Two chains of slides, the second from the middle of the row, were no
      // faster on AVX-512 (6 % on AVX-VNNI at stride 2): the slides' latency
      // is not what holds it up.
      for (int64_t out = (px - 3) / Step; px + Step <= right;
           px += Step, src += Step * c, ++out) {
        quad = V::slide(quad, V::template widenFull<Signed>(src));
        V::store(dst + out, quad);
        for (int u = 1; u < Step; ++u)
          quad = V::slide(quad, V::template widenFull<Signed>(src + u * c));
      }
      for (; px < right; ++px, src += c)
        slide(px, V::template widenFull<Signed>(src));
    } else {
      for (; px < right; ++px, src += c)
        slide(px, V::template widen<Signed>(src, n));
    }
  }
  for (; px < pixels; ++px)
    slide(px, fill);
}

/// Quad row `iy` (in the image) at Step 2 of Blocks blocks at once (2 up to
/// V::kWideBlocks, even), on paths that make them from whole pixels
/// (V::kWideBlocks > 1): block j at dst + j * ringSize. The bytes of two
/// pixels are interleaved into pairs (V::pairUp); the pairs of pixels
/// (p, p + 1) and (p + 2, p + 3) into the quads of p (V::quadsLow,
/// V::quadsHigh), in the channels' order. One load per pixel for all the
/// blocks, where quadRow widens and slides each block's bytes of every
/// pixel.
template <class V, int Blocks, bool Signed>
void quadRowsWide(const ByteTapShape &s, const uint8_t *image, int64_t iy,
                  typename V::I *dst, int64_t ringSize) {
  using I = typename V::I;
  constexpr int kHalves = Blocks / 2;
  const int64_t c = s.c, quads = s.quads, padLeft = s.win.pad_left;
  const auto [pixels, left, right] = quadRowPixels(s);
  const uint8_t *row = image + iy * s.win.in_w * c;
  const I fill = V::fillBytes(s.zeroPoint);
  auto pixel = [&](int64_t px) {
    return px >= left && px < right
               ? V::template wideBytes<Signed, Blocks>(row + (px - padLeft) * c)
               : fill;
  };
  I low[kHalves];
  for (int h = 0; h < kHalves; ++h)
    low[h] = V::pairUp(pixel(0), pixel(1), h);
  // Quad q from the pairs of q and of q + 2, whose pixels are a and b.
  int64_t q = 0;
  auto quadsOf = [&](I a, I b) {
    for (int h = 0; h < kHalves; ++h) {
      const I high = V::pairUp(a, b, h);
      V::store(dst + 2 * h * ringSize, V::quadsLow(low[h], high));
      V::store(dst + (2 * h + 1) * ringSize, V::quadsHigh(low[h], high));
      low[h] = high;
    }
    q += 2;
    ++dst;
  };
  while (q < quads && q + 2 < left)
    quadsOf(pixel(q + 2), pixel(q + 3));
  // Inside the image: no test per pixel.
  while (q < quads && q + 3 < right) {
    const uint8_t *src = row + (q + 2 - padLeft) * c;
    quadsOf(V::template wideBytes<Signed, Blocks>(src),
            V::template wideBytes<Signed, Blocks>(src + c));
  }
  while (q < quads)
    quadsOf(pixel(q + 2), pixel(q + 3));
}

/// Channel blocks that share the quad rows' input lines: a group spans
/// V::kGroupBytes of each input pixel (at most kMaxByteTapGroupBytes, for
/// which depthwiseScratchBytes makes room), which are then read from memory
/// once (64 bytes: 5-10 % faster on 256 channels than block by block).
template <class V>
constexpr int64_t kByteTapBlocks = V::kGroupBytes / V::kLanes;

/// KH, G, S > 0: that many tap rows and groups (the weights in registers),
/// that stride; 0: any, from `s`. Pairs (stride 1, at most 3 taps across):
/// only the even quads are made, and pixel x takes quad x - x % 2, whose
/// bytes x .. x + 2 an odd pixel meets with the weights moved up a byte
/// (V::tapsUp): half the quads' stores.
template <class V, int KH, int G, int S, bool Pairs, int Rule, bool LeftShift,
          int Out, bool Signed>
void depthwiseByteRows(const DepthwiseWeights &w, const uint8_t *input,
                       uint8_t *output, int64_t rowBegin, int64_t rowEnd,
                       uint8_t *scratch) {
  using I = typename V::I;
  const ByteTapShape s = byteTapShape(w);
  const qcc_rt_window &win = s.win;
  const Epilogue &e = w.epilogue;
  constexpr int64_t outBytes = Out == kInt32 ? 4 : 1;
  constexpr bool kFolded = Out == kFoldedU8 || Out == kFoldedS8;
  const bool clampIsStorage = e.clampMin == storageMin(e.outputType);
  const int64_t kh = KH > 0 ? KH : win.kernel_h;
  const int64_t groups = G > 0 ? G : s.groups;
  const int64_t stride = S > 0 ? S : win.stride_w;
  // Scratch (depthwiseScratchBytes): a ring per block of a group, which
  // input row each ring row holds, and the ring row of each tap row.
  auto *rings = reinterpret_cast<I *>(scratch);
  // At stride 2 a ring row holds only the quads read, the even ones: half
  // the ring, which then stays in L1 (96x112x112: 88-97 -> 86-90 us).
  static_assert(!Pairs || (S == 1 && KH > 0 && G == 1), "pairs: 3 taps");
  static_assert(V::kGroupBytes <= kMaxByteTapGroupBytes,
                "depthwiseScratchBytes makes room for the group");
  constexpr int64_t kStep = S == 2 || Pairs ? 2 : 1;
  const int64_t ringQuads = (s.quads + kStep - 1) / kStep;
  const int64_t ringSize = s.ringRows * ringQuads;
  auto *held =
      reinterpret_cast<int64_t *>(rings + kByteTapBlocks<V> * ringSize);
  RowRing window(win, held);
  auto *rows = reinterpret_cast<int64_t *>(held + s.ringRows);
  constexpr int64_t kGroupChannels = kByteTapBlocks<V> * V::kLanes;
  for (int64_t cg = 0; cg < s.c; cg += kGroupChannels) {
    const int64_t groupEnd =
        s.c - cg < kGroupChannels ? s.c : cg + kGroupChannels;
    window.clear();
    for (int64_t row = rowBegin; row < rowEnd; ++row) {
      const int64_t b = row / win.out_h, oy = row % win.out_h;
      if (oy == 0 && row != rowBegin)
        window.clear(); // a new image
      const uint8_t *image = input + b * win.in_h * win.in_w * s.c;
      const int64_t y0 = oy * win.stride_h - win.pad_top;
      for (int64_t ky = 0; ky < kh; ++ky) {
        const int64_t iy = y0 + ky * win.dilation_h;
        bool fill;
        const int64_t k = window.slot(iy, fill);
        if (fill) {
          I *ring = rings + k * ringQuads;
          int64_t cb = cg;
          auto wide = [&](auto blocks) {
            constexpr int B = decltype(blocks)::value;
            for (; cb + B * V::kLanes <= groupEnd;
                 cb += B * V::kLanes, ring += B * ringSize)
              quadRowsWide<V, B, Signed>(s, image + cb, iy, ring, ringSize);
          };
          if constexpr (V::kWideBlocks > 1 && kStep == 2)
            if (iy >= 0 && iy < win.in_h) {
              wide(std::integral_constant<int, V::kWideBlocks>());
              if constexpr (V::kWideBlocks > 2)
                wide(std::integral_constant<int, 2>());
            }
          for (; cb < groupEnd; cb += V::kLanes, ring += ringSize)
            quadRow<V, kStep, Signed>(
                s, image + cb, iy,
                s.c - cb >= V::kLanes ? V::kLanes : int(s.c - cb), ring);
        }
        rows[ky] = k * ringQuads;
      }
      const I *ring = rings;
      for (int64_t cb = cg; cb < groupEnd; cb += V::kLanes, ring += ringSize) {
        const int n = s.c - cb >= V::kLanes ? V::kLanes : int(s.c - cb);
        const typename V::Params params = V::params(e, cb, kFolded);
        // Whole blocks whose clamp is the type's range store four pixels
        // by packing (V::requantStorePixels).
        const bool packed = n == V::kLanes && clampIsStorage;
        const I bias = V::load(w.biasAdj.get() + cb);
        const int32_t *wcb = w.weights.get() + cb;
        I wr[KH > 0 && G > 0 ? KH * G : 1], up[Pairs ? KH : 1];
        if constexpr (KH > 0 && G > 0)
          for (int t = 0; t < KH * G; ++t)
            wr[t] = V::load(wcb + t * s.cp);
        if constexpr (Pairs)
          for (int t = 0; t < KH; ++t)
            up[t] = V::tapsUp(wr[t]);
        uint8_t *out = output + (row * win.out_w * s.c + cb) * outBytes;
        int64_t ox = 0;
        auto pixels = [&](auto count) {
          constexpr int U = decltype(count)::value;
          for (; ox + U <= win.out_w; ox += U) {
            I acc[U];
            for (int u = 0; u < U; ++u)
              acc[u] = bias;
            for (int64_t ky = 0; ky < kh; ++ky)
              for (int64_t g = 0; g < groups; ++g) {
                const I wt = KH > 0 && G > 0
                                 ? wr[ky * groups + g]
                                 : V::load(wcb + (ky * groups + g) * s.cp);
                const I *q = ring + rows[ky] + (ox * stride + 4 * g) / kStep;
                if constexpr (Pairs) {
                  // ox is even where U > 1 (runs of 8 and 4 come first).
                  for (int u = 0; u < U; ++u) {
                    const bool odd = U > 1 ? u % 2 != 0 : ox % 2 != 0;
                    acc[u] = V::dotBytes(acc[u], V::load(q + u / 2),
                                         odd ? up[ky] : wt);
                  }
                } else {
                  for (int u = 0; u < U; ++u)
                    acc[u] = V::dotBytes(acc[u],
                                         V::load(q + u * stride / kStep), wt);
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
        pixels(std::integral_constant<int, V::kPixels>());
        if constexpr (V::kPixels > 4)
          pixels(std::integral_constant<int, 4>());
        pixels(std::integral_constant<int, 1>());
      }
    }
  }
}

template <class V, int Rule, bool LeftShift, int Out, bool Signed>
void depthwiseByteShapes(const DepthwiseWeights &w, const uint8_t *in,
                         uint8_t *out, int64_t b, int64_t e, uint8_t *scratch) {
  const qcc_rt_window &win = w.window;
  if constexpr (V::kPairedPixels)
    if (win.kernel_h == 3 && win.kernel_w <= 3 && win.stride_w == 1)
      return depthwiseByteRows<V, 3, 1, 1, true, Rule, LeftShift, Out, Signed>(
          w, in, out, b, e, scratch);
  if (win.kernel_h == 3 && w.tapGroups == 1 && win.stride_w == 1)
    return depthwiseByteRows<V, 3, 1, 1, false, Rule, LeftShift, Out, Signed>(
        w, in, out, b, e, scratch);
  if (win.kernel_h == 3 && w.tapGroups == 1 && win.stride_w == 2)
    return depthwiseByteRows<V, 3, 1, 2, false, Rule, LeftShift, Out, Signed>(
        w, in, out, b, e, scratch);
  depthwiseByteRows<V, 0, 0, 0, false, Rule, LeftShift, Out, Signed>(
      w, in, out, b, e, scratch);
}

template <class V>
void depthwiseBytes(const DepthwiseWeights &w, const uint8_t *in, uint8_t *out,
                    int64_t b, int64_t e, uint8_t *scratch) {
  withRuleAndForm<V::kFoldedForms, V::kHighHalves>(
      w.epilogue, [&](auto rule, auto left, auto form) {
        constexpr int R = decltype(rule)::value;
        constexpr bool L = decltype(left)::value;
        constexpr int F = decltype(form)::value;
        w.inputSigned
            ? depthwiseByteShapes<V, R, L, F, true>(w, in, out, b, e, scratch)
            : depthwiseByteShapes<V, R, L, F, false>(w, in, out, b, e, scratch);
      });
}

} // namespace
} // namespace qcc::rt::family

#endif // QCC_RUNTIME_OPS_DEPTHWISEBYTESFAMILY_H
