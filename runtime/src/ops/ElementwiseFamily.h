// The vector algorithms of ops/Elementwise.h, written once over a vector
// traits class V (V512 and V256 on x86, V128 on ARM, defined by the including
// translation unit after its target pragma). Full vectors take the vector path;
// the last partial vector of a range takes the scalar rules of Requantize.h, so
// every bit is the reference's.
#ifndef QCC_RUNTIME_OPS_ELEMENTWISEFAMILY_H
#define QCC_RUNTIME_OPS_ELEMENTWISEFAMILY_H

#include "ops/Elementwise.h"
#include "reference/Storage.h"

namespace qcc::rt::family {
namespace {

template <typename V, int Rule, bool LeftShift>
void addRange(const AddParams &p, const uint8_t *a, const uint8_t *b,
              uint8_t *out, int64_t begin, int64_t end) {
  const qcc_rt_add_desc &d = *p.desc;
  const bool sgn = d.type == QCC_RT_I8;
  int64_t i = begin;
  if constexpr (Rule == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    const auto rA = V::set1f(d.a_rescale.scale[0]),
               rB = V::set1f(d.b_rescale.scale[0]), fixed = V::set1f(p.fixed);
    const auto lo = V::set1f(float(d.output.clamp_min)),
               hi = V::set1f(float(d.output.clamp_max));
    for (; i + V::kLanes <= end; i += V::kLanes) {
      const auto x = V::toFloat(V::widen(a + i, sgn));
      const auto y = V::toFloat(V::widen(b + i, sgn));
      auto v = V::addf(V::addf(fixed, V::mulf(x, rA)), V::mulf(y, rB));
      v = V::minf(V::maxf(v, lo), hi);
      V::narrowStore(out + i, V::roundToInt(v));
    }
  } else {
    const auto pa = V::params(p.a, 0), pb = V::params(p.b, 0),
               po = V::params(p.out, 0);
    const auto zpA = V::set1(d.a_zero_point), zpB = V::set1(d.b_zero_point);
    const int shift = d.left_shift;
    for (; i + V::kLanes <= end; i += V::kLanes) {
      const auto x = V::shiftLeft(V::sub(V::widen(a + i, sgn), zpA), shift);
      const auto y = V::shiftLeft(V::sub(V::widen(b + i, sgn), zpB), shift);
      const auto sa = V::template requant<Rule, LeftShift>(p.a, pa, x);
      const auto sb = V::template requant<Rule, LeftShift>(p.b, pb, y);
      V::narrowStore(out + i, V::template requant<Rule, LeftShift>(
                                  p.out, po, V::saturatingAdd(sa, sb)));
    }
  }
  if (i < end)
    addReference(
        [&] {
          qcc_rt_add_desc tail = d;
          tail.count = end - i;
          return tail;
        }(),
        a + i, b + i, out + i);
}

/// out[i] = p.table[a[i] * 256 + b[i]], the bytes' patterns as indices.
template <typename V>
void addByTable(const AddParams &p, const void *a, const void *b, void *out,
                int64_t begin, int64_t end) {
  auto *x = static_cast<const uint8_t *>(a);
  auto *y = static_cast<const uint8_t *>(b);
  auto *o = static_cast<uint8_t *>(out);
  const uint8_t *table = p.table;
  // The layers between two adds evict the table. Its lines are asked for
  // all at once here, so that they come in parallel, rather than one
  // gather's miss at a time (ResNet-18's adds on 25 to 200 thousand
  // elements, AMD EPYC: 8-10 us less each, 30 -> 21 us on the smallest).
  for (int64_t line = 0; line < 65536; line += 64)
    __builtin_prefetch(table + line, 0, 3);
  int64_t i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes) {
    const auto index =
        V::add(V::shiftLeft(V::widen(x + i, false), 8), V::widen(y + i, false));
    V::narrowStore(o + i, V::lookupBytes(table, index));
  }
  for (; i < end; ++i)
    o[i] = table[x[i] * 256 + y[i]];
}

/// See ElementwiseKernels::addByAffine. The values are those of the bytes'
/// type; the table takes the bytes' patterns as indices.
template <typename V>
int64_t addByAffine(const AddParams &p, const void *a, const void *b, void *out,
                    int64_t begin, int64_t end) {
  const qcc_rt_add_desc &d = *p.desc;
  auto *x = static_cast<const uint8_t *>(a);
  auto *y = static_cast<const uint8_t *>(b);
  auto *o = static_cast<uint8_t *>(out);
  const bool sgn = d.type == QCC_RT_I8;
  const uint8_t *table = p.table;
  const auto rA = V::set1f(p.affineA), rB = V::set1f(p.affineB),
             fixed = V::set1f(p.affineFixed);
  const auto lo = V::set1f(float(d.output.clamp_min)),
             hi = V::set1f(float(d.output.clamp_max));
  const auto nearHalf = V::set1f(0.5f - kAffineMargin);
  int64_t looked = 0, i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes) {
    const auto fx = V::toFloat(V::widen(x + i, sgn));
    const auto fy = V::toFloat(V::widen(y + i, sgn));
    auto v = V::fmaf(fx, rA, V::fmaf(fy, rB, fixed));
    // The clamp first: its bounds are integers, and a clamped lane is no
    // longer near a half.
    v = V::minf(V::maxf(v, lo), hi);
    const auto rounded = V::roundToInt(v);
    V::narrowStore(o + i, rounded);
    for (unsigned near = V::lanesNearHalf(v, rounded, nearHalf); near;
         near &= near - 1) {
      const int64_t j = i + __builtin_ctz(near);
      o[j] = table[x[j] * 256 + y[j]];
      ++looked;
    }
  }
  for (; i < end; ++i)
    o[i] = table[x[i] * 256 + y[i]];
  return looked;
}

