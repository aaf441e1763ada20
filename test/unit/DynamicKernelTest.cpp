// The run-time quantization kernels (dynamic fully connected, dynamic
// quantize, DynamicQuantizeLinear) and their C entry points, bit-exact
// against the range measured here and the rules of Requantize.h
// (dynamicQuantParams, quantizeValue, dequantizeValue): ONNX's 0..255
// range, PyTorch's reduce_range and an int8 range; inputs all positive, all
// negative, all zero (the fallback scale), single elements, exact ties in
// the zero point and in the quantized values; per-tensor and per-channel
// weight zero points and scales, bias, ReLU; the float linear fallback;
// and every complaint of the validator.
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

struct NamedRange {
  const char *name;
  int32_t outputType;
  qcc_rt_dynamic_range range;
};

const NamedRange kRanges[] = {
    {"onnx_u8", QCC_RT_U8, {0, 255, 0, 255, 1.0f, 0}},
    {"reduce_range_u8", QCC_RT_U8, {0, 127, 0, 255, 1.0f, 0}},
    {"s8", QCC_RT_I8, {-128, 127, -128, 127, 1.0f, 0}},
    {"u8_small_fallback", QCC_RT_U8, {0, 255, 0, 255, 0.0078125f, 0}},
};

/// Input patterns: how the measured range and ties come about.
enum class Pattern {
  Random,   ///< mixed signs
  Positive, ///< min widens to 0: zero point qmin
  Negative, ///< max widens to 0: zero point qmax
  Zero,     ///< empty range: the fallback scale
  Ties,     ///< range [-2.5, 252.5]: zero point and values on halves
  Large,    ///< magnitudes around 1e6
  PastQmax, ///< range [-1.5, 125.5]: with qmax 127, the top value
            ///< quantizes to 128, inside the storage range only
};
const Pattern kPatterns[] = {
    Pattern::Random, Pattern::Positive, Pattern::Negative, Pattern::Zero,
    Pattern::Ties,   Pattern::Large,    Pattern::PastQmax};
const char *patternName(Pattern p) {
  switch (p) {
  case Pattern::Random:
    return "random";
  case Pattern::Positive:
    return "positive";
  case Pattern::Negative:
    return "negative";
  case Pattern::Zero:
    return "zero";
  case Pattern::Ties:
    return "ties";
  case Pattern::Large:
    return "large";
  case Pattern::PastQmax:
    return "past_qmax";
  }
  return "?";
}

std::vector<float> makeInput(Pattern p, int64_t count, std::mt19937 &rng) {
  std::vector<float> x(static_cast<size_t>(count));
  auto uniform = [&](double lo, double hi) {
    return float(std::uniform_real_distribution<double>(lo, hi)(rng));
  };
  for (int64_t i = 0; i < count; ++i) {
    float &v = x[size_t(i)];
    switch (p) {
    case Pattern::Random:
      v = uniform(-3.0, 5.0);
      break;
    case Pattern::Positive:
      v = uniform(0.5, 7.0);
      break;
    case Pattern::Negative:
      v = uniform(-9.0, -0.25);
      break;
    case Pattern::Zero:
      v = randomInt(rng, 0, 1) ? 0.0f : -0.0f;
      break;
    case Pattern::Ties:
      // Scale 255 / 255 = 1 for a 0..255 range: values k + 1/2 are ties;
      // the zero point 0 + 2.5 is one too.
      v = float(randomInt(rng, -2, 251)) + 0.5f;
      break;
    case Pattern::Large:
      v = uniform(-2e6, 1e6);
      break;
    case Pattern::PastQmax:
      // Scale 127 / 127 = 1 for reduce_range; zero point 1.5 -> 2 (to
      // even); 125.5 -> 126 + 2 = 128.
      v = float(randomInt(rng, -1, 124)) + 0.5f;
      break;
    }
  }
  if (p == Pattern::PastQmax && count > 0) {
    x[0] = -1.5f;
    x[size_t(count - 1)] = 125.5f;
  }
  if (p == Pattern::Ties && count > 0) {
    x[0] = -2.5f;
    x[size_t(count - 1)] = 252.5f;
  }
  return x;
}

