// The portable kernels and the C entry points, bit-exact against the rules of
// Requantize.h on random and edge inputs: every input/weight/output type,
// per-tensor and per-channel, every rounding rule, zero points at the ends of
// their ranges, saturating accumulators, fused ReLU clamps.
#include "KernelTestSupport.h"
#include "qcc/runtime/ReferenceKernels.h"
#include "qcc/runtime/qcc_runtime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

using namespace qcc::rt;

namespace {

struct FcCase {
  int32_t inType, weightType, outType;
  Rounding rounding;
  bool perChannel, bias;
  /// Weight zero points all 0, as symmetric quantizers make them: the
  /// kernels then need no row sums and read u8 rows in place.
  bool symmetric = false;
};

int32_t lo(int32_t t) { return t == QCC_RT_I8 ? -128 : 0; }
int32_t hi(int32_t t) { return t == QCC_RT_I8 ? 127 : 255; }

/// Element i of a tensor of 8-bit `type`.
int32_t value(const std::vector<uint8_t> &v, int32_t type, int64_t i) {
  return type == QCC_RT_I8 ? int32_t(int8_t(v[i])) : int32_t(v[i]);
}

/// A fully connected layer with its data and the expected output computed
/// here, straight from the definition.
struct FcProblem {
  int64_t m, k, n;
  FcCase c;
  std::vector<uint8_t> input, weight, output;
  std::vector<int32_t> bias, wzp, mult, shift;
  std::vector<float> scale;
  qcc_rt_fc_desc desc{};

  FcProblem(int64_t m, int64_t k, int64_t n, FcCase c, std::mt19937 &rng,
            bool extreme)
      : m(m), k(k), n(n), c(c), input(m * k), weight(n * k), output(m * n) {
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto &v : input)
      v = uint8_t(extreme ? (byte(rng) & 1 ? hi(c.inType) : lo(c.inType))
                          : byte(rng));
    for (auto &v : weight)
      v = uint8_t(extreme
                      ? (byte(rng) & 1 ? hi(c.weightType) : lo(c.weightType))
                      : byte(rng));
    int64_t channels = c.perChannel ? n : 1;
    std::uniform_int_distribution<int> zp(0, 255);
    for (int64_t i = 0; i < channels; ++i) {
      // Zero points at the ends of the range, and in between.
      int32_t z = c.symmetric  ? 0
                  : i % 3 == 0 ? lo(c.weightType)
                  : i % 3 == 1 ? hi(c.weightType)
                               : lo(c.weightType) + zp(rng);
      wzp.push_back(z);
      std::uniform_real_distribution<double> e(-20.0, -4.0);
      double real = std::exp2(e(rng));
      QuantizedMultiplier qm;
      quantizeMultiplier(real, qm);
      mult.push_back(qm.multiplier);
      shift.push_back(qm.shift);
      scale.push_back(float(real));
    }
    std::uniform_int_distribution<int32_t> b(-100000, 100000);
    if (c.bias)
      for (int64_t i = 0; i < n; ++i)
        bias.push_back(i == 0   ? kInt32Max - 5
                       : i == 1 ? kInt32Min + 5
                                : b(rng));
    desc.kind = QCC_RT_OP_FULLY_CONNECTED;
    desc.input_type = c.inType;
    desc.weight_type = c.weightType;
    desc.output_type = c.outType;
    desc.m = m;
    desc.k = k;
    desc.n = n;
    desc.weight = weight.data();
    desc.bias = c.bias ? bias.data() : nullptr;
    desc.weight_zero_point = wzp.data();
    desc.weight_zero_point_count = int32_t(wzp.size());
    desc.input_zero_point = extreme ? lo(c.inType) : lo(c.inType) + 77;
    desc.requant.rounding = int32_t(c.rounding);
    desc.requant.channels = int32_t(channels);
    desc.requant.multiplier = mult.data();
    desc.requant.shift = shift.data();
    desc.requant.scale = scale.data();
    desc.requant.output_zero_point = hi(c.outType) - 3;
    desc.requant.clamp_min = lo(c.outType) + 1;
    desc.requant.clamp_max = hi(c.outType);
  }