template <typename V>
void add(const AddParams &p, const void *a, const void *b, void *out,
         int64_t begin, int64_t end) {
  auto *x = static_cast<const uint8_t *>(a);
  auto *y = static_cast<const uint8_t *>(b);
  auto *o = static_cast<uint8_t *>(out);
  // One variant for all three rescalings: a multiplier of 1 or more in
  // any of them is rare, and the variant that handles it is slower.
  const bool left = p.a.anyLeftShift || p.b.anyLeftShift || p.out.anyLeftShift;
  switch (p.desc->output.rounding) {
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return addRange<V, QCC_RT_ROUND_FLOAT_HALF_EVEN, false>(p, x, y, o, begin,
                                                            end);
  case QCC_RT_ROUND_SINGLE:
    return left ? addRange<V, QCC_RT_ROUND_SINGLE, true>(p, x, y, o, begin, end)
                : addRange<V, QCC_RT_ROUND_SINGLE, false>(p, x, y, o, begin,
                                                          end);
  default:
    return left ? addRange<V, QCC_RT_ROUND_DOUBLE, true>(p, x, y, o, begin, end)
                : addRange<V, QCC_RT_ROUND_DOUBLE, false>(p, x, y, o, begin,
                                                          end);
  }
}

template <typename V, int Rule, bool LeftShift>
void requantizeRange(const RequantizeParams &p, const uint8_t *in, uint8_t *out,
                     int64_t begin, int64_t end) {
  const qcc_rt_requantize_desc &d = *p.desc;
  const bool sgn = d.input_type == QCC_RT_I8;
  const auto params = V::params(p.rule, 0);
  const auto zp = V::set1(d.input_zero_point);
  int64_t i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes)
    V::narrowStore(out + i,
                   V::template requant<Rule, LeftShift>(
                       p.rule, params, V::sub(V::widen(in + i, sgn), zp)));
  for (; i < end; ++i)
    storeInt(
        out, d.output_type, i,
        requantizeChannel(d.requant, 0,
                          loadInt(in, d.input_type, i) - d.input_zero_point));
}

template <typename V>
void requantize(const RequantizeParams &p, const void *in, void *out,
                int64_t begin, int64_t end) {
  auto *x = static_cast<const uint8_t *>(in);
  auto *o = static_cast<uint8_t *>(out);
  switch (p.rule.rounding) {
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return requantizeRange<V, QCC_RT_ROUND_FLOAT_HALF_EVEN, false>(p, x, o,
                                                                   begin, end);
  case QCC_RT_ROUND_SINGLE:
    return p.rule.anyLeftShift
               ? requantizeRange<V, QCC_RT_ROUND_SINGLE, true>(p, x, o, begin,
                                                               end)
               : requantizeRange<V, QCC_RT_ROUND_SINGLE, false>(p, x, o, begin,
                                                                end);
  default:
    return p.rule.anyLeftShift
               ? requantizeRange<V, QCC_RT_ROUND_DOUBLE, true>(p, x, o, begin,
                                                               end)
               : requantizeRange<V, QCC_RT_ROUND_DOUBLE, false>(p, x, o, begin,
                                                                end);
  }
}

