// The convolution kernels (CONV2D: integers, NHWC; CONV2D_F32: float, NCHW)
// and qcc_rt_conv2d, bit-exact against a convolution written out here from
// the definition in qcc_runtime.h, with the per-element arithmetic of
// Requantize.h: every input/weight/output type, every rounding rule and the
// raw accumulator, per-tensor and per-channel, strides, dilations,
// asymmetric padding, groups and depthwise; exact ties, saturation at both
// clamps, zero points at the ends of their range, narrower clamps,
// accumulator wraparound; and every complaint of the validator.
#include "KernelTestSupport.h"

#include "qcc/runtime/ReferenceKernels.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

using namespace qcc::rt;
using namespace qcc::rt::test;

namespace {

struct ConvShape {
  Geometry g;
  int64_t outChannels, groups;
};

/// Batch, image, channels; kernel, stride, dilation; padding top, left,
/// bottom, right. 1-sized and odd dimensions, stride larger than the
/// kernel, padding only at the bottom and right, a kernel larger than the
/// image.
const std::vector<ConvShape> &convShapes() {
  static const std::vector<ConvShape> shapes = {
      {{"all_ones", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, 1, 1},
      {{"same_3x3", 2, 5, 7, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}, 4, 1},
      {{"strided_asymmetric_padding", 1, 7, 6, 2, 3, 2, 2, 3, 1, 1, 0, 1, 2, 1},
       3,
       1},
      {{"dilated", 1, 9, 8, 3, 3, 3, 1, 2, 2, 3, 2, 3, 1, 0}, 2, 1},
      {{"grouped", 2, 6, 5, 6, 2, 3, 1, 1, 1, 1, 0, 1, 1, 0}, 9, 3},
      {{"depthwise", 1, 7, 7, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1}, 5, 5},
      // Rows and depth enough for the AMX path's tiles (16 rows, k >= 128).
      {{"deep_enough_for_amx", 1, 9, 10, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       40,
       1},
      // Rows wide enough for the vector kernels' groups of four pixels,
      // channels that leave a partial vector, both 3-wide fast paths and
      // the general one.
      {{"depthwise_rows_of_four", 2, 5, 13, 21, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       21,
       21},
      {{"depthwise_stride_2_rows", 1, 6, 19, 18, 3, 3, 2, 2, 1, 1, 0, 1, 1, 1},
       18,
       18},
      {{"depthwise_5x5_dilated", 1, 9, 16, 17, 5, 5, 1, 1, 2, 1, 4, 2, 4, 2},
       17,
       17},
      {{"depthwise_dilated_stride_3", 1, 8, 20, 32, 3, 3, 1, 3, 1, 2, 1, 2, 1,
        2},
       32,
       32},
      // Rows wide enough that the pair-tap kernels (avx2, and avx512-vnni
      // with asymmetric weights) split the channels into groups of blocks
      // (kPairRingBytes), the last one partial.
      {{"depthwise_pair_groups", 1, 3, 546, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       40,
       40},
      {{"depthwise_pair_dilated_rows", 1, 9, 11, 12, 3, 3, 1, 1, 2, 1, 2, 1, 2,
        1},
       12,
       12},
      {{"depthwise_pair_groups_stride_2", 1, 5, 549, 40, 3, 3, 2, 2, 1, 1, 1, 1,
        1, 1},
       40,
       40},
      // Images of one row: every image's window holds the same input rows.
      {{"depthwise_batch_of_single_rows", 3, 1, 10, 24, 3, 3, 1, 1, 1, 1, 1, 1,
        1, 1},
       24,
       24},
      {{"depthwise_multiplier_width_1", 1, 4, 1, 3, 5, 1, 1, 1, 1, 1, 2, 0, 2,
        0},
       6,
       3},
      {{"deep_odd_channels", 1, 3, 3, 17, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}, 7, 1},
      {{"kernel_larger_than_image", 1, 2, 2, 2, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2},
       3,
       1},
      {{"bottom_right_padding_only", 1, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0, 2, 2},
       4,
       2},
      {{"stride_beyond_kernel", 3, 8, 9, 2, 2, 2, 3, 4, 1, 1, 0, 0, 0, 0},
       4,
       2},
  };
  return shapes;
}

struct ConvCase {
  int32_t inType, weightType, outType, rounding;
  bool perChannel;
};

/// An integer convolution, its data, and its expected output computed
/// here.
struct IntConv {
  ConvShape s;
  ConvCase c;
  IntBuffer input, weight;
  std::vector<int32_t> bias, wzp;
  int32_t izp = 0;
  RequantSpec rq;
  qcc_rt_conv2d_desc desc{};

  int64_t cpg() const { return s.g.channels / s.groups; }
  int64_t outCount() const {
    return s.g.batch * s.g.outH() * s.g.outW() * s.outChannels;
  }

  /// `neutral`: weight zero points that leave w - zw zero-point free (0 for
  /// int8, 128 for uint8), as symmetric weights have.
  IntConv(const ConvShape &shape, const ConvCase &cc, Mode mode, int variant,
          std::mt19937 &rng, bool neutral = false)
      : s(shape), c(cc), input(cc.inType, shape.g.batch * shape.g.inH *
                                              shape.g.inW * shape.g.channels),
        weight(cc.weightType, shape.outChannels * shape.g.kh * shape.g.kw *
                                  (shape.g.channels / shape.groups)) {
    const int32_t iLo = typeMin(c.inType), iHi = typeMax(c.inType);
    const int32_t wLo = typeMin(c.weightType), wHi = typeMax(c.weightType);
    const int32_t oLo = typeMin(c.outType), oHi = typeMax(c.outType);
    const int64_t oc = s.outChannels;
    const int64_t channels = c.perChannel ? oc : 1;
    const bool odd = variant % 2;

    // Zero points: the ends of the range, and in between.
    izp = mode == Mode::Extreme ? (odd ? iHi : iLo) : randomInt(rng, iLo, iHi);
    for (int64_t i = 0; i < channels; ++i)
      wzp.push_back(mode == Mode::Extreme ? ((i + variant) % 2 ? wHi : wLo)
                    : i % 3 == 0          ? wLo
                    : i % 3 == 1          ? wHi
                                          : randomInt(rng, wLo, wHi));
    if (neutral)
      for (int32_t &z : wzp)
        z = c.weightType == QCC_RT_U8 ? 128 : 0;

    for (int64_t i = 0; i < input.count(); ++i)
      input.set(i, mode == Mode::Random ? randomInt(rng, iLo, iHi)
                   : mode == Mode::Extreme
                       ? (randomInt(rng, 0, 1) ? iHi : iLo)
                       : clampInt32(izp + randomInt(rng, -3, 3), iLo, iHi));
    const int64_t perOc = weight.count() / oc;
    for (int64_t i = 0; i < weight.count(); ++i) {
      const int32_t z = wzp[c.perChannel ? i / perOc : 0];
      weight.set(i, mode == Mode::Random ? randomInt(rng, wLo, wHi)
                    : mode == Mode::Extreme
                        ? (randomInt(rng, 0, 1) ? wHi : wLo)
                        : clampInt32(z + randomInt(rng, -2, 2), wLo, wHi));
    }
    if (variant % 3 != 1) {
      for (int64_t o = 0; o < oc; ++o)
        bias.push_back(mode == Mode::Random ? randomInt(rng, -65536, 65536)
                       : mode == Mode::Ties ? randomInt(rng, -7, 7)
                       : o == 0             ? kInt32Max - 5
                       : o == 1             ? kInt32Min + 5
                                            : randomInt(rng, -65536, 65536));
    }

    // Scales: random; large enough to saturate, and in one extreme case of
    // four 1 or more (a shift > 0: TFLite shifts the accumulator left,
    // saturating, and single rounding's 64-bit result saturates);
    // powers of two for ties.
    std::vector<double> reals;
    if (c.rounding != QCC_RT_NO_REQUANT)
      for (int64_t i = 0; i < channels; ++i)
        reals.push_back(mode == Mode::Random ? randomScale(rng, -19, -10)
                        : mode == Mode::Extreme
                            ? (variant % 4 == 3 && i % 2 == 0
                                   ? randomScale(rng, 0, 20)
                                   : randomScale(rng, -10, -4))
                            : std::exp2(-1.0 - i % 3));
    int32_t zp, cmin = oLo, cmax = oHi;
    if (c.outType == QCC_RT_I32) {
      zp = mode == Mode::Random ? randomInt(rng, -1000, 1000) : 0;
      if (odd) {
        cmin = -100000;
        cmax = 70000;
      }
    } else if (mode == Mode::Extreme) {
      zp = odd ? oHi : oLo;
      cmin = oLo + 3; // narrower than the type at both ends, or at the
      // bottom only (the saturating store clamps the top)
      cmax = variant % 4 == 1 ? oHi : oHi - 5;
    } else if (mode == Mode::Ties) {
      zp = randomInt(rng, oLo + 100, oHi - 100);
      // The lower clamp at the zero point (a fused ReLU: negative results
      // need no rounding correction) and one below it (they do), with
      // ties on both sides.
      if (variant % 3 == 1)
        cmin = zp;
      else if (variant % 3 == 2)
        cmin = zp - 1;
    } else {
      zp = randomInt(rng, oLo, oHi);
      if (odd) { // a fused ReLU: the clamp starts at the zero point
        cmin = zp;
        cmax = oHi - 1;
      }
    }
    rq = RequantSpec::make(c.rounding, reals, zp, cmin, cmax);

    const Geometry &g = s.g;
    desc.kind = QCC_RT_OP_CONV2D;
    desc.input_type = c.inType;
    desc.weight_type = c.weightType;
    desc.output_type = c.outType;
    desc.window = g.window();
    desc.out_channels = oc;
    desc.groups = s.groups;
    desc.weight = weight.data();
    desc.bias = bias.empty() ? nullptr : bias.data();
    desc.weight_zero_point = wzp.data();
    desc.weight_zero_point_count = int32_t(wzp.size());
    desc.input_zero_point = izp;
    desc.requant = rq.desc();
  }

  /// Input (n, y, x, channel), NHWC; padding reads the zero point.
  int32_t at(int64_t n, int64_t y, int64_t x, int64_t ch) const {
    const Geometry &g = s.g;
    if (y < 0 || y >= g.inH || x < 0 || x >= g.inW)
      return izp;
    return input.get(((n * g.inH + y) * g.inW + x) * g.channels + ch);
  }

  std::vector<int32_t> expected(Coverage &cov) const {
    const Geometry &g = s.g;
    const int64_t oh = g.outH(), ow = g.outW(), oc = s.outChannels;
    const int64_t perGroup = oc / s.groups;
    std::vector<int32_t> out(static_cast<size_t>(outCount()));
    for (int64_t n = 0; n < g.batch; ++n)
      for (int64_t o = 0; o < oc; ++o) {
        const int64_t group = o / perGroup;
        const int32_t z = wzp[c.perChannel ? o : 0];
        for (int64_t oy = 0; oy < oh; ++oy)
          for (int64_t ox = 0; ox < ow; ++ox) {
            int64_t acc = bias.empty() ? 0 : bias[o];
            for (int64_t ci = 0; ci < cpg(); ++ci)
              for (int64_t ky = 0; ky < g.kh; ++ky)
                for (int64_t kx = 0; kx < g.kw; ++kx) {
                  const int32_t x =
                      at(n, oy * g.sh - g.pt + ky * g.dh,
                         ox * g.sw - g.pl + kx * g.dw, group * cpg() + ci);
                  const int32_t w =
                      weight.get(((o * g.kh + ky) * g.kw + kx) * cpg() + ci);
                  acc += int64_t(x - izp) * (w - z);
                }
            // The int32 accumulator wraps modulo 2^32.
            const int32_t wrapped = int32_t(uint32_t(uint64_t(acc)));
            out[size_t(((n * oh + oy) * ow + ox) * oc + o)] =
                rq.expect(o, wrapped, &cov);
          }
      }
    return out;
  }

  std::string where(int64_t i) const {
    const Geometry &g = s.g;
    const int64_t oc = s.outChannels;
    return std::string("at n,y,x,c = ") +
           std::to_string(i / (oc * g.outW() * g.outH())) + "," +
           std::to_string(i / (oc * g.outW()) % g.outH()) + "," +
           std::to_string(i / oc % g.outW()) + "," + std::to_string(i % oc);
  }
};

/// Runs the reference kernel and the C entry point on the problem and
/// checks both against the expectation.
void runAndCheck(const IntConv &p, Coverage &cov) {
  SCOPED_TRACE(p.s.g.name);
  ASSERT_EQ(validateDescriptor(&p.desc), nullptr);
  const std::vector<int32_t> want = p.expected(cov);
  IntBuffer ref(p.c.outType, p.outCount(), 0xA5);
  conv2dReference(p.desc, p.input.data(), ref.data());
  IntBuffer viaC(p.c.outType, p.outCount(), 0x5A);
  {
    OneOpContext ctx(&p.desc);
    ASSERT_TRUE(ctx) << qcc_rt_last_error();
    qcc_rt_conv2d(ctx.get(), &p.desc, p.input.data(), viaC.data());
    EXPECT_TRUE(tilesReleased());
  }
  ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
  for (int64_t i = 0; i < p.outCount(); ++i)
    ASSERT_EQ(ref.get(i), want[size_t(i)]) << p.where(i);
}

class Conv2dInt : public ::testing::TestWithParam<ConvCase> {};

/// Every shape in every mode with symmetric weights (w - zw free of a
/// zero point, as the in-place and byte-tap kernels need), against the
/// definition.
void checkSymmetricShapes(const std::vector<ConvShape> &shapes,
                          const ConvCase &c, unsigned seed) {
  std::mt19937 rng(seed);
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    Coverage cov;
    int variant = 0;
    for (const ConvShape &shape : shapes) {
      IntConv p(shape, c, mode, variant++, rng, /*neutral=*/true);
      runAndCheck(p, cov);
      if (::testing::Test::HasFatalFailure())
        return;
    }
  }
}

TEST_P(Conv2dInt, MatchesTheDefinitionOnEveryShape) {
  const ConvCase c = GetParam();
  std::mt19937 rng(2024);
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    Coverage cov;
    int variant = 0;
    for (const ConvShape &shape : convShapes()) {
      IntConv p(shape, c, mode, variant++, rng);
      runAndCheck(p, cov);
      if (HasFatalFailure())
        return;
    }
    if (c.rounding == QCC_RT_NO_REQUANT)
      continue;
    expectEdgesReached(mode, cov, /*clamps=*/c.outType != QCC_RT_I32);
  }
}

// Few input channels, or more with k <= 576 (1152 on rows of 28 pixels or
// more), with symmetric weights and uint8 input: the layers the kernels
// read in place (ops/InPlaceConv.cpp, ops/BandConv.cpp), with borders on
// every side, strides, dilated rows, a batch whose last row ends the input,
// and partial tiles. Other types take the gathering path on the same
// shapes.
TEST_P(Conv2dInt, InPlaceLayersMatchTheDefinition) {
  static const std::vector<ConvShape> shapes = {
      {{"first_layer_7x7_s2", 1, 23, 21, 3, 7, 7, 2, 2, 1, 1, 3, 3, 2, 3},
       24,
       1},
      {{"first_layer_3x3_s2", 2, 15, 17, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1},
       32,
       1},
      {{"one_channel_dilated_rows", 1, 12, 19, 1, 3, 5, 1, 1, 2, 1, 2, 2, 2, 2},
       16,
       1},
      {{"eight_channels_stride_3", 1, 11, 26, 8, 2, 3, 3, 3, 1, 1, 0, 1, 1, 0},
       10,
       1},
      {{"no_padding_ends_at_the_input_end", 1, 9, 20, 3, 3, 3, 1, 1, 1, 1, 0, 0,
        0, 0},
       64,
       1},
      // More channels; rows narrower than 28 pixels go in runs across rows
      // and images.
      {{"sixteen_channels", 1, 10, 13, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       24,
       1},
      {{"sixty_four_channels", 2, 9, 11, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       64,
       1},
      {{"sixty_channels_stride_2", 1, 9, 12, 60, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1},
       40,
       1},
      {{"twenty_channels_dilated_rows", 1, 12, 10, 20, 3, 3, 1, 1, 2, 1, 2, 1,
        2, 1},
       48,
       1},
      // Rows of 28 pixels or more, k up to 1152, a run per row.
      {{"wide_rows_128_channels", 1, 4, 30, 128, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       64,
       1},
      // Narrower rows, k up to 2304: runs across rows and images whose last
      // pixels sit at the input's end.
      {{"narrow_rows_256_channels", 2, 5, 6, 256, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0},
       40,
       1},
      // Few channels with k >= 128, in bands on AMX (ops/BandConv.cpp):
      // more than one block of rows, the input's last pixel in a window,
      // columns of more than 32 bytes, 1 to 15 channels, several panels.
      {{"band_batch_ends_at_input_end", 2, 19, 18, 4, 5, 7, 1, 2, 1, 1, 2, 3, 0,
        0},
       20,
       1},
      {{"band_one_channel_stride_3", 1, 40, 20, 1, 11, 13, 3, 1, 1, 1, 5, 6, 5,
        6},
       12,
       1},
      {{"band_eight_channels_long_columns", 1, 21, 25, 8, 5, 4, 2, 1, 1, 1, 2,
        1, 2, 2},
       16,
       1},
      {{"band_fifteen_channels", 1, 9, 10, 15, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       33,
       1},
      // Many channels in bands: rows of 24 pixels or more.
      {{"band_twenty_four_channels_wide", 1, 3, 30, 24, 3, 3, 1, 1, 1, 1, 1, 1,
        1, 1},
       24,
       1},
      {{"band_sixteen_channels_stride_2", 2, 6, 49, 16, 3, 3, 2, 2, 1, 1, 1, 1,
        0, 0},
       40,
       1},
      // Stride 1 with tap rows of whole 64-byte tiles, read from a padded
      // copy on AMX (ops/PaddedConv.cpp): tiles across image rows, the
      // wrapped windows at each row's end, asymmetric padding, a partial
      // panel; an image in two blocks on two threads (ctest's threads-2).
      {{"padded_rows_128_channels", 2, 5, 6, 128, 3, 3, 1, 1, 1, 1, 2, 1, 0, 2},
       40,
       1},
      {{"padded_rows_32_channels_2x2", 1, 7, 9, 32, 2, 2, 1, 1, 1, 1, 0, 1, 1,
        0},
       16,
       1},
      // Weights larger than the image, on two panels: two threads split
      // the panels rather than the rows.
      {{"padded_rows_panels_split", 1, 4, 4, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       80,
       1},
  };
  checkSymmetricShapes(shapes, GetParam(), 77);
}

// Depthwise with weights whose w - zw fit int8 (symmetric weights): the
// byte-tap kernels (ops/DepthwiseBytesFamily.h), four taps across per
// lane, and pixels in pairs on AVX-512. Rows of 8 + 4 + 1 pixels, stride 2 (and
// 3) over quads made for every pixel, two and three tap groups across (kernel
// widths 5, 7 and 9), dilated rows, asymmetric padding, a kernel larger than
// the image, partial channel blocks and more than one group of blocks, and
// batches whose rings start over.
TEST_P(Conv2dInt, DepthwiseWithByteTapsMatchesTheDefinition) {
  static const std::vector<ConvShape> shapes = {
      {{"byte_taps_3x3", 2, 6, 13, 21, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}, 21, 21},
      // Pixels in pairs (3 taps across, stride 1): rows of 8 + 8 + 4 + 1 + 1
      // pixels, the last odd; padding on the right only; a partial block.
      {{"byte_taps_3x3_pairs", 1, 5, 22, 40, 3, 3, 1, 1, 1, 1, 1, 0, 1, 2},
       40,
       40},
      {{"byte_taps_stride_2", 1, 9, 27, 40, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1},
       40,
       40},
      {{"byte_taps_5x5_dilated_rows", 1, 9, 14, 70, 5, 5, 1, 1, 2, 1, 4, 2, 3,
        2},
       70,
       70},
      {{"byte_taps_7_wide_stride_3", 2, 5, 23, 16, 2, 7, 1, 3, 1, 1, 0, 3, 1,
        2},
       16,
       16},
      {{"byte_taps_9_wide_column", 1, 7, 11, 5, 1, 9, 1, 1, 1, 1, 0, 4, 0, 4},
       5,
       5},
      {{"byte_taps_kernel_larger_than_image", 1, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2,
        2, 2, 2},
       3,
       3},
      // More than one group of blocks on every path (AVX-512's groups span
      // 128 channels), the last one partial.
      {{"byte_taps_two_groups", 1, 4, 9, 136, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
       136,
       136},
      // AVX-512 makes the quads of 64 and 32 channels from whole pixels at
      // stride 2 and in pairs: 64 + 64, 64 + 32 + 16 and 64 + 32 + 8
      // channels, padding on one side, padding beyond the first quad's
      // pixels, a column narrower than the padding.
      {{"byte_taps_wide_blocks", 1, 5, 21, 240, 3, 3, 1, 1, 1, 1, 1, 0, 1, 2},
       240,
       240},
      {{"byte_taps_wide_blocks_stride_2", 1, 8, 19, 232, 3, 4, 2, 2, 1, 1, 1, 3,
        0, 1},
       232,
       232},
      {{"byte_taps_wide_single_column", 1, 3, 1, 64, 3, 3, 1, 1, 1, 1, 1, 2, 1,
        2},
       64,
       64},
      // Images of one row: every image's window holds the same input rows.
      {{"byte_taps_batch_of_single_rows", 3, 1, 10, 24, 3, 3, 1, 1, 1, 1, 1, 1,
        1, 1},
       24,
       24},
  };
  checkSymmetricShapes(shapes, GetParam(), 91);
}

std::vector<ConvCase> convCases() {
  std::vector<ConvCase> cases;
  for (int32_t in : {QCC_RT_I8, QCC_RT_U8})
    for (int32_t w : {QCC_RT_I8, QCC_RT_U8}) {
      for (int32_t out : {QCC_RT_I8, QCC_RT_U8})
        for (int32_t r : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                          QCC_RT_ROUND_FLOAT_HALF_EVEN})
          for (bool perChannel : {false, true})
            cases.push_back({in, w, out, r, perChannel});
      // ConvInteger: the raw accumulator; and an int32 output requantized.
      for (bool perChannel : {false, true})
        cases.push_back({in, w, QCC_RT_I32, QCC_RT_NO_REQUANT, perChannel});
      cases.push_back({in, w, QCC_RT_I32, QCC_RT_ROUND_SINGLE, true});
    }
  return cases;
}

std::string convCaseName(const ::testing::TestParamInfo<ConvCase> &info) {
  const ConvCase &c = info.param;
  return std::string(typeName(c.inType)) + typeName(c.weightType) +
         typeName(c.outType) + "_" + ruleName(c.rounding) +
         (c.perChannel ? "_perchannel" : "_pertensor");
}

INSTANTIATE_TEST_SUITE_P(AllTypes, Conv2dInt, ::testing::ValuesIn(convCases()),
                         convCaseName);

//===----------------------------------------------------------------------===//
// Fixed examples, worked out by hand
//===----------------------------------------------------------------------===//

TEST(Conv2dKernel, GroupedStridedPaddedByHand) {
  // NHWC 1x3x3x2 u8, input zero point 1: channel 0 holds 1..9, channel 1
  // 10..90. Two groups of one channel, kernel 2x2, stride 2, padding 1 at
  // the top and left only. Raw int32 accumulators with bias {100, -100}.
  std::vector<uint8_t> in(18);
  for (int i = 0; i < 9; ++i) {
    in[size_t(2 * i)] = uint8_t(i + 1);
    in[size_t(2 * i + 1)] = uint8_t(10 * (i + 1));
  }
  const int8_t w[] = {1, 2, 3, 4, -1, 0, 0, 1}; // [oc][kh][kw][1]
  const int32_t bias[] = {100, -100}, wzp = 0;
  qcc_rt_conv2d_desc d{};
  d.kind = QCC_RT_OP_CONV2D;
  d.input_type = QCC_RT_U8;
  d.weight_type = QCC_RT_I8;
  d.output_type = QCC_RT_I32;
  d.window = {1, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0};
  d.out_channels = 2;
  d.groups = 2;
  d.weight = w;
  d.bias = bias;
  d.weight_zero_point = &wzp;
  d.weight_zero_point_count = 1;
  d.input_zero_point = 1;
  d.requant.rounding = QCC_RT_NO_REQUANT;
  d.requant.channels = 1;
  d.requant.clamp_min = kInt32Min;
  d.requant.clamp_max = kInt32Max;
  // Window (0,0) sees only pixel (0,0) at its bottom right; (1,1) sees the
  // pixels (1..2, 1..2).
  const int32_t want[] = {100, -91, 111, -71, 130, -31, 167, -60};
  int32_t out[8] = {}, viaC[8] = {};
  conv2dReference(d, in.data(), out);
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_conv2d(ctx.get(), &d, in.data(), viaC);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(out[i], want[i]) << i;
    EXPECT_EQ(viaC[i], want[i]) << i;
  }
}

TEST(Conv2dKernel, TheThreeRulesRoundTiesDifferently) {
  // A 1x1 convolution with weight 1 over five pixels: the accumulators are
  // the inputs, scaled by 1/4. -1.5, 0.5, -0.5, 1.5, -2.5 round to
  //   double: -2 1 -1 2 -3   (toward +inf, then away from zero)
  //   single: -1 1  0 2 -2   (toward +inf)
  //   float:  -2 0  0 2 -2   (to even)
  const int8_t in[] = {-6, 2, -2, 6, -10}, w = 1;
  const int32_t wzp = 0, mult = 1 << 30, shift = -1;
  const float scale = 0.25f;
  const int32_t want[3][5] = {
      {-2, 1, -1, 2, -3}, {-1, 1, 0, 2, -2}, {-2, 0, 0, 2, -2}};
  for (int32_t r : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                    QCC_RT_ROUND_FLOAT_HALF_EVEN}) {
    SCOPED_TRACE(ruleName(r));
    qcc_rt_conv2d_desc d{};
    d.kind = QCC_RT_OP_CONV2D;
    d.input_type = d.weight_type = d.output_type = QCC_RT_I8;
    d.window = {1, 1, 5, 1, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
    d.out_channels = 1;
    d.groups = 1;
    d.weight = &w;
    d.weight_zero_point = &wzp;
    d.weight_zero_point_count = 1;
    d.requant = {r, 1, &mult, &shift, &scale, 0, -128, 127, 0};
    int8_t out[5] = {}, viaC[5] = {};
    conv2dReference(d, in, out);
    OneOpContext ctx(&d);
    ASSERT_TRUE(ctx) << qcc_rt_last_error();
    qcc_rt_conv2d(ctx.get(), &d, in, viaC);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(out[i], want[r][i]) << i;
      EXPECT_EQ(viaC[i], want[r][i]) << i;
    }
  }
}

TEST(Conv2dKernel, AccumulatorWrapsModulo2Pow32) {
  // Bias INT32_MAX - 1 plus 3 * (255 - 0) * (127 - (-128)): the int32
  // accumulator wraps, the raw output shows the wrapped value.
  const uint8_t in[] = {255, 255, 255};
  const int8_t w[] = {127, 127, 127};
  const int32_t bias = kInt32Max - 1, wzp = -128;
  qcc_rt_conv2d_desc d{};
  d.kind = QCC_RT_OP_CONV2D;
  d.input_type = QCC_RT_U8;
  d.weight_type = QCC_RT_I8;
  d.output_type = QCC_RT_I32;
  d.window = {1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
  d.out_channels = 1;
  d.groups = 1;
  d.weight = w;
  d.bias = &bias;
  d.weight_zero_point = &wzp;
  d.weight_zero_point_count = 1;
  d.input_zero_point = 0;
  d.requant.rounding = QCC_RT_NO_REQUANT;
  d.requant.channels = 1;
  int32_t out = 0;
  conv2dReference(d, in, &out);
  EXPECT_EQ(
      out, int32_t(uint32_t(uint64_t(int64_t(kInt32Max) - 1 + 3 * 255 * 255))));
  EXPECT_EQ(out, kInt32Min + 195073);
}

// The in-place windows requantize each tile during the next one's k loop
// with double rounding's correction taken from the sign of acc -
// negativeBelow (x86/Avx512Requant.h, BySign), which must not overflow:
// accumulators at either side of the doubled sums' bound (2^30), each sign,
// multipliers of 0 and at the ends of [2^30, 2^31), every right shift of 1
// to 22 (past it the layer is not folded), the correction applying (zero
// point 200, clamp [0, 255]). Layers in
// bands (7x7 on 3 channels), strided runs (4 channels) and a pointer per
// pixel (16 channels), on 64 output channels: a whole panel, piped.
TEST(Conv2dKernel, InPlaceLayersAtTheBoundOfDoubledSums) {
  struct Layer {
    const char *name;
    qcc_rt_window window;
  };
  const Layer layers[] = {
      {"band_7x7_s2", {1, 24, 22, 3, 12, 11, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3}},
      {"strided_3x3", {1, 13, 20, 4, 13, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}},
      {"pointers_3x3", {1, 12, 23, 16, 12, 23, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}},
  };
  const int64_t n = 64;
  for (const int64_t top : {(int64_t(1) << 30) - 1, (int64_t(1) << 30) + 100})
    for (const Layer &layer : layers) {
      SCOPED_TRACE(::testing::Message()
                   << layer.name << ", largest accumulator " << top);
      const qcc_rt_window &win = layer.window;
      const int64_t c = win.channels, pixels = win.in_h * win.in_w;
      // Input channel 0 runs through every byte; the others are noise that
      // meets weights of 0. The centre tap of channel 0 weighs 1, so acc =
      // bias + x - 255 with x the pixel under the centre (always inside).
      std::vector<uint8_t> in(size_t(pixels * c));
      for (int64_t i = 0; i < pixels * c; ++i)
        in[size_t(i)] = uint8_t(i % c == 0 ? (i / c) * 7 % 256 : i * 13);
      const int64_t taps = int64_t(win.kernel_h) * win.kernel_w;
      std::vector<int8_t> w(size_t(n * taps * c), 0);
      const int64_t centre =
          (int64_t(win.kernel_h / 2) * win.kernel_w + win.kernel_w / 2) * c;
      std::vector<int32_t> bias(static_cast<size_t>(n)),
          mult(static_cast<size_t>(n)), shift(static_cast<size_t>(n));
      for (int64_t o = 0; o < n; ++o) {
        w[size_t(o * taps * c + centre)] = 1;
        mult[size_t(o)] = o % 4 == 0   ? 1 << 30
                          : o % 4 == 1 ? (1 << 30) + int32_t(o) * 977
                          : o % 4 == 2 ? int32_t(kInt32Max - o)
                                       : (o % 8 == 3 ? 0 : 1 << 30);
        if (o < 40) { // shifts that bring +-2^30 back near the output range
          bias[size_t(o)] = int32_t(o % 2 ? top - 255 : -(top - 255));
          shift[size_t(o)] = -int32_t(1 + o / 2);
        } else { // accumulators -255..1 (p around -2^30), small shifts
          bias[size_t(o)] = int32_t(o % 2);
          shift[size_t(o)] = -int32_t(1 + (o - 40) % 22);
        }
      }
      const int32_t wzp = 0;
      qcc_rt_conv2d_desc d{};
      d.kind = QCC_RT_OP_CONV2D;
      d.input_type = QCC_RT_U8;
      d.weight_type = QCC_RT_I8;
      d.output_type = QCC_RT_U8;
      d.window = win;
      d.out_channels = n;
      d.groups = 1;
      d.weight = w.data();
      d.bias = bias.data();
      d.weight_zero_point = &wzp;
      d.weight_zero_point_count = 1;
      d.input_zero_point = 255;
      d.requant = {QCC_RT_ROUND_DOUBLE,
                   int32_t(n),
                   mult.data(),
                   shift.data(),
                   nullptr,
                   200,
                   0,
                   255,
                   0};
      const int64_t outPixels = win.out_h * win.out_w;
      std::vector<uint8_t> out(size_t(outPixels * n), 0x5A);
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_conv2d(ctx.get(), &d, in.data(), out.data());
      }
      int64_t between = 0;
      for (int64_t p = 0; p < outPixels; ++p) {
        const int64_t y = p / win.out_w * win.stride_h,
                      x = p % win.out_w * win.stride_w;
        const int32_t centreByte = in[size_t((y * win.in_w + x) * c)];
        for (int64_t o = 0; o < n; ++o) {
          const int32_t acc = bias[size_t(o)] + centreByte - 255;
          const int32_t want = requantize(acc, Rounding::DoubleRound,
                                          {mult[size_t(o)], shift[size_t(o)]},
                                          0.0f, 200, 0, 255);
          ASSERT_EQ(int32_t(out[size_t(p * n + o)]), want)
              << "pixel " << p << ", channel " << o << ": acc " << acc;
          between += want > 0 && want < 255;
        }
      }
      EXPECT_GT(between, 0); // not only clamped outputs
    }
}

//===----------------------------------------------------------------------===//
// Float convolution (NCHW, OIHW, zero padding)
//===----------------------------------------------------------------------===//

TEST(Conv2dF32Kernel, MatchesTheDefinitionOnEveryShape) {
  // Multiples of 2^-3, 2^-4 and 2^-7: every partial sum is exact, so the
  // result does not depend on the order of summation and must match bit
  // for bit.
  std::mt19937 rng(99);
  int variant = 0;
  for (const ConvShape &s : convShapes()) {
    const Geometry &g = s.g;
    SCOPED_TRACE(g.name);
    const int64_t cpg = g.channels / s.groups, oc = s.outChannels;
    const int64_t oh = g.outH(), ow = g.outW();
    std::vector<float> in(size_t(g.batch * g.channels * g.inH * g.inW));
    std::vector<float> w(size_t(oc * cpg * g.kh * g.kw)), bias;
    for (float &v : in)
      v = dyadic(rng, 16, 3);
    for (float &v : w)
      v = dyadic(rng, 16, 4);
    if (variant++ % 2)
      for (int64_t o = 0; o < oc; ++o)
        bias.push_back(dyadic(rng, 64, 7));
    qcc_rt_conv2d_desc d{};
    d.kind = QCC_RT_OP_CONV2D_F32;
    d.input_type = d.weight_type = d.output_type = QCC_RT_F32;
    d.window = g.window();
    d.out_channels = oc;
    d.groups = s.groups;
    d.weight = w.data();
    d.bias = bias.empty() ? nullptr : bias.data();
    ASSERT_EQ(validateDescriptor(&d), nullptr);

    const int64_t count = g.batch * oc * oh * ow;
    FloatBuffer ref(count, 0xA5), viaC(count, 0x5A);
    conv2dF32Reference(d, in.data(), ref.data());
    {
      OneOpContext ctx(&d);
      ASSERT_TRUE(ctx) << qcc_rt_last_error();
      qcc_rt_conv2d(ctx.get(), &d, in.data(), viaC.data());
    }
    ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));

    for (int64_t n = 0; n < g.batch; ++n)
      for (int64_t o = 0; o < oc; ++o)
        for (int64_t oy = 0; oy < oh; ++oy)
          for (int64_t ox = 0; ox < ow; ++ox) {
            double acc = bias.empty() ? 0.0 : bias[size_t(o)];
            for (int64_t ky = 0; ky < g.kh; ++ky)
              for (int64_t kx = 0; kx < g.kw; ++kx) {
                const int64_t y = oy * g.sh - g.pt + ky * g.dh;
                const int64_t x = ox * g.sw - g.pl + kx * g.dw;
                if (y < 0 || y >= g.inH || x < 0 || x >= g.inW)
                  continue; // zero padding
                for (int64_t ci = 0; ci < cpg; ++ci) {
                  const int64_t ch = o / (oc / s.groups) * cpg + ci;
                  acc +=
                      double(in[size_t(
                          ((n * g.channels + ch) * g.inH + y) * g.inW + x)]) *
                      w[size_t(((o * cpg + ci) * g.kh + ky) * g.kw + kx)];
                }
              }
            const float got = ref[((n * oc + o) * oh + oy) * ow + ox];
            ASSERT_TRUE(sameFloatBits(got, float(acc)))
                << "at n,c,y,x = " << n << "," << o << "," << oy << "," << ox
                << ": " << got << " vs " << acc;
          }
  }
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

struct ValidConv {
  int8_t w[2 * 3 * 3 * 2] = {};
  int32_t wzp[2] = {0, 0};
  int32_t mult[2] = {1 << 30, 1 << 30}, shift[2] = {-8, -8};
  float scale[2] = {0.01f, 0.02f};
  qcc_rt_conv2d_desc d{};

  ValidConv() {
    d.kind = QCC_RT_OP_CONV2D;
    d.input_type = d.weight_type = d.output_type = QCC_RT_I8;
    d.window = {1, 5, 5, 4, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1};
    d.out_channels = 2;
    d.groups = 2;
    d.weight = w;
    d.weight_zero_point = wzp;
    d.weight_zero_point_count = 2;
    d.requant = {QCC_RT_ROUND_DOUBLE, 2, mult, shift, nullptr, 0, -128, 127, 0};
  }
};

TEST(Conv2dKernel, ContextRejectsMalformedDescriptors) {
  // Each mutation of a valid descriptor, and the validator's reason.
  struct Mutation {
    const char *why;
    void (*mutate)(ValidConv &);
  };
  const Mutation mutations[] = {
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.batch = 0; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.in_w = 0; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.out_h = 0; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.kernel_w = 0; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.stride_h = 0; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.dilation_w = 0; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.pad_bottom = -1; }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) { v.d.window.pad_right = -1; }},
      {"padding as large as the window",
       [](ValidConv &v) { v.d.window.pad_top = 3; }},
      {"padding as large as the window",
       [](ValidConv &v) {
         v.d.window.dilation_w = 2;
         v.d.window.pad_left = 5;
       }},
      {"convolution groups do not divide the channels",
       [](ValidConv &v) { v.d.groups = 0; }},
      {"convolution groups do not divide the channels",
       [](ValidConv &v) { v.d.window.channels = 3; }},
      {"convolution groups do not divide the channels",
       [](ValidConv &v) { v.d.out_channels = 3; }},
      {"convolution groups do not divide the channels",
       [](ValidConv &v) { v.d.out_channels = 0; }},
      {"convolution with an unsupported element type",
       [](ValidConv &v) { v.d.input_type = QCC_RT_I32; }},
      {"convolution with an unsupported element type",
       [](ValidConv &v) { v.d.weight_type = QCC_RT_F32; }},
      {"convolution with an unsupported element type",
       [](ValidConv &v) { v.d.output_type = QCC_RT_F32; }},
      {"weights or weight zero points missing",
       [](ValidConv &v) { v.d.weight = nullptr; }},
      {"weights or weight zero points missing",
       [](ValidConv &v) { v.d.weight_zero_point = nullptr; }},
      {"weights or weight zero points missing",
       [](ValidConv &v) { v.d.weight_zero_point_count = 3; }},
      {"a raw accumulator must be int32",
       [](ValidConv &v) { v.d.requant.rounding = QCC_RT_NO_REQUANT; }},
      {"requantization has neither 1 nor one scale per channel",
       [](ValidConv &v) { v.d.requant.channels = 3; }},
      {"clamp bounds are empty or outside the output type",
       [](ValidConv &v) { v.d.requant.clamp_max = 128; }},
      {"clamp bounds are empty or outside the output type",
       [](ValidConv &v) { v.d.requant.clamp_min = -129; }},
      {"clamp bounds are empty or outside the output type",
       [](ValidConv &v) {
         v.d.requant.clamp_min = 5;
         v.d.requant.clamp_max = 4;
       }},
      {"clamp bounds are empty or outside the output type",
       [](ValidConv &v) {
         v.d.output_type = QCC_RT_U8;
         v.d.requant.clamp_min = -1;
       }},
      {"integer requantization without multipliers",
       [](ValidConv &v) { v.d.requant.multiplier = nullptr; }},
      {"integer requantization without multipliers",
       [](ValidConv &v) {
         v.d.requant.rounding = QCC_RT_ROUND_SINGLE;
         v.d.requant.shift = nullptr;
       }},
      {"multiplier or shift out of range",
       [](ValidConv &v) { v.shift[1] = 31; }},
      {"multiplier or shift out of range",
       [](ValidConv &v) { v.shift[0] = -32; }},
      {"multiplier or shift out of range",
       [](ValidConv &v) { v.mult[1] = -(1 << 30); }},
      {"multiplier is not normalized to [2^30, 2^31)",
       [](ValidConv &v) { v.mult[1] = (1 << 30) - 1; }},
      {"float requantization without scales",
       [](ValidConv &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.requant.scale = nullptr;
       }},
      {"float requantization scale is not positive and finite",
       [](ValidConv &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.requant.scale = v.scale;
         v.scale[1] = 0.0f;
       }},
      {"float requantization scale is not positive and finite",
       [](ValidConv &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.requant.scale = v.scale;
         v.scale[0] = -1.0f;
       }},
      {"float requantization scale is not positive and finite",
       [](ValidConv &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.requant.scale = v.scale;
         v.scale[1] = std::numeric_limits<float>::infinity();
       }},
      {"float requantization scale is not positive and finite",
       [](ValidConv &v) {
         v.d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.requant.scale = v.scale;
         v.scale[0] = std::numeric_limits<float>::quiet_NaN();
       }},
      {"unknown rounding rule", [](ValidConv &v) { v.d.requant.rounding = 4; }},
      {"unknown rounding rule",
       [](ValidConv &v) { v.d.requant.rounding = -1; }},
      {"float convolution without weights",
       [](ValidConv &v) {
         v.d.kind = QCC_RT_OP_CONV2D_F32;
         v.d.weight = nullptr;
       }},
      {"window with empty or negative dimensions",
       [](ValidConv &v) {
         v.d.kind = QCC_RT_OP_CONV2D_F32;
         v.d.window.channels = 0;
       }},
      {"convolution groups do not divide the channels",
       [](ValidConv &v) {
         v.d.kind = QCC_RT_OP_CONV2D_F32;
         v.d.groups = 3;
       }},
  };
  {
    ValidConv v;
    EXPECT_EQ(rejection(&v.d), "");
  }
  for (const Mutation &m : mutations) {
    ValidConv v;
    m.mutate(v);
    EXPECT_EQ(rejection(&v.d), rejected(m.why));
  }
}

TEST(Conv2dKernel, ContextAcceptsEveryWellFormedVariant) {
  // What the validator must let through: a multiplier of 0 (a flushed
  // scale), the extreme shifts, one requantization for all channels, the
  // raw accumulator into int32, an int32 output with a narrower clamp, a
  // float convolution without integer parameters.
  auto accept = [](void (*mutate)(ValidConv &)) {
    ValidConv v;
    mutate(v);
    return rejection(&v.d);
  };
  EXPECT_EQ(accept([](ValidConv &v) { v.mult[0] = 0; }), "");
  EXPECT_EQ(accept([](ValidConv &v) {
              v.shift[0] = -31;
              v.shift[1] = 30;
              v.mult[1] = kInt32Max;
            }),
            "");
  EXPECT_EQ(accept([](ValidConv &v) {
              v.d.requant.channels = 1;
              v.d.weight_zero_point_count = 1;
            }),
            "");
  EXPECT_EQ(accept([](ValidConv &v) {
              v.d.output_type = QCC_RT_I32;
              v.d.requant.rounding = QCC_RT_NO_REQUANT;
              v.d.requant.multiplier = v.d.requant.shift = nullptr;
            }),
            "");
  EXPECT_EQ(accept([](ValidConv &v) {
              v.d.output_type = QCC_RT_I32;
              v.d.requant.clamp_min = -1000000;
              v.d.requant.clamp_max = 1000000;
            }),
            "");
  EXPECT_EQ(accept([](ValidConv &v) {
              v.d.kind = QCC_RT_OP_CONV2D_F32;
              v.d.input_type = v.d.weight_type = v.d.output_type = QCC_RT_F32;
              v.d.weight_zero_point = nullptr;
              v.d.requant = {};
            }),
            "");
}

TEST(Context, RejectsUnknownAndNullDescriptorsNamingTheOperation) {
  ValidConv good;
  const int32_t unknownKind = 99;
  const void *ops[] = {&good.d, &unknownKind};
  qcc_rt_model_info info{QCC_RT_ABI_VERSION, 2, ops, 0};
  EXPECT_EQ(qcc_rt_context_create(&info), nullptr);
  EXPECT_STREQ(qcc_rt_last_error(),
               "operation descriptor 1: unknown operation kind");
  ops[1] = nullptr;
  EXPECT_EQ(qcc_rt_context_create(&info), nullptr);
  EXPECT_STREQ(qcc_rt_last_error(),
               "operation descriptor 1: null operation descriptor");
  const int32_t zeroKind = 0;
  ops[1] = &zeroKind;
  EXPECT_EQ(qcc_rt_context_create(&info), nullptr);
  EXPECT_STREQ(qcc_rt_last_error(),
               "operation descriptor 1: unknown operation kind");
  EXPECT_EQ(qcc_rt_context_create(nullptr), nullptr);
  EXPECT_STREQ(qcc_rt_last_error(), "no model");
  // A good model clears the error.
  info.num_ops = 1;
  qcc_rt_context *ctx = qcc_rt_context_create(&info);
  ASSERT_NE(ctx, nullptr);
  EXPECT_STREQ(qcc_rt_last_error(), "");
  qcc_rt_context_destroy(ctx);
}

} // namespace