  int32_t expected(int64_t row, int64_t col) const {
    int64_t acc = c.bias ? bias[col] : 0;
    int32_t z = wzp[c.perChannel ? col : 0];
    for (int64_t i = 0; i < k; ++i)
      acc +=
          int64_t(value(input, c.inType, row * k + i) - desc.input_zero_point) *
          (value(weight, c.weightType, col * k + i) - z);
    int32_t wrapped = int32_t(uint32_t(uint64_t(acc))); // int32 wraps
    int64_t ch = c.perChannel ? col : 0;
    return requantize(wrapped, c.rounding, {mult[ch], shift[ch]}, scale[ch],
                      desc.requant.output_zero_point, desc.requant.clamp_min,
                      desc.requant.clamp_max);
  }

  void check() const {
    for (int64_t row = 0; row < m; ++row)
      for (int64_t col = 0; col < n; ++col)
        ASSERT_EQ(value(output, c.outType, row * n + col), expected(row, col))
            << "at [" << row << "][" << col << "]";
  }
};

std::vector<FcCase> allCases() {
  std::vector<FcCase> cases;
  for (int32_t in : {QCC_RT_I8, QCC_RT_U8})
    for (int32_t w : {QCC_RT_I8, QCC_RT_U8})
      for (int32_t out : {QCC_RT_I8, QCC_RT_U8})
        for (Rounding r : {Rounding::DoubleRound, Rounding::SingleRound,
                           Rounding::FloatHalfEven})
          for (bool perChannel : {false, true})
            for (bool bias : {false, true})
              cases.push_back({in, w, out, r, perChannel, bias});
  return cases;
}

class FullyConnected : public ::testing::TestWithParam<FcCase> {};

TEST_P(FullyConnected, ReferenceKernelMatchesTheRules) {
  std::mt19937 rng(7);
  for (auto [m, k, n] : {std::tuple<int64_t, int64_t, int64_t>{1, 1, 1},
                         {3, 17, 5},
                         {8, 64, 16},
                         {5, 300, 7}}) {
    for (bool extreme : {false, true}) {
      FcProblem p(m, k, n, GetParam(), rng, extreme);
      ASSERT_EQ(validateDescriptor(&p.desc), nullptr);
      fullyConnectedReference(p.desc, p.input.data(), p.output.data());
      p.check();
    }
  }
}

TEST_P(FullyConnected, CEntryPointMatchesTheRules) {
  std::mt19937 rng(8);
  FcProblem p(4, 33, 9, GetParam(), rng, false);
  const void *ops[] = {&p.desc};
  qcc_rt_model_info info{QCC_RT_ABI_VERSION, 1, ops, 0};
  qcc_rt_context *ctx = qcc_rt_context_create(&info);
  ASSERT_NE(ctx, nullptr) << qcc_rt_last_error();
  qcc_rt_fully_connected(ctx, &p.desc, p.input.data(), p.output.data());
  qcc_rt_context_destroy(ctx);
  p.check();
}