/// f(pixel) for each tap of output pixel (b, oy, ox) that falls inside the
/// input; pixel: its index in the NHWC input, in pixels.
template <typename F>
inline void forEachInsideTap(const qcc_rt_window &w, int64_t b, int64_t oy,
                             int64_t ox, F &&f) {
  for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
    const int64_t iy = oy * w.stride_h + ky * w.dilation_h - w.pad_top;
    if (iy < 0 || iy >= w.in_h)
      continue;
    for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
      const int64_t ix = ox * w.stride_w + kx * w.dilation_w - w.pad_left;
      if (ix >= 0 && ix < w.in_w)
        f((b * w.in_h + iy) * w.in_w + ix);
    }
  }
}

/// The maximum of `kw` whole vectors `c` bytes apart: 3 (the usual pooling
/// window) as a tree of two maxima, any other width in a loop.
template <typename V>
inline auto maxOfRow(const uint8_t *p, int64_t kw, int64_t c, bool sgn) {
  if (kw == 3)
    return V::maxBytes(V::maxBytes(V::loadBytes(p, V::kBytes),
                                   V::loadBytes(p + c, V::kBytes), sgn),
                       V::loadBytes(p + 2 * c, V::kBytes), sgn);
  auto best = V::loadBytes(p, V::kBytes);
  for (int64_t kx = 1; kx < kw; ++kx)
    best = V::maxBytes(best, V::loadBytes(p + kx * c, V::kBytes), sgn);
  return best;
}

/// Max pooling of output pixels [begin, end), channels in vectors of bytes.
template <typename V>
void maxPool(const PoolParams &p, const void *in, void *out, int64_t begin,
             int64_t end) {
  const qcc_rt_pool2d_desc &d = *p.desc;
  // A copy: the byte stores may alias the descriptor, whose fields would
  // otherwise be reloaded after every store (3x3 on 112x112x64: 70 us).
  const qcc_rt_window w = d.window;
  const bool sgn = d.type == QCC_RT_I8;
  const auto *x = static_cast<const uint8_t *>(in);
  auto *o = static_cast<uint8_t *>(out);
  const int64_t c = w.channels, outW = w.out_w, pixels = w.out_h * outW;
  const int64_t kh = w.kernel_h, kw = w.kernel_w, inH = w.in_h, inW = w.in_w;
  // Windows inside the image, of whole vectors of channels: without the
  // tests of each tap, a row of taps at a time.
  const bool plain =
      w.dilation_h == 1 && w.dilation_w == 1 && c % V::kBytes == 0;
  // The pixel's coordinates, advanced rather than divided out each time.
  int64_t b = begin / pixels, oy = begin % pixels / outW, ox = begin % outW;
  for (int64_t pix = begin; pix < end; ++pix) {
    uint8_t *dst = o + pix * c;
    const int64_t iy0 = oy * w.stride_h - w.pad_top,
                  ix0 = ox * w.stride_w - w.pad_left;
    if (plain && iy0 >= 0 && iy0 + kh <= inH && ix0 >= 0 && ix0 + kw <= inW) {
      const uint8_t *window = x + ((b * inH + iy0) * inW + ix0) * c;
      for (int64_t c0 = 0; c0 < c; c0 += V::kBytes) {
        auto best = V::minBytes(sgn);
        for (int64_t ky = 0; ky < kh; ++ky)
          best = V::maxBytes(
              best, maxOfRow<V>(window + ky * inW * c + c0, kw, c, sgn), sgn);
        V::storeBytes(dst + c0, best, V::kBytes);
      }
    } else {
      for (int64_t c0 = 0; c0 < c; c0 += V::kBytes) {
        const int n = int(c - c0 < V::kBytes ? c - c0 : V::kBytes);
        auto best = V::minBytes(sgn);
        forEachInsideTap(w, b, oy, ox, [&](int64_t px) {
          best = V::maxBytes(best, V::loadBytes(x + px * c + c0, n), sgn);
        });
        V::storeBytes(dst + c0, best, n);
      }
    }
    if (++ox == outW) {
      ox = 0;
      if (++oy == w.out_h) {
        oy = 0;
        ++b;
      }
    }
  }
}