/// The quantization of the tensor, measured here.
void measure(const std::vector<float> &x, const qcc_rt_dynamic_range &r,
             float &scale, int32_t &zp) {
  float lo = 0.0f, hi = 0.0f;
  if (!x.empty()) {
    const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
    lo = *mn;
    hi = *mx;
  }
  DynamicRange range;
  range.qmin = r.qmin;
  range.qmax = r.qmax;
  range.storageMin = r.storage_min;
  range.storageMax = r.storage_max;
  range.fallbackScale = r.fallback_scale;
  dynamicQuantParams(lo, hi, range, scale, zp);
}

const int64_t kCounts[] = {0, 1, 2, 7, 64, 1000};

//===----------------------------------------------------------------------===//
// Dynamic quantize (the dequantized values) and DynamicQuantizeLinear
//===----------------------------------------------------------------------===//

TEST(DynamicQuantizeKernel, WritesTheDequantizedValues) {
  std::mt19937 rng(5);
  for (const NamedRange &r : kRanges)
    for (Pattern p : kPatterns)
      for (int64_t count : kCounts) {
        SCOPED_TRACE(::testing::Message()
                     << r.name << " " << patternName(p) << " count " << count);
        const std::vector<float> x = makeInput(p, count, rng);
        qcc_rt_dynamic_quantize_desc d{QCC_RT_OP_DYNAMIC_QUANTIZE, r.outputType,
                                       count, r.range};
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        FloatBuffer ref(count, 0xA5), viaC(count, 0x5A);
        dynamicQuantizeReference(d, x.data(), ref.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_dynamic_quantize(ctx.get(), &d, x.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
        float scale;
        int32_t zp;
        measure(x, r.range, scale, zp);
        for (int64_t i = 0; i < count; ++i) {
          const float want = dequantizeValue(
              quantizeValue(x[size_t(i)], scale, zp, r.range.storage_min,
                            r.range.storage_max),
              scale, zp);
          ASSERT_TRUE(sameFloatBits(ref[i], want))
              << "at " << i << ": " << x[size_t(i)] << " -> " << ref[i]
              << ", want " << want << " (scale " << scale << ", zero point "
              << zp << ")";
        }
      }
}

TEST(DynamicQuantizeLinearKernel, WritesValuesScaleAndZeroPoint) {
  std::mt19937 rng(6);
  for (const NamedRange &r : kRanges)
    for (Pattern p : kPatterns)
      for (int64_t count : kCounts) {
        SCOPED_TRACE(::testing::Message()
                     << r.name << " " << patternName(p) << " count " << count);
        const std::vector<float> x = makeInput(p, count, rng);
        qcc_rt_dynamic_quantize_desc d{QCC_RT_OP_DYNAMIC_QUANTIZE, r.outputType,
                                       count, r.range};
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        IntBuffer ref(r.outputType, count, 0xA5),
            viaC(r.outputType, count, 0x5A);
        FloatBuffer refScale(1, 0xA5), viaCScale(1, 0x5A);
        IntBuffer refZp(r.outputType, 1, 0xA5), viaCZp(r.outputType, 1, 0x5A);
        dynamicQuantizeLinearReference(d, x.data(), ref.data(), refScale.data(),
                                       refZp.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_dynamic_quantize_linear(ctx.get(), &d, x.data(), viaC.data(),
                                         viaCScale.data(), viaCZp.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
        ASSERT_TRUE(sameBytes(refScale.bytes(), viaCScale.bytes()));
        ASSERT_TRUE(sameBytes(refZp.bytes(), viaCZp.bytes()));
        float scale;
        int32_t zp;
        measure(x, r.range, scale, zp);
        EXPECT_TRUE(sameFloatBits(refScale[0], scale))
            << refScale[0] << " vs " << scale;
        EXPECT_EQ(refZp.get(0), zp);
        if (p == Pattern::Zero) {
          EXPECT_EQ(scale, r.range.fallback_scale);
        } else if (p == Pattern::Positive && count > 0) {
          EXPECT_EQ(zp, r.range.qmin);
        } else if (p == Pattern::Negative && count > 0) {
          EXPECT_EQ(zp, r.range.qmax);
        } else if (p == Pattern::PastQmax && r.range.qmax == 127 &&
                   r.range.storage_max == 255 && count > 1) {
          EXPECT_EQ(ref.get(count - 1), 128); // beyond qmax, inside storage
        }
        for (int64_t i = 0; i < count; ++i)
          ASSERT_EQ(ref.get(i),
                    quantizeValue(x[size_t(i)], scale, zp, r.range.storage_min,
                                  r.range.storage_max))
              << "at " << i << ": " << x[size_t(i)];
      }
}

TEST(DynamicQuantizeLinearKernel, TiesByHand) {
  // Range [-2.5, 252.5] over 0..255: scale 1, zero point 2.5 -> 2 (to
  // even); then every value rounds to even before the zero point is added:
  // -2.5 -> -2 + 2, 252.5 -> 252 + 2, 0.5 -> 0 + 2, 1.5 -> 2 + 2,
  // -1.5 -> -2 + 2, 2.5 -> 2 + 2, 250.5 -> 250 + 2, -0.5 -> 0 + 2.
  const float x[] = {-2.5f, 252.5f, 0.5f, 1.5f, -1.5f, 2.5f, 250.5f, -0.5f};
  const uint8_t want[] = {0, 254, 2, 4, 0, 4, 252, 2};
  qcc_rt_dynamic_quantize_desc d{
      QCC_RT_OP_DYNAMIC_QUANTIZE, QCC_RT_U8, 8, {0, 255, 0, 255, 1.0f, 0}};
  uint8_t out[8], zp = 99;
  float scale = 0.0f;
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_dynamic_quantize_linear(ctx.get(), &d, x, out, &scale, &zp);
  EXPECT_EQ(scale, 1.0f);
  EXPECT_EQ(zp, 2);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(out[i], want[i]) << i;
  // int8: zero point -128 + 2.5 = -125.5 -> -126.
  d.output_type = QCC_RT_I8;
  d.range = {-128, 127, -128, 127, 1.0f, 0};
  int8_t out8[8], zp8 = 0;
  dynamicQuantizeLinearReference(d, x, out8, &scale, &zp8);
  EXPECT_EQ(scale, 1.0f);
  EXPECT_EQ(zp8, -126);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(out8[i], int(want[i]) - 128) << i;
}

//===----------------------------------------------------------------------===//
// Dynamic fully connected
//===----------------------------------------------------------------------===//

struct DynFcCase {
  int32_t weightType;
  bool perChannelZp, perChannelScale;
};

class DynamicFc : public ::testing::TestWithParam<DynFcCase> {};

TEST_P(DynamicFc, MatchesTheDefinition) {
  const DynFcCase c = GetParam();
  const int32_t wLo = typeMin(c.weightType), wHi = typeMax(c.weightType);
  std::mt19937 rng(1999);
  struct Shape {
    int64_t m, k, n;
  };
  const Shape shapes[] = {
      {1, 1, 1}, {3, 17, 5}, {4, 64, 9}, {2, 300, 3}, {0, 5, 2}};
  int variant = 0;
  for (const NamedRange &r : kRanges)
    for (Pattern p : kPatterns)
      for (const Shape &s : shapes) {
        ++variant;
        SCOPED_TRACE(::testing::Message()
                     << r.name << " " << patternName(p) << " " << s.m << "x"
                     << s.k << "x" << s.n);
        const std::vector<float> x = makeInput(p, s.m * s.k, rng);
        IntBuffer w(c.weightType, s.n * s.k);
        for (int64_t i = 0; i < w.count(); ++i)
          w.set(i, variant % 4 == 0 ? (randomInt(rng, 0, 1) ? wHi : wLo)
                                    : randomInt(rng, wLo, wHi));
        std::vector<int32_t> wzp;
        std::vector<float> wscale, bias;
        for (int64_t j = 0; j < (c.perChannelZp ? s.n : 1); ++j)
          wzp.push_back((j + variant) % 3 == 0   ? wLo
                        : (j + variant) % 3 == 1 ? wHi
                                                 : randomInt(rng, wLo, wHi));
        for (int64_t j = 0; j < (c.perChannelScale ? s.n : 1); ++j)
          wscale.push_back(float(randomScale(rng, -10, -4)));
        const bool hasBias = variant % 2;
        if (hasBias)
          for (int64_t j = 0; j < s.n; ++j)
            bias.push_back(
                float(std::uniform_real_distribution<double>(-2.0, 2.0)(rng)));
        qcc_rt_dynamic_fc_desc d{};
        d.kind = QCC_RT_OP_DYNAMIC_FULLY_CONNECTED;
        d.weight_type = c.weightType;
        d.m = s.m;
        d.k = s.k;
        d.n = s.n;
        d.weight = w.data();
        d.weight_zero_point = wzp.data();
        d.weight_scale = wscale.data();
        d.bias = hasBias ? bias.data() : nullptr;
        d.weight_zero_point_count = int32_t(wzp.size());
        d.weight_scale_count = int32_t(wscale.size());
        d.activation = (variant / 2) % 2;
        d.range = r.range;
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        const int64_t count = s.m * s.n;
        FloatBuffer ref(count, 0xA5), viaC(count, 0x5A);
        dynamicFullyConnectedReference(d, x.data(), ref.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_dynamic_fully_connected(ctx.get(), &d, x.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));

        float xs;
        int32_t xzp;
        measure(x, r.range, xs, xzp);
        std::vector<int32_t> xq;
        for (float v : x)
          xq.push_back(quantizeValue(v, xs, xzp, r.range.storage_min,
                                     r.range.storage_max));
        for (int64_t row = 0; row < s.m; ++row)
          for (int64_t col = 0; col < s.n; ++col) {
            const int32_t z = wzp[size_t(c.perChannelZp ? col : 0)];
            int64_t acc = 0;
            for (int64_t i = 0; i < s.k; ++i)
              acc += int64_t(xq[size_t(row * s.k + i)] - xzp) *
                     (w.get(col * s.k + i) - z);
            const int32_t wrapped = int32_t(uint32_t(uint64_t(acc)));
            // float(acc) * (x_scale * weight_scale[n]) + bias[n], ReLU.
            const float scale =
                xs * wscale[size_t(c.perChannelScale ? col : 0)];
            float want = float(wrapped) * scale;
            if (hasBias)
              want = want + bias[size_t(col)];
            if (d.activation == 1 && want < 0.0f)
              want = 0.0f;
            ASSERT_TRUE(sameFloatBits(ref[row * s.n + col], want))
                << "at [" << row << "][" << col << "]: " << ref[row * s.n + col]
                << " vs " << want;
          }
      }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, DynamicFc,
                         ::testing::Values(DynFcCase{QCC_RT_I8, false, false},
                                           DynFcCase{QCC_RT_I8, true, true},
                                           DynFcCase{QCC_RT_I8, false, true},
                                           DynFcCase{QCC_RT_U8, false, false},
                                           DynFcCase{QCC_RT_U8, true, true},
                                           DynFcCase{QCC_RT_U8, true, false}),
                         [](const ::testing::TestParamInfo<DynFcCase> &info) {
                           const DynFcCase &c = info.param;
                           return std::string("w") + typeName(c.weightType) +
                                  (c.perChannelZp ? "_zp_perchannel"
                                                  : "_zp_pertensor") +
                                  (c.perChannelScale ? "_scale_perchannel"
                                                     : "_scale_pertensor");
                         });

TEST(DynamicFcKernel, ByHand) {
  // x = [-1, 0.5, 2, 3.1] over 0..255: scale 4.1 / 255, zero point
  // round(1 / scale) = round(62.19...) = 62. One output column of weights
  // int8 [2, -1, 0, 1] with zero point 1, scale 0.5, bias -0.25; ReLU.
  const float x[] = {-1.0f, 0.5f, 2.0f, 3.1f};
  const int8_t w[] = {2, -1, 0, 1};
  const int32_t wzp = 1;
  const float ws = 0.5f, bias = -0.25f;
  qcc_rt_dynamic_fc_desc d{};
  d.kind = QCC_RT_OP_DYNAMIC_FULLY_CONNECTED;
  d.weight_type = QCC_RT_I8;
  d.m = 1;
  d.k = 4;
  d.n = 1;
  d.weight = w;
  d.weight_zero_point = &wzp;
  d.weight_scale = &ws;
  d.bias = &bias;
  d.weight_zero_point_count = d.weight_scale_count = 1;
  d.range = {0, 255, 0, 255, 1.0f, 0};
  const float xs = (3.1f - -1.0f) / 255.0f;
  ASSERT_EQ(int32_t(roundHalfToEven(0.0f - -1.0f / xs)), 62);
  int32_t q[4];
  for (int i = 0; i < 4; ++i)
    q[i] = int32_t(roundHalfToEven(x[i] / xs)) + 62;
  EXPECT_EQ(q[0], 0);
  EXPECT_EQ(q[3], 255);
  const int32_t acc =
      (q[0] - 62) * 1 + (q[1] - 62) * -2 + (q[2] - 62) * -1 + (q[3] - 62) * 0;
  float out = 0.0f;
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_dynamic_fully_connected(ctx.get(), &d, x, &out);
  EXPECT_EQ(out, float(acc) * (xs * 0.5f) + -0.25f);
  EXPECT_LT(out, 0.0f);
  // A context prepares its descriptors when created: another one for ReLU.
  d.activation = 1;
  OneOpContext relu(&d);
  ASSERT_TRUE(relu) << qcc_rt_last_error();
  qcc_rt_dynamic_fully_connected(relu.get(), &d, x, &out);
  EXPECT_EQ(out, 0.0f);
}

//===----------------------------------------------------------------------===//
// The float linear fallback
//===----------------------------------------------------------------------===//

TEST(LinearF32Kernel, MatchesTheDefinition) {
  // out = in * w^T + bias on multiples of 2^-3, 2^-4 and 2^-7: every partial
  // sum is exact, so the result must match bit for bit in any order.
  std::mt19937 rng(404);
  struct Shape {
    int64_t m, k, n;
  };
  for (const Shape &s : {Shape{1, 1, 1}, Shape{3, 17, 5}, Shape{4, 64, 9},
                         Shape{2, 300, 3}, Shape{0, 5, 2}})
    for (bool hasBias : {false, true}) {
      SCOPED_TRACE(::testing::Message() << s.m << "x" << s.k << "x" << s.n
                                        << (hasBias ? " bias" : ""));
      std::vector<float> x(size_t(s.m * s.k)), w(size_t(s.n * s.k)), bias;
      for (float &v : x)
        v = dyadic(rng, 16, 3);
      for (float &v : w)
        v = dyadic(rng, 16, 4);
      if (hasBias)
        for (int64_t j = 0; j < s.n; ++j)
          bias.push_back(dyadic(rng, 64, 7));
      qcc_rt_linear_f32_desc d{
          QCC_RT_OP_LINEAR_F32,           0, s.m, s.k, s.n, w.data(),
          hasBias ? bias.data() : nullptr};
      ASSERT_EQ(validateDescriptor(&d), nullptr);
      FloatBuffer ref(s.m * s.n, 0xA5), viaC(s.m * s.n, 0x5A);
      linearF32Reference(d, x.data(), ref.data());
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_linear_f32(ctx.get(), &d, x.data(), viaC.data());
      }
      ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      for (int64_t row = 0; row < s.m; ++row)
        for (int64_t col = 0; col < s.n; ++col) {
          double acc = hasBias ? bias[size_t(col)] : 0.0;
          for (int64_t i = 0; i < s.k; ++i)
            acc += double(x[size_t(row * s.k + i)]) * w[size_t(col * s.k + i)];
          ASSERT_TRUE(sameFloatBits(ref[row * s.n + col], float(acc)))
              << "at [" << row << "][" << col << "]";
        }
    }
}

TEST(LinearF32Kernel, ContextRejectsMalformedDescriptors) {
  const float w[6] = {};
  qcc_rt_linear_f32_desc d{QCC_RT_OP_LINEAR_F32, 0, 2, 3, 2, w, nullptr};
  EXPECT_EQ(rejection(&d), "");
  d.m = 0;
  EXPECT_EQ(rejection(&d), "");
  const std::string malformed = rejected("malformed float linear descriptor");
  d.m = -1;
  EXPECT_EQ(rejection(&d), malformed);
  d.m = 2;
  d.k = 0;
  EXPECT_EQ(rejection(&d), malformed);
  d.k = 3;
  d.n = 0;
  EXPECT_EQ(rejection(&d), malformed);
  d.n = 2;
  d.weight = nullptr;
  EXPECT_EQ(rejection(&d), malformed);
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

TEST(DynamicFcKernel, ContextRejectsMalformedDescriptors) {
  const int8_t w[6] = {};
  const int32_t wzp[3] = {};
  const float ws[3] = {1.0f, 1.0f, 1.0f};
  auto desc = [&] {
    qcc_rt_dynamic_fc_desc d{};
    d.kind = QCC_RT_OP_DYNAMIC_FULLY_CONNECTED;
    d.weight_type = QCC_RT_I8;
    d.m = 4;
    d.k = 2;
    d.n = 3;
    d.weight = w;
    d.weight_zero_point = wzp;
    d.weight_scale = ws;
    d.weight_zero_point_count = 3;
    d.weight_scale_count = 1;
    d.range = {0, 255, 0, 255, 1.0f, 0};
    return d;
  };
  qcc_rt_dynamic_fc_desc d = desc();
  EXPECT_EQ(rejection(&d), "");
  d.m = 0;
  d.weight_scale_count = 3;
  d.weight_zero_point_count = 1;
  EXPECT_EQ(rejection(&d), "");

  const std::string malformed =
      rejected("malformed dynamic fully connected descriptor");
  d = desc();
  d.m = -1;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.k = 0;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.n = 0;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.weight_type = QCC_RT_I32;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.weight_scale = nullptr;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.weight_scale_count = 2;
  EXPECT_EQ(rejection(&d), malformed);

  const std::string weights = rejected("weights or weight zero points missing");
  d = desc();
  d.weight = nullptr;
  EXPECT_EQ(rejection(&d), weights);
  d = desc();
  d.weight_zero_point = nullptr;
  EXPECT_EQ(rejection(&d), weights);
  d = desc();
  d.weight_zero_point_count = 2;
  EXPECT_EQ(rejection(&d), weights);

  const std::string range = rejected("malformed dynamic quantization range");
  d = desc();
  d.range.qmax = 0;
  EXPECT_EQ(rejection(&d), range);
  d = desc();
  d.range.storage_min = 256;
  EXPECT_EQ(rejection(&d), range);
  for (float s : {0.0f, -1.0f, std::numeric_limits<float>::quiet_NaN()}) {
    d = desc();
    d.range.fallback_scale = s;
    EXPECT_EQ(rejection(&d), range) << s;
  }
}

TEST(DynamicQuantizeKernel, ContextRejectsMalformedDescriptors) {
  auto desc = [] {
    return qcc_rt_dynamic_quantize_desc{QCC_RT_OP_DYNAMIC_QUANTIZE,
                                        QCC_RT_I8,
                                        10,
                                        {-128, 127, -128, 127, 1.0f, 0}};
  };
  qcc_rt_dynamic_quantize_desc d = desc();
  EXPECT_EQ(rejection(&d), "");
  d.count = 0;
  EXPECT_EQ(rejection(&d), "");
  const std::string malformed =
      rejected("malformed dynamic quantize descriptor");
  d = desc();
  d.count = -1;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.output_type = QCC_RT_I32;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.output_type = QCC_RT_F32;
  EXPECT_EQ(rejection(&d), malformed);
  const std::string range = rejected("malformed dynamic quantization range");
  d = desc();
  d.range.qmin = 127;
  EXPECT_EQ(rejection(&d), range);
  d = desc();
  d.range.storage_max = -129;
  EXPECT_EQ(rejection(&d), range);
  d = desc();
  d.range.fallback_scale = -0.0f;
  EXPECT_EQ(rejection(&d), range);
  // The range must fit the output type, and qmin/qmax the storage range.
  d = desc();
  d.range.storage_max = 255;
  EXPECT_EQ(rejection(&d), range);
  d = desc();
  d.output_type = QCC_RT_U8;
  EXPECT_EQ(rejection(&d), range);
  d = desc();
  d.range.qmax = 120;
  d.range.storage_max = 100;
  EXPECT_EQ(rejection(&d), range);
  d = desc();
  d.range.fallback_scale = INFINITY;
  EXPECT_EQ(rejection(&d), range);
}

TEST(DynamicRange, IgnoresNaN) {
  // NaN quantizes to the zero point; the range is that of the numbers, in
  // any position. No number at all: the range [0, 0].
  const float nan = std::numeric_limits<float>::quiet_NaN();
  float lo, hi;
  const float first[] = {nan, -2.0f, 3.0f};
  measureRange(first, 3, lo, hi);
  EXPECT_EQ(lo, -2.0f);
  EXPECT_EQ(hi, 3.0f);
  const float middle[] = {1.0f, nan, -0.5f};
  measureRange(middle, 3, lo, hi);
  EXPECT_EQ(lo, -0.5f);
  EXPECT_EQ(hi, 1.0f);
  const float none[] = {nan, nan};
  measureRange(none, 2, lo, hi);
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 0.0f);
  measureRange(none, 0, lo, hi);
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 0.0f);
}

} // namespace