// Shapes that select every tile shape of every path (16 to 64 columns per
// tile, 4 to 32 rows), partial tiles at both edges, k blocked (> 4096) and
// padded to whole AMX tiles (also a k under two tiles, which AMX takes for
// 64 columns or more), and more than one chunk of packed rows (rows
// read in place where the weights are symmetric, the last partial chunk
// packed), and weights past kL2StreamedBytes (1.6 MB, whose next panel AMX
// prefetches on 1 thread); on the path QCC_ISA names (ctest runs this once
// per path).
TEST(FullyConnected, EveryTileShapeMatchesTheRules) {
  std::mt19937 rng(11);
  const std::tuple<int64_t, int64_t, int64_t> shapes[] = {
      {1, 4, 16},    {8, 64, 48},      {7, 100, 96},   {16, 36, 16},
      {33, 20, 24},  {24, 64, 32},     {40, 8, 40},    {100, 1100, 130},
      {300, 64, 64}, {5000, 40, 16},   {17, 700, 200}, {600, 768, 64},
      {40, 96, 80},  {16, 1024, 1600}, {20, 4500, 70}};
  const FcCase cases[] = {
      {QCC_RT_U8, QCC_RT_I8, QCC_RT_U8, Rounding::DoubleRound, true, true},
      {QCC_RT_I8, QCC_RT_U8, QCC_RT_I8, Rounding::SingleRound, true, true},
      {QCC_RT_U8, QCC_RT_U8, QCC_RT_U8, Rounding::FloatHalfEven, false, true},
      {QCC_RT_I8, QCC_RT_I8, QCC_RT_I8, Rounding::DoubleRound, false, false},
      {QCC_RT_U8, QCC_RT_I8, QCC_RT_U8, Rounding::DoubleRound, true, true,
       true},
      {QCC_RT_U8, QCC_RT_I8, QCC_RT_I8, Rounding::SingleRound, false, false,
       true}};
  int variant = 0;
  for (const FcCase &c : cases)
    for (auto [m, k, n] : shapes) {
      SCOPED_TRACE(::testing::Message() << m << "x" << k << "x" << n);
      FcProblem p(m, k, n, c, rng, false);
      // Every other problem clamps to the output type's whole range, which
      // AVX-512 stores by packing whole rows of a tile
      // (finishPackedRows).
      if (variant++ % 2)
        p.desc.requant.clamp_min = lo(c.outType);
      const void *ops[] = {&p.desc};
      qcc_rt_model_info info{QCC_RT_ABI_VERSION, 1, ops, 0};
      qcc_rt_context *ctx = qcc_rt_context_create(&info);
      ASSERT_NE(ctx, nullptr) << qcc_rt_last_error();
      qcc_rt_fully_connected(ctx, &p.desc, p.input.data(), p.output.data());
      EXPECT_TRUE(test::tilesReleased());
      p.check();
      if (::testing::Test::HasFatalFailure()) {
        qcc_rt_context_destroy(ctx);
        return;
      }
      // Again from rows on cache lines, which AMX reads in place.
      const size_t bytes = p.input.size();
      std::unique_ptr<uint8_t, decltype(&std::free)> aligned(
          static_cast<uint8_t *>(
              std::aligned_alloc(64, (bytes + 63) / 64 * 64)),
          &std::free);
      std::memcpy(aligned.get(), p.input.data(), bytes);
      std::fill(p.output.begin(), p.output.end(), uint8_t(0x5A));
      qcc_rt_fully_connected(ctx, &p.desc, aligned.get(), p.output.data());
      qcc_rt_context_destroy(ctx);
      p.check();
      if (::testing::Test::HasFatalFailure())
        return;
    }
}

std::string caseName(const ::testing::TestParamInfo<FcCase> &info) {
  const FcCase &c = info.param;
  auto t = [](int32_t v) { return v == QCC_RT_I8 ? "s8" : "u8"; };
  return std::string(t(c.inType)) + t(c.weightType) + t(c.outType) + "_" +
         roundingName(c.rounding) +
         (c.perChannel ? "_perchannel" : "_pertensor") +
         (c.bias ? "_bias" : "_nobias");
}

INSTANTIATE_TEST_SUITE_P(AllTypes, FullyConnected,
                         ::testing::ValuesIn(allCases()), caseName);

/// A uint8 layer of m x k x n, the weights' zero point at 0 and the input's
/// at 255 (a - za from -255 to 0), run through a context: its output bytes,
/// or none (and a failure) when the context refuses it.
std::vector<uint8_t> runUint8Fc(int64_t m, int64_t k, int64_t n,
                                int32_t outType, const std::vector<uint8_t> &in,
                                const std::vector<uint8_t> &w,
                                const std::vector<int32_t> &bias,
                                const qcc_rt_requant &requant) {
  int32_t wzp = 0;
  qcc_rt_fc_desc d{};
  d.kind = QCC_RT_OP_FULLY_CONNECTED;
  d.input_type = QCC_RT_U8;
  d.weight_type = QCC_RT_U8;
  d.output_type = outType;
  d.m = m;
  d.k = k;
  d.n = n;
  d.weight = w.data();
  d.bias = bias.data();
  d.weight_zero_point = &wzp;
  d.weight_zero_point_count = 1;
  d.input_zero_point = 255;
  d.requant = requant;
  test::OneOpContext ctx(&d);
  if (!ctx) {
    ADD_FAILURE() << qcc_rt_last_error();
    return {};
  }
  std::vector<uint8_t> out(static_cast<size_t>(m * n), 0x5A);
  qcc_rt_fully_connected(ctx.get(), &d, in.data(), out.data());
  return out;
}