/// Average pooling of output pixels [begin, end): the window sums of
/// (x - zp), then the rule of the pixel's divisor.
template <typename V, int Rule, bool LeftShift>
void avgPoolAs(const PoolParams &p, const void *in, void *out, int64_t begin,
               int64_t end) {
  const qcc_rt_pool2d_desc &d = *p.desc;
  const qcc_rt_window &w = d.window;
  const bool sgn = d.type == QCC_RT_I8;
  const auto *x = static_cast<const uint8_t *>(in);
  auto *o = static_cast<uint8_t *>(out);
  const int64_t c = w.channels, pixels = w.out_h * w.out_w;
  const auto zp = V::set1(d.input_zero_point);
  for (int64_t pix = begin; pix < end; ++pix) {
    const int64_t b = pix / pixels, oy = (pix % pixels) / w.out_w,
                  ox = pix % w.out_w;
    // The divisor, as the reference counts it.
    int64_t count = 0, inside = 0;
    for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
      const int64_t iy = oy * w.stride_h + ky * w.dilation_h - w.pad_top;
      for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
        const int64_t ix = ox * w.stride_w + kx * w.dilation_w - w.pad_left;
        const bool isInside = iy >= 0 && iy < w.in_h && ix >= 0 && ix < w.in_w;
        const bool padded =
            iy < w.in_h + w.pad_bottom && ix < w.in_w + w.pad_right;
        inside += isInside;
        count += isInside || (d.count_include_pad && padded);
      }
    }
    const Epilogue &rule =
        p.divisors.size() > 1 ? p.divisors[size_t(count - 1)] : p.divisors[0];
    const auto params = V::params(rule, 0);
    const auto insideZp = V::mullo(zp, V::set1(int32_t(inside)));
    uint8_t *dst = o + pix * c;
    int64_t c0 = 0;
    for (; c0 + V::kLanes <= c; c0 += V::kLanes) {
      auto sum = V::set1(0);
      forEachInsideTap(w, b, oy, ox, [&](int64_t px) {
        sum = V::add(sum, V::widen(x + px * c + c0, sgn));
      });
      V::narrowStore(dst + c0, V::template requant<Rule, LeftShift>(
                                   rule, params, V::sub(sum, insideZp)));
    }
    for (; c0 < c; ++c0) { // the last channels one at a time
      int64_t sum = 0;
      forEachInsideTap(w, b, oy, ox, [&](int64_t px) {
        sum += loadInt(x, d.type, px * c + c0) - d.input_zero_point;
      });
      storeInt(dst, d.type, c0,
               requantizeChannel(d.requant, count - 1, int32_t(sum)));
    }
  }
}

template <typename V>
void avgPool(const PoolParams &p, const void *in, void *out, int64_t begin,
             int64_t end) {
  const Epilogue &e = p.divisors[0];
  bool left = false;
  for (const Epilogue &d : p.divisors)
    left |= d.anyLeftShift;
  switch (e.rounding) {
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return avgPoolAs<V, QCC_RT_ROUND_FLOAT_HALF_EVEN, false>(p, in, out, begin,
                                                             end);
  case QCC_RT_ROUND_SINGLE:
    return left
               ? avgPoolAs<V, QCC_RT_ROUND_SINGLE, true>(p, in, out, begin, end)
               : avgPoolAs<V, QCC_RT_ROUND_SINGLE, false>(p, in, out, begin,
                                                          end);
  default:
    return left
               ? avgPoolAs<V, QCC_RT_ROUND_DOUBLE, true>(p, in, out, begin, end)
               : avgPoolAs<V, QCC_RT_ROUND_DOUBLE, false>(p, in, out, begin,
                                                          end);
  }
}

/// Whether quotientByReciprocal gives x / scale for this scale.
inline bool reciprocalQuotientExact(float scale) {
  return scale >= 0x1p-100f && scale <= 0x1p100f;
}

/// x / s rounded to nearest, as a division gives it, without one: r = 1 / s
/// rounded to nearest, q = x r is within an ulp of x / s, the remainder x -
/// q s is then exact in a fused multiply-add, and q + (x - q s) r rounds to
/// x / s (Markstein's theorem, radix 2, without overflow or underflow;
/// reciprocalQuotientExact keeps s and r far from both). x not NaN. q is
/// first kept within +-2^30 so that no step overflows: beyond that, only
/// the quotient's side counts, which it keeps. For the paths whose division
/// bounds the quantization (V::kReciprocalQuotient, with V::fmaf and
/// V::fnmaf): AVX-512, 3x224x224 in L2 27.6 -> 19.5 us. (AVX2 went from
/// 29.4 to 34.7 us with it.)
template <typename V>
typename V::F quotientByReciprocal(typename V::F x, typename V::F s,
                                   typename V::F r) {
  const auto limit = V::set1f(0x1p30f);
  const auto q = V::minf(V::maxf(V::mulf(x, r), V::set1f(-0x1p30f)), limit);
  return V::fmaf(V::fnmaf(q, s, x), r, q);
}

