// The pooling kernels (integer NHWC, float NCHW; max and average) and
// qcc_rt_pool2d, bit-exact against pooling written out here from the
// definition in qcc_runtime.h, with the per-element arithmetic of
// Requantize.h: both 8-bit types, every rounding rule, one requantization
// per divisor or one for all, count_include_pad with and without padding
// and with windows running past the padding (ceil_mode), strides,
// dilations, asymmetric padding; exact ties, saturation at both clamps,
// zero points at the ends of their range, narrower clamps; and every
// complaint of the validator.
#include "KernelTestSupport.h"

#include "qcc/runtime/ReferenceKernels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

using namespace qcc::rt;
using namespace qcc::rt::test;

namespace {

/// Batch, image, channels; kernel, stride, dilation; padding top, left,
/// bottom, right; ceil_mode. The ceil_mode shapes have a last window that
/// runs past the explicit padding (or past the image without padding).
const std::vector<Geometry> &poolShapes() {
  static const std::vector<Geometry> shapes = {
      {"all_ones", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
      {"2x2_stride_2", 2, 4, 6, 3, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0},
      {"3x3_same", 1, 5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
      {"3x3_stride_2_ceil_past_padding", 1, 6, 6, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1,
       1, true},
      {"asymmetric_padding", 2, 5, 7, 1, 3, 2, 2, 1, 1, 1, 0, 1, 1, 0},
      {"bottom_right_padding_ceil", 1, 7, 5, 4, 2, 3, 2, 2, 1, 1, 0, 0, 1, 1,
       true},
      {"rectangular_ceil", 1, 7, 3, 5, 3, 1, 3, 1, 1, 1, 1, 0, 1, 0, true},
      {"dilated", 1, 9, 8, 2, 2, 3, 1, 2, 2, 2, 1, 1, 1, 1},
      {"global", 1, 3, 5, 2, 3, 5, 1, 1, 1, 1, 0, 0, 0, 0},
      {"ceil_past_the_image_without_padding", 1, 8, 10, 2, 2, 2, 3, 3, 1, 1, 0,
       0, 0, 0, true},
      // Padding at the bottom but not the right, and the reverse: the last
      // windows run past the image where there is no padding and past the
      // padding where there is.
      {"asymmetric_ceil", 1, 5, 6, 3, 3, 2, 2, 2, 1, 1, 0, 1, 1, 0, true},
      {"asymmetric_ceil_transposed", 2, 6, 5, 1, 2, 3, 2, 2, 1, 1, 1, 0, 0, 1,
       true},
      // Channels in whole vectors on every path (16, 32 or 64 bytes), whose
      // windows inside the image take max pooling's fast path: ResNet's
      // 3x3 stride 2, and a 2x4 window over a batch.
      {"3x3_stride_2_64_channels", 1, 9, 10, 64, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1},
      {"2x4_128_channels_batch", 2, 5, 7, 128, 2, 4, 1, 1, 1, 1, 0, 1, 1, 1},
  };
  return shapes;
}

/// The window of output (oy, ox) along one axis: how many of its positions
/// fall inside the image, and how many inside the image or its explicit
/// padding.
struct AxisCount {
  int64_t inside = 0, padded = 0;
};
AxisCount axisCount(int64_t o, int32_t k, int32_t s, int32_t d, int32_t p0,
                    int32_t p1, int64_t in) {
  AxisCount c;
  for (int32_t i = 0; i < k; ++i) {
    const int64_t at = o * s - p0 + int64_t(i) * d;
    c.inside += at >= 0 && at < in;
    c.padded += at >= -p0 && at < in + p1;
  }
  return c;
}

/// The divisor of an average: window positions inside the image, or with
/// count_include_pad inside the image and its explicit padding.
int64_t divisor(const Geometry &g, int64_t oy, int64_t ox, bool includePad) {
  const AxisCount r = axisCount(oy, g.kh, g.sh, g.dh, g.pt, g.pb, g.inH);
  const AxisCount c = axisCount(ox, g.kw, g.sw, g.dw, g.pl, g.pr, g.inW);
  return includePad ? r.padded * c.padded : r.inside * c.inside;
}

/// Calls f(y, x) for every window position of (oy, ox) inside the image.
template <typename F>
void forInside(const Geometry &g, int64_t oy, int64_t ox, F f) {
  for (int32_t ky = 0; ky < g.kh; ++ky)
    for (int32_t kx = 0; kx < g.kw; ++kx) {
      const int64_t y = oy * g.sh - g.pt + int64_t(ky) * g.dh;
      const int64_t x = ox * g.sw - g.pl + int64_t(kx) * g.dw;
      if (y >= 0 && y < g.inH && x >= 0 && x < g.inW)
        f(y, x);
    }
}

TEST(Pool2dKernel, EveryTestWindowSeesTheImage) {
  // The tests' shapes are what ONNX and PyTorch produce: no window lies
  // wholly in the padding.
  for (const Geometry &g : poolShapes())
    for (int64_t oy = 0; oy < g.outH(); ++oy)
      for (int64_t ox = 0; ox < g.outW(); ++ox)
        EXPECT_GT(divisor(g, oy, ox, false), 0)
            << g.name << " " << oy << "," << ox;
}

//===----------------------------------------------------------------------===//
// Integer average pooling
//===----------------------------------------------------------------------===//

struct AvgCase {
  int32_t type, rounding;
  bool perDivisor, includePad;
};

struct IntPool {
  Geometry g;
  AvgCase c;
  IntBuffer input;
  int32_t izp = 0;
  RequantSpec rq;
  qcc_rt_pool2d_desc desc{};

  int64_t outCount() const {
    return g.batch * g.outH() * g.outW() * g.channels;
  }

  IntPool(const Geometry &geometry, const AvgCase &ac, Mode mode, int variant,
          std::mt19937 &rng)
      : g(geometry), c(ac),
        input(ac.type, geometry.batch * geometry.inH * geometry.inW *
                           geometry.channels) {
    const int32_t lo = typeMin(c.type), hi = typeMax(c.type);
    const bool odd = variant % 2;
    izp = mode == Mode::Extreme ? (odd ? lo : hi) : randomInt(rng, lo, hi);
    for (int64_t i = 0; i < input.count(); ++i)
      input.set(i, mode == Mode::Random ? randomInt(rng, lo, hi)
                   : mode == Mode::Extreme
                       ? (randomInt(rng, 0, 1) ? hi : lo)
                       : clampInt32(izp + randomInt(rng, -4, 4), lo, hi));
    // s_in / s_out: random, large enough to saturate, or 1 (the usual
    // pooling that keeps its quantization), whose divisors 2, 4 and 8 give
    // exact halves.
    const double ratio = mode == Mode::Random    ? randomScale(rng, -2, 2)
                         : mode == Mode::Extreme ? randomScale(rng, 1, 3)
                                                 : 1.0;
    const int window = g.kh * g.kw;
    std::vector<double> reals;
    if (c.perDivisor)
      for (int d = 1; d <= window; ++d)
        reals.push_back(ratio / d);
    else
      reals.push_back(mode == Mode::Ties ? 0.25 : ratio / window);
    int32_t zp, cmin = lo, cmax = hi;
    if (mode == Mode::Extreme) {
      zp = odd ? hi : lo;
      cmin = lo + 3;
      cmax = hi - 5;
    } else if (mode == Mode::Ties) {
      zp = randomInt(rng, lo + 100, hi - 100);
    } else {
      zp = randomInt(rng, lo, hi);
      if (odd) {
        cmin = zp;
        cmax = hi - 2;
      }
    }
    rq = RequantSpec::make(c.rounding, reals, zp, cmin, cmax);

    desc.kind = QCC_RT_OP_AVG_POOL2D;
    desc.type = c.type;
    desc.window = g.window();
    desc.count_include_pad = c.includePad;
    desc.input_zero_point = izp;
    desc.requant = rq.desc();
  }

  std::vector<int32_t> expected(Coverage &cov) const {
    std::vector<int32_t> out(static_cast<size_t>(outCount()));
    const int64_t oh = g.outH(), ow = g.outW();
    for (int64_t n = 0; n < g.batch; ++n)
      for (int64_t ch = 0; ch < g.channels; ++ch)
        for (int64_t oy = 0; oy < oh; ++oy)
          for (int64_t ox = 0; ox < ow; ++ox) {
            int32_t sum = 0;
            forInside(g, oy, ox, [&](int64_t y, int64_t x) {
              sum +=
                  input.get(((n * g.inH + y) * g.inW + x) * g.channels + ch) -
                  izp;
            });
            const int64_t d = divisor(g, oy, ox, c.includePad);
            out[size_t(((n * oh + oy) * ow + ox) * g.channels + ch)] =
                rq.expect(c.perDivisor ? d - 1 : 0, sum, &cov);
          }
    return out;
  }
};

class Pool2dAvgInt : public ::testing::TestWithParam<AvgCase> {};

TEST_P(Pool2dAvgInt, MatchesTheDefinitionOnEveryShape) {
  const AvgCase c = GetParam();
  std::mt19937 rng(31337);
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    Coverage cov;
    int variant = 0;
    for (const Geometry &g : poolShapes()) {
      SCOPED_TRACE(g.name);
      IntPool p(g, c, mode, variant++, rng);
      ASSERT_EQ(validateDescriptor(&p.desc), nullptr);
      const std::vector<int32_t> want = p.expected(cov);
      IntBuffer ref(c.type, p.outCount(), 0xA5),
          viaC(c.type, p.outCount(), 0x5A);
      pool2dReference(p.desc, p.input.data(), ref.data());
      {
        OneOpContext ctx(&p.desc);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_pool2d(ctx.get(), &p.desc, p.input.data(), viaC.data());
      }
      ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      for (int64_t i = 0; i < p.outCount(); ++i)
        ASSERT_EQ(ref.get(i), want[size_t(i)]) << "at NHWC offset " << i;
    }
    expectEdgesReached(mode, cov);
  }
}

std::vector<AvgCase> avgCases() {
  std::vector<AvgCase> cases;
  for (int32_t t : {QCC_RT_I8, QCC_RT_U8})
    for (int32_t r : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                      QCC_RT_ROUND_FLOAT_HALF_EVEN})
      for (bool perDivisor : {false, true})
        for (bool includePad : {false, true})
          cases.push_back({t, r, perDivisor, includePad});
  return cases;
}

std::string avgCaseName(const ::testing::TestParamInfo<AvgCase> &info) {
  const AvgCase &c = info.param;
  return std::string(typeName(c.type)) + "_" + ruleName(c.rounding) +
         (c.perDivisor ? "_perdivisor" : "_onescale") +
         (c.includePad ? "_includepad" : "_excludepad");
}

INSTANTIATE_TEST_SUITE_P(AllTypes, Pool2dAvgInt,
                         ::testing::ValuesIn(avgCases()), avgCaseName);

//===----------------------------------------------------------------------===//
// Integer max pooling
//===----------------------------------------------------------------------===//

class Pool2dMaxInt : public ::testing::TestWithParam<int32_t> {};

TEST_P(Pool2dMaxInt, MatchesTheDefinitionOnEveryShape) {
  const int32_t type = GetParam();
  const int32_t lo = typeMin(type), hi = typeMax(type);
  std::mt19937 rng(4242);
  // Random values; only the ends of the range; only the lowest value (so
  // that padding read as 0 or as a zero point would show).
  for (int mode = 0; mode < 3; ++mode) {
    SCOPED_TRACE(mode);
    for (const Geometry &g : poolShapes()) {
      SCOPED_TRACE(g.name);
      IntBuffer in(type, g.batch * g.inH * g.inW * g.channels);
      for (int64_t i = 0; i < in.count(); ++i)
        in.set(i, mode == 0   ? randomInt(rng, lo, hi)
                  : mode == 1 ? (randomInt(rng, 0, 1) ? hi : lo)
                              : lo);
      qcc_rt_pool2d_desc d{};
      d.kind = QCC_RT_OP_MAX_POOL2D;
      d.type = type;
      d.window = g.window();
      d.count_include_pad = mode == 1; // max pooling ignores it
      d.input_zero_point = mode == 2 ? hi : 0;
      const int64_t oh = g.outH(), ow = g.outW();
      const int64_t count = g.batch * oh * ow * g.channels;
      IntBuffer ref(type, count, 0xA5), viaC(type, count, 0x5A);
      pool2dReference(d, in.data(), ref.data());
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_pool2d(ctx.get(), &d, in.data(), viaC.data());
      }
      ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      for (int64_t n = 0; n < g.batch; ++n)
        for (int64_t oy = 0; oy < oh; ++oy)
          for (int64_t ox = 0; ox < ow; ++ox)
            for (int64_t ch = 0; ch < g.channels; ++ch) {
              int32_t best = kInt32Min;
              forInside(g, oy, ox, [&](int64_t y, int64_t x) {
                best = std::max(
                    best,
                    in.get(((n * g.inH + y) * g.inW + x) * g.channels + ch));
              });
              ASSERT_EQ(ref.get(((n * oh + oy) * ow + ox) * g.channels + ch),
                        best)
                  << "at n,y,x,c = " << n << "," << oy << "," << ox << ","
                  << ch;
            }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BothTypes, Pool2dMaxInt,
                         ::testing::Values(QCC_RT_I8, QCC_RT_U8),
                         [](const ::testing::TestParamInfo<int32_t> &info) {
                           return std::string(typeName(info.param));
                         });

//===----------------------------------------------------------------------===//
// Float pooling
//===----------------------------------------------------------------------===//

TEST(Pool2dF32Kernel, MatchesTheDefinitionOnEveryShape) {
  // Multiples of 2^-4: window sums are exact, so the average is the one
  // rounding of sum / divisor whatever the order of summation.
  std::mt19937 rng(77);
  for (int32_t kind : {QCC_RT_OP_MAX_POOL2D_F32, QCC_RT_OP_AVG_POOL2D_F32})
    for (bool includePad : {false, true})
      for (bool allNegative : {false, true})
        for (const Geometry &g : poolShapes()) {
          SCOPED_TRACE(::testing::Message()
                       << g.name
                       << (kind == QCC_RT_OP_MAX_POOL2D_F32 ? " max" : " avg")
                       << (includePad ? " include_pad" : "")
                       << (allNegative ? " negative" : ""));
          std::vector<float> in(size_t(g.batch * g.channels * g.inH * g.inW));
          for (float &v : in) {
            v = dyadic(rng, 1000, 4);
            if (allNegative)
              v = -std::fabs(v) - 100.0f;
          }
          qcc_rt_pool2d_desc d{};
          d.kind = kind;
          d.type = QCC_RT_F32;
          d.window = g.window();
          d.count_include_pad = includePad;
          ASSERT_EQ(validateDescriptor(&d), nullptr);
          const int64_t oh = g.outH(), ow = g.outW();
          const int64_t count = g.batch * g.channels * oh * ow;
          FloatBuffer ref(count, 0xA5), viaC(count, 0x5A);
          pool2dF32Reference(d, in.data(), ref.data());
          {
            OneOpContext ctx(&d);
            ASSERT_TRUE(ctx) << qcc_rt_last_error();
            qcc_rt_pool2d(ctx.get(), &d, in.data(), viaC.data());
          }
          ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
          for (int64_t n = 0; n < g.batch; ++n)
            for (int64_t ch = 0; ch < g.channels; ++ch)
              for (int64_t oy = 0; oy < oh; ++oy)
                for (int64_t ox = 0; ox < ow; ++ox) {
                  double sum = 0.0;
                  float best = -std::numeric_limits<float>::infinity();
                  forInside(g, oy, ox, [&](int64_t y, int64_t x) {
                    const float v = in[size_t(
                        ((n * g.channels + ch) * g.inH + y) * g.inW + x)];
                    sum += v;
                    best = std::max(best, v);
                  });
                  const float want =
                      kind == QCC_RT_OP_MAX_POOL2D_F32
                          ? best
                          : float(sum) / float(divisor(g, oy, ox, includePad));
                  const float got =
                      ref[((n * g.channels + ch) * oh + oy) * ow + ox];
                  ASSERT_TRUE(sameFloatBits(got, want))
                      << "at n,c,y,x = " << n << "," << ch << "," << oy << ","
                      << ox << ": " << got << " vs " << want;
                }
        }
}

//===----------------------------------------------------------------------===//
// Fixed examples, worked out by hand
//===----------------------------------------------------------------------===//

/// A 4x4 image holding 1..16 row by row, kernel 3x3, stride 2, padding 1 on
/// every side, ceil_mode: a 3x3 output whose last row and column of windows
/// cover one image row or column, one padding row or column, and one
/// position beyond the padding. Window rows per output row: {-1,0,1},
/// {1,2,3}, {3,4,5}; inside the image 2, 3, 1; inside image and padding 3,
/// 3, 2.
const qcc_rt_window kCeilWindow = {1, 4, 4, 1, 3, 3, 3, 3,
                                   2, 2, 1, 1, 1, 1, 1, 1};

TEST(Pool2dKernel, CeilModeAverageCountsPaddingButNotBeyondByHand) {
  const float sums[9] = {14, 30, 12, 57, 99, 36, 27, 45, 16};
  const float includePad[9] = {9, 9, 6, 9, 9, 6, 6, 6, 4};
  const float excludePad[9] = {4, 6, 2, 6, 9, 3, 2, 3, 1};
  const float maxima[9] = {6, 8, 8, 14, 16, 16, 14, 16, 16};
  float in[16];
  for (int i = 0; i < 16; ++i)
    in[i] = float(i + 1);
  for (int32_t kind : {QCC_RT_OP_AVG_POOL2D_F32, QCC_RT_OP_MAX_POOL2D_F32})
    for (int include : {0, 1}) {
      qcc_rt_pool2d_desc d{};
      d.kind = kind;
      d.type = QCC_RT_F32;
      d.window = kCeilWindow;
      d.count_include_pad = include;
      float out[9], viaC[9];
      pool2dF32Reference(d, in, out);
      OneOpContext ctx(&d);
      ASSERT_TRUE(ctx) << qcc_rt_last_error();
      qcc_rt_pool2d(ctx.get(), &d, in, viaC);
      for (int i = 0; i < 9; ++i) {
        const float want = kind == QCC_RT_OP_MAX_POOL2D_F32 ? maxima[i]
                           : include ? sums[i] / includePad[i]
                                     : sums[i] / excludePad[i];
        EXPECT_EQ(out[i], want) << "include_pad " << include << " at " << i;
        EXPECT_EQ(viaC[i], want) << "include_pad " << include << " at " << i;
      }
    }
}

TEST(Pool2dKernel, CeilModeAverageUsesTheRequantOfItsDivisorByHand) {
  // The same geometry on integers: every input is the zero point plus 1,
  // so the sum is the number of positions inside the image; requant
  // channel d - 1 has scale d, so the output is inside count * divisor.
  uint8_t in[16];
  std::fill(in, in + 16, uint8_t(201));
  float scales[9];
  for (int d = 1; d <= 9; ++d)
    scales[d - 1] = float(d);
  const uint8_t includePad[9] = {36, 54, 12, 54, 81, 18, 12, 18, 4};
  const uint8_t excludePad[9] = {16, 36, 4, 36, 81, 9, 4, 9, 1};
  for (int include : {0, 1}) {
    qcc_rt_pool2d_desc d{};
    d.kind = QCC_RT_OP_AVG_POOL2D;
    d.type = QCC_RT_U8;
    d.window = kCeilWindow;
    d.count_include_pad = include;
    d.input_zero_point = 200;
    d.requant = {QCC_RT_ROUND_FLOAT_HALF_EVEN,
                 9,
                 nullptr,
                 nullptr,
                 scales,
                 0,
                 0,
                 255,
                 0};
    uint8_t out[9], viaC[9];
    pool2dReference(d, in, out);
    OneOpContext ctx(&d);
    ASSERT_TRUE(ctx) << qcc_rt_last_error();
    qcc_rt_pool2d(ctx.get(), &d, in, viaC);
    for (int i = 0; i < 9; ++i) {
      const int want = include ? includePad[i] : excludePad[i];
      EXPECT_EQ(out[i], want) << "include_pad " << include << " at " << i;
      EXPECT_EQ(viaC[i], want) << "include_pad " << include << " at " << i;
    }
  }
}

TEST(Pool2dKernel, MaxIgnoresPaddingByHand) {
  // int8 -100 everywhere, padding 1: neither 0 nor the zero point (5) may
  // win.
  int8_t in[9];
  std::fill(in, in + 9, int8_t(-100));
  qcc_rt_pool2d_desc d{};
  d.kind = QCC_RT_OP_MAX_POOL2D;
  d.type = QCC_RT_I8;
  d.window = {1, 3, 3, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1};
  d.input_zero_point = 5;
  int8_t out[4] = {1, 1, 1, 1}, viaC[4] = {1, 1, 1, 1};
  pool2dReference(d, in, out);
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_pool2d(ctx.get(), &d, in, viaC);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(out[i], -100) << i;
    EXPECT_EQ(viaC[i], -100) << i;
  }
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

struct ValidPool {
  int32_t mult[9], shift[9];
  float scale[9];
  qcc_rt_pool2d_desc d{};

  ValidPool() {
    for (int i = 0; i < 9; ++i) {
      mult[i] = 1 << 30;
      shift[i] = -2;
      scale[i] = 0.1f;
    }
    d.kind = QCC_RT_OP_AVG_POOL2D;
    d.type = QCC_RT_I8;
    d.window = {1, 5, 5, 2, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1};
    d.count_include_pad = 0;
    d.requant = {QCC_RT_ROUND_SINGLE, 9, mult, shift, nullptr, 0, -128, 127, 0};
  }
};

TEST(Pool2dKernel, ContextRejectsMalformedDescriptors) {
  struct Mutation {
    const char *why;
    void (*mutate)(ValidPool &);
  };
  const Mutation mutations[] = {
      {"window with empty or negative dimensions",
       [](ValidPool &v) { v.d.window.channels = 0; }},
      {"window with empty or negative dimensions",
       [](ValidPool &v) { v.d.window.out_w = -1; }},
      {"window with empty or negative dimensions",
       [](ValidPool &v) { v.d.window.stride_w = 0; }},
      {"window with empty or negative dimensions",
       [](ValidPool &v) { v.d.window.dilation_h = 0; }},
      {"window with empty or negative dimensions",
       [](ValidPool &v) { v.d.window.pad_left = -1; }},
      {"padding as large as the window",
       [](ValidPool &v) { v.d.window.pad_left = 3; }},
      {"window with empty or negative dimensions",
       [](ValidPool &v) {
         v.d.kind = QCC_RT_OP_MAX_POOL2D;
         v.d.window.kernel_h = 0;
       }},
      {"padding as large as the window",
       [](ValidPool &v) {
         v.d.kind = QCC_RT_OP_MAX_POOL2D_F32;
         v.d.window.pad_top = 3;
       }},
      {"window with empty or negative dimensions",
       [](ValidPool &v) {
         v.d.kind = QCC_RT_OP_AVG_POOL2D_F32;
         v.d.window.in_h = 0;
       }},
      {"pooling of an unsupported element type",
       [](ValidPool &v) { v.d.type = QCC_RT_I32; }},
      {"pooling of an unsupported element type",
       [](ValidPool &v) { v.d.type = QCC_RT_F32; }},
      {"pooling of an unsupported element type",
       [](ValidPool &v) {
         v.d.kind = QCC_RT_OP_MAX_POOL2D;
         v.d.type = QCC_RT_F32;
       }},
      // Dilation 3 over 2 rows padded by 1: rows -1 and 2, both padding.
      {"a pooling window sees no input element",
       [](ValidPool &v) {
         v.d.window.in_h = 2;
         v.d.window.out_h = 1;
         v.d.window.kernel_h = 2;
         v.d.window.stride_h = 1;
         v.d.window.dilation_h = 3;
         v.d.window.pad_top = 1;
         v.d.window.pad_bottom = 1;
       }},
      // More outputs than the image has: the last window starts below it.
      {"a pooling window sees no input element",
       [](ValidPool &v) { v.d.window.out_h += 8; }},
      {"average pool needs one rescaling, or one per divisor",
       [](ValidPool &v) { v.d.requant.channels = 4; }},
      {"average pool needs one rescaling, or one per divisor",
       [](ValidPool &v) { v.d.requant.channels = 2; }},
      {"a raw accumulator must be int32",
       [](ValidPool &v) { v.d.requant.rounding = QCC_RT_NO_REQUANT; }},
      {"clamp bounds are empty or outside the output type",
       [](ValidPool &v) {
         v.d.type = QCC_RT_U8;
         v.d.requant.clamp_min = -128;
       }},
      {"multiplier is not normalized to [2^30, 2^31)",
       [](ValidPool &v) { v.mult[8] = 12345; }},
      {"multiplier or shift out of range",
       [](ValidPool &v) { v.shift[4] = 31; }},
      {"float requantization scale is not positive and finite",
       [](ValidPool &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.requant.scale = v.scale;
         v.scale[8] = 0.0f;
       }},
      {"float requantization without scales",
       [](ValidPool &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
       }},
  };
  {
    ValidPool v;
    EXPECT_EQ(rejection(&v.d), "");
    v.d.requant.channels = 1;
    EXPECT_EQ(rejection(&v.d), "");
    // Max and float pooling read no requantization.
    v.d.requant = {};
    v.d.kind = QCC_RT_OP_MAX_POOL2D;
    EXPECT_EQ(rejection(&v.d), "");
    v.d.kind = QCC_RT_OP_AVG_POOL2D_F32;
    v.d.type = QCC_RT_F32;
    EXPECT_EQ(rejection(&v.d), "");
  }
  for (const Mutation &m : mutations) {
    ValidPool v;
    m.mutate(v);
    EXPECT_EQ(rejection(&v.d), rejected(m.why));
  }
}

} // namespace