// AVX-512 corrects double rounding's negative products on doubled sums
// where every accumulator is below 2^30 in magnitude (Epilogue::
// negativeBelow), and keeps the undoubled form past that: accumulators at
// either side of the bound, each sign, with the output clamp below the zero
// point (so the correction applies) and every right shift of 1 to 22.
TEST(FullyConnected, AccumulatorsAtTheBoundOfDoubledSums) {
  for (const int64_t top : {(int64_t(1) << 30) - 1, (int64_t(1) << 30) + 100}) {
    SCOPED_TRACE(::testing::Message() << "largest accumulator " << top);
    const int64_t m = 256, k = 1, n = 44;
    std::vector<uint8_t> in(m);
    for (int64_t i = 0; i < m; ++i)
      in[size_t(i)] = uint8_t(i);
    // w - zw = 1 and |a - za| <= 255, so |acc| <= 255 + |bias| = top.
    std::vector<uint8_t> w(static_cast<size_t>(n), 1);
    std::vector<int32_t> bias(static_cast<size_t>(n)),
        mult(static_cast<size_t>(n)), shift(static_cast<size_t>(n));
    for (int64_t c = 0; c < n; ++c) {
      // Multipliers at the ends of [2^30, 2^31) and in between.
      mult[size_t(c)] = c % 4 == 0   ? 1 << 30
                        : c % 4 == 1 ? (1 << 30) + int32_t(c) * 977
                                     : int32_t(kInt32Max - c);
      if (c < 40) { // shifts that bring +-2^30 back near the output's range
        bias[size_t(c)] = int32_t(c % 2 ? top - 255 : -(top - 255));
        shift[size_t(c)] = -int32_t(1 + c / 2);
      } else { // accumulators -255..1 (p around -2^30), small shifts
        bias[size_t(c)] = c % 2;
        shift[size_t(c)] = -int32_t(c - 39);
      }
    }
    const std::vector<uint8_t> out =
        runUint8Fc(m, k, n, QCC_RT_U8, in, w, bias,
                   {int32_t(Rounding::DoubleRound), int32_t(n), mult.data(),
                    shift.data(), nullptr, 200, 3, 255, 0});
    ASSERT_EQ(out.size(), size_t(m * n));
    int64_t between = 0;
    for (int64_t r = 0; r < m; ++r)
      for (int64_t c = 0; c < n; ++c) {
        const int32_t acc = bias[size_t(c)] + int32_t(r) - 255;
        const int32_t want =
            requantize(acc, Rounding::DoubleRound,
                       {mult[size_t(c)], shift[size_t(c)]}, 0.0f, 200, 3, 255);
        ASSERT_EQ(int32_t(out[size_t(r * n + c)]), want)
            << "row " << r << ", column " << c << ": acc " << acc;
        between += want > 3 && want < 255;
      }
    EXPECT_GT(between, 0); // not only clamped outputs
  }
}