template <typename V>
void quantize(const qcc_rt_quant_desc &d, const float *in, void *out,
              int64_t begin, int64_t end) {
  auto *o = static_cast<uint8_t *>(out);
  const float scale = d.scale[0];
  const int32_t zp = d.zero_point[0];
  const auto s = V::set1f(scale);
  // Clamping before rounding matches the reference's clamp after it: the
  // bounds are integers.
  const auto lo = V::set1f(float(d.qmin - zp)),
             hi = V::set1f(float(d.qmax - zp));
  const auto z = V::set1(zp);
  int64_t i = begin;
  auto vectors = [&](auto quotient) {
    for (; i + V::kLanes <= end; i += V::kLanes) {
      auto v = quotient(V::loadf(in + i));
      v = V::minf(V::maxf(v, lo), hi);
      V::narrowStore(o + i, V::add(V::roundToInt(v), z));
    }
  };
  bool divide = true;
  if constexpr (V::kReciprocalQuotient) {
    if (reciprocalQuotientExact(scale)) {
      const auto r = V::set1f(1.0f / scale);
      // A NaN input quantizes as 0 does (the reference's NaN quotient).
      vectors(
          [&](auto x) { return quotientByReciprocal<V>(V::zeroNaN(x), s, r); });
      divide = false;
    }
  }
  if (divide)
    vectors([&](auto x) { return V::zeroNaN(V::divf(x, s)); });
  for (; i < end; ++i)
    storeInt(o, d.type, i, quantizeValue(in[i], scale, zp, d.qmin, d.qmax));
}

template <typename V>
void dequantize(const qcc_rt_quant_desc &d, const void *in, float *out,
                int64_t begin, int64_t end) {
  const auto *x = static_cast<const uint8_t *>(in);
  const bool sgn = d.type == QCC_RT_I8;
  const float scale = d.scale[0];
  const int32_t zp = d.zero_point[0];
  const auto s = V::set1f(scale);
  const auto z = V::set1(zp);
  int64_t i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes)
    V::storef(out + i, V::mulf(V::toFloat(V::sub(V::widen(x + i, sgn), z)), s));
  for (; i < end; ++i)
    out[i] = dequantizeValue(loadInt(x, d.type, i), scale, zp);
}

/// Plain loops, which GCC vectorizes under each path's target (three
/// colour planes of 224x224: 40 -> 11 us on AVX-512, copied byte by byte
/// before).
template <int R, int B>
void interleaveAs(const uint8_t *__restrict in, uint8_t *__restrict out,
                  int64_t cols, int64_t begin, int64_t end) {
  for (int64_t c = begin; c < end; ++c)
    for (int r = 0; r < R; ++r)
      for (int b = 0; b < B; ++b)
        out[(c * R + r) * B + b] = in[(r * cols + c) * B + b];
}

inline void interleaveRows(const uint8_t *in, uint8_t *out, int rows, int bytes,
                           int64_t cols, int64_t begin, int64_t end) {
  switch (rows * 8 + bytes) {
  case 2 * 8 + 1:
    return interleaveAs<2, 1>(in, out, cols, begin, end);
  case 3 * 8 + 1:
    return interleaveAs<3, 1>(in, out, cols, begin, end);
  case 4 * 8 + 1:
    return interleaveAs<4, 1>(in, out, cols, begin, end);
  case 2 * 8 + 4:
    return interleaveAs<2, 4>(in, out, cols, begin, end);
  case 3 * 8 + 4:
    return interleaveAs<3, 4>(in, out, cols, begin, end);
  default:
    return interleaveAs<4, 4>(in, out, cols, begin, end);
  }
}

template <typename V> const ElementwiseKernels *table() {
  static const ElementwiseKernels kernels{
      V::kLanes,  add<V>,     addByTable<V>, addByAffine<V>, requantize<V>,
      maxPool<V>, avgPool<V>, quantize<V>,   dequantize<V>,  interleaveRows};
  return &kernels;
}

} // namespace
} // namespace qcc::rt::family

#endif // QCC_RUNTIME_OPS_ELEMENTWISEFAMILY_H