// AVX-512 drops the float rule's clamp where every scale is at most
// kFoldedFloatScaleMax (|float(acc) * scale| stays below 2^31 - 2^8, so the
// conversion and the zero point's addition cannot overflow) and keeps it
// past that: accumulators within 255 of both ends of int32, each output
// type with its zero point at either end, scales at the bound and just
// past it (1 - 2^-24, 1, 3), beside channels of ordinary scales and ties.
TEST(FullyConnected, FloatRuleAtTheBoundOfItsFoldedForm) {
  const float bound = 1.0f - 0x1p-22f; // kFoldedFloatScaleMax (gemm/Gemm.h)
  const float past[] = {1.0f - 0x1p-24f, 1.0f, 3.0f};
  for (const int64_t n : {16, 64})
    for (const int32_t outType : {QCC_RT_U8, QCC_RT_I8})
      for (const bool atEnd : {false, true})
        for (int layer = 0; layer < 4; ++layer) {
          // Layer 0 folds; layers 1-3 have one channel past the bound.
          SCOPED_TRACE(::testing::Message()
                       << "n " << n << ", output " << outType
                       << ", zero point at the " << (atEnd ? "top" : "bottom")
                       << ", layer " << layer);
          const int64_t m = 256, k = 64;
          // Row r: a[0] = r, a - za from -255 to 0; w[c][0] - zw = 1 and the
          // rest 0, so acc = bias[c] + r - 255.
          std::vector<uint8_t> in(size_t(m * k), 7);
          for (int64_t r = 0; r < m; ++r)
            in[size_t(r * k)] = uint8_t(r);
          std::vector<uint8_t> w(size_t(n * k), 0);
          for (int64_t c = 0; c < n; ++c)
            w[size_t(c * k)] = 1;
          std::vector<int32_t> bias(static_cast<size_t>(n));
          std::vector<float> scale(static_cast<size_t>(n));
          for (int64_t c = 0; c < n; ++c) {
            bias[size_t(c)] = c % 4 == 0   ? kInt32Max
                              : c % 4 == 1 ? kInt32Min + 255
                                           : 128;
            scale[size_t(c)] = c % 4 < 2    ? bound
                               : c % 4 == 2 ? 0.5f // ties
                                            : 0.37f;
          }
          if (layer > 0)
            scale[size_t(layer % 2 ? 0 : 1)] = past[layer - 1];
          const int32_t qmin = lo(outType), qmax = hi(outType);
          const int32_t zp = atEnd ? qmax : qmin;
          const std::vector<uint8_t> out =
              runUint8Fc(m, k, n, outType, in, w, bias,
                         {int32_t(Rounding::FloatHalfEven), int32_t(n), nullptr,
                          nullptr, scale.data(), zp, qmin, qmax, 0});
          ASSERT_EQ(out.size(), size_t(m * n));
          int64_t between = 0;
          for (int64_t r = 0; r < m; ++r)
            for (int64_t c = 0; c < n; ++c) {
              const int32_t acc = int32_t(int64_t(bias[size_t(c)]) + r - 255);
              const int32_t want =
                  requantize(acc, Rounding::FloatHalfEven, {0, 0},
                             scale[size_t(c)], zp, qmin, qmax);
              ASSERT_EQ(value(out, outType, r * n + c), want)
                  << "row " << r << ", column " << c << ": acc " << acc;
              between += want > qmin && want < qmax;
            }
          EXPECT_GT(between, 0); // not only clamped outputs
        }
}

TEST(FullyConnected, AccumulatorWrapsModulo2Pow32) {
  // 40000 products of 255 * 255 overflow int32; the rule is wraparound, the
  // same in every decomposition of the zero-point terms.
  const int64_t k = 40000;
  std::vector<uint8_t> in(k, 255), w(k, 0);
  int32_t wzp = 255, mult = 1 << 30, shift = -7; // scale 2^-8
  qcc_rt_fc_desc d{};
  d.kind = QCC_RT_OP_FULLY_CONNECTED;
  d.input_type = QCC_RT_U8;
  d.weight_type = QCC_RT_U8;
  d.output_type = QCC_RT_I32;
  d.m = d.n = 1;
  d.k = k;
  d.weight = w.data();
  d.weight_zero_point = &wzp;
  d.weight_zero_point_count = 1;
  d.requant = {int32_t(Rounding::DoubleRound),
               1,
               &mult,
               &shift,
               nullptr,
               0,
               kInt32Min,
               kInt32Max,
               0};
  int32_t out = 0;
  fullyConnectedReference(d, in.data(), &out);
  // -255 * 255 * 40000 = -2601000000 wraps to 1693967296; / 256 = 6617059.75.
  EXPECT_EQ(int32_t(uint32_t(uint64_t(-255LL * 255 * k))), 1693967296);
  EXPECT_EQ(out, 6617060);
}

TEST(QuantizeKernels, PerAxisMatchesTheRules) {
  // [2][3][2] quantized along axis 1: inner = 2.
  std::vector<float> x(12);
  for (int i = 0; i < 12; ++i)
    x[i] = float(i) * 0.3f - 1.7f;
  float scales[] = {0.1f, 0.25f, 0.5f};
  int32_t zps[] = {0, 10, 255};
  qcc_rt_quant_desc d{
      QCC_RT_OP_QUANTIZE, QCC_RT_U8, 12, 3, 2, scales, zps, 0, 255};
  std::vector<uint8_t> q(12);
  quantizeReference(d, x.data(), q.data());
  std::vector<float> back(12);
  d.kind = QCC_RT_OP_DEQUANTIZE;
  dequantizeReference(d, q.data(), back.data());
  for (int i = 0; i < 12; ++i) {
    int c = (i / 2) % 3;
    EXPECT_EQ(q[i], quantizeValue(x[i], scales[c], zps[c], 0, 255)) << i;
    EXPECT_EQ(back[i], dequantizeValue(q[i], scales[c], zps[c])) << i;
  }
}

TEST(Context, RunsItsOperationsInAnyOrder) {
  // The context finds each call's prepared operation after the one run
  // last when the descriptor is there (compiled code calls them in order):
  // any other order, a repeat, and a descriptor the model does not have
  // (the reference kernel) must run each one's own weights.
  std::mt19937 rng(11);
  const FcCase c{QCC_RT_U8, QCC_RT_I8, QCC_RT_U8, Rounding::DoubleRound,
                 true,      true};
  FcProblem a(6, 40, 20, c, rng, false), b(3, 70, 48, c, rng, false),
      d(9, 24, 33, c, rng, false), outside(5, 30, 17, c, rng, false);
  FcProblem *problems[] = {&a, &b, &d, &outside};
  const void *ops[] = {&a.desc, &b.desc, &d.desc};
  qcc_rt_model_info info{QCC_RT_ABI_VERSION, 3, ops, 0};
  qcc_rt_context *ctx = qcc_rt_context_create(&info);
  ASSERT_NE(ctx, nullptr) << qcc_rt_last_error();
  for (int i : {0, 1, 2, 2, 1, 0, 3, 0, 2, 3, 1, 1, 2}) {
    SCOPED_TRACE(i);
    FcProblem &p = *problems[i];
    std::fill(p.output.begin(), p.output.end(), uint8_t(0x5A));
    qcc_rt_fully_connected(ctx, &p.desc, p.input.data(), p.output.data());
    p.check();
  }
  qcc_rt_context_destroy(ctx);
}

TEST(Context, RejectsDescriptorsItCannotRun) {
  int32_t mult = 5, shift = 0, wzp = 0;
  int8_t w = 1;
  qcc_rt_fc_desc d{};
  d.kind = QCC_RT_OP_FULLY_CONNECTED;
  d.input_type = d.weight_type = d.output_type = QCC_RT_I8;
  d.m = d.k = d.n = 1;
  d.weight = &w;
  d.weight_zero_point = &wzp;
  d.weight_zero_point_count = 1;
  d.requant = {0, 1, &mult, &shift, nullptr, 0, -128, 127, 0};
  const void *ops[] = {&d};
  qcc_rt_model_info info{QCC_RT_ABI_VERSION, 1, ops, 0};
  EXPECT_EQ(qcc_rt_context_create(&info), nullptr);
  EXPECT_STREQ(qcc_rt_last_error(),
               "operation descriptor 0: multiplier is not normalized to "
               "[2^30, 2^31)");
  mult = 1 << 30;
  d.requant.clamp_max = 300;
  EXPECT_EQ(qcc_rt_context_create(&info), nullptr);
  d.requant.clamp_max = 127;
  info.abi_version = QCC_RT_ABI_VERSION + 1;
  EXPECT_EQ(qcc_rt_context_create(&info), nullptr);
  EXPECT_NE(std::string(qcc_rt_last_error()).find("ABI"), std::string::npos);
  info.abi_version = QCC_RT_ABI_VERSION;
  info.arena_size = 1000;
  qcc_rt_context *ctx = qcc_rt_context_create(&info);
  ASSERT_NE(ctx, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(qcc_rt_arena(ctx)) % 64, 0u);
  qcc_rt_context_destroy(ctx);
}

} // namespace
