// The data movement kernels (concat, copying or requantizing each input;
// transpose of any element size; the plain copy) and their C entry points,
// byte-exact against a scatter written here from the definitions in
// qcc_runtime.h (the kernels gather), with the per-element arithmetic of
// Requantize.h for a requantizing concat; and every complaint of the validator.
#include "KernelTestSupport.h"

#include "qcc/runtime/ReferenceKernels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

using namespace qcc::rt;
using namespace qcc::rt::test;

namespace {

std::vector<uint8_t> randomBytes(std::mt19937 &rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (uint8_t &b : v)
    b = uint8_t(randomInt(rng, 0, 255));
  return v;
}

//===----------------------------------------------------------------------===//
// Concat, copying
//===----------------------------------------------------------------------===//

TEST(ConcatKernel, CopiesRowsOfAnyType) {
  std::mt19937 rng(11);
  for (int32_t type : {QCC_RT_U8, QCC_RT_I8, QCC_RT_I32, QCC_RT_F32})
    for (int64_t outer : {0, 1, 3, 7})
      for (int32_t numInputs : {1, 2, 5})
        for (int trial = 0; trial < 3; ++trial) {
          SCOPED_TRACE(::testing::Message()
                       << typeName(type) << " outer " << outer << " inputs "
                       << numInputs << " trial " << trial);
          const size_t bytes = typeBytes(type);
          std::vector<int64_t> inner;
          std::vector<std::vector<uint8_t>> data;
          std::vector<const void *> inputs;
          for (int32_t i = 0; i < numInputs; ++i) {
            // Rows of 0 elements (an empty input) and of 1 too.
            inner.push_back(randomInt(rng, 0, 6));
            data.push_back(
                randomBytes(rng, size_t(outer * inner.back()) * bytes));
            data.back().reserve(1); // an empty input still has an address
          }
          for (const auto &d : data)
            inputs.push_back(d.data());
          const int64_t row =
              std::accumulate(inner.begin(), inner.end(), int64_t(0));
          qcc_rt_concat_desc d{};
          d.kind = QCC_RT_OP_CONCAT;
          d.num_inputs = numInputs;
          d.input_type = d.output_type = type;
          d.outer = outer;
          d.inner_elements = inner.data();
          ASSERT_EQ(validateDescriptor(&d), nullptr);
          const size_t outBytes = size_t(outer * row) * bytes;
          Guarded ref(outBytes, 0xA5), viaC(outBytes, 0x5A);
          concatReference(d, inputs.data(), ref.data());
          {
            OneOpContext ctx(&d);
            ASSERT_TRUE(ctx) << qcc_rt_last_error();
            qcc_rt_concat(ctx.get(), &d, inputs.data(), viaC.data());
          }
          ASSERT_TRUE(sameBytes(ref, viaC));
          // Scatter every element of every input to its place.
          std::vector<uint8_t> want(outBytes);
          int64_t offset = 0;
          for (int32_t i = 0; i < numInputs; ++i) {
            for (int64_t o = 0; o < outer; ++o)
              for (int64_t e = 0; e < inner[size_t(i)]; ++e)
                std::copy_n(data[size_t(i)].begin() +
                                (o * inner[size_t(i)] + e) * int64_t(bytes),
                            bytes,
                            want.begin() +
                                (o * row + offset + e) * int64_t(bytes));
            offset += inner[size_t(i)];
          }
          EXPECT_EQ(ref.payload(), want);
        }
}

//===----------------------------------------------------------------------===//
// Concat, requantizing
//===----------------------------------------------------------------------===//

struct ConcatCase {
  int32_t inType, outType;
  int32_t rounding; ///< -1: a different rule for each input
};

class ConcatRequant : public ::testing::TestWithParam<ConcatCase> {};

TEST_P(ConcatRequant, RequantizesEachInputByItsOwnRule) {
  const ConcatCase c = GetParam();
  const int32_t iLo = typeMin(c.inType), iHi = typeMax(c.inType);
  const int32_t oLo = typeMin(c.outType), oHi = typeMax(c.outType);
  const int32_t rules[] = {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                           QCC_RT_ROUND_FLOAT_HALF_EVEN};
  std::mt19937 rng(97);
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    Coverage cov;
    int variant = 0;
    for (int64_t outer : {1, 2, 5})
      for (int32_t numInputs : {1, 3, 4}) {
        SCOPED_TRACE(::testing::Message()
                     << "outer " << outer << " inputs " << numInputs);
        std::vector<int64_t> inner;
        std::vector<int32_t> zps;
        std::vector<RequantSpec> specs;
        std::vector<IntBuffer> data;
        for (int32_t i = 0; i < numInputs; ++i, ++variant) {
          const bool odd = variant % 2;
          inner.push_back(randomInt(rng, 1, 40));
          zps.push_back(mode == Mode::Extreme ? (odd ? iHi : iLo)
                                              : randomInt(rng, iLo, iHi));
          data.emplace_back(c.inType, outer * inner.back());
          for (int64_t e = 0; e < data.back().count(); ++e)
            data.back().set(e, mode == Mode::Extreme
                                   ? (randomInt(rng, 0, 1) ? iHi : iLo)
                                   : randomInt(rng, iLo, iHi));
          // s_i / s_out: random around 1, exactly 1, large; or 1/2, 1/4.
          const double real = mode == Mode::Random
                                  ? (i == 1 ? 1.0 : randomScale(rng, -2, 2))
                              : mode == Mode::Extreme ? randomScale(rng, 1, 3)
                                                      : std::exp2(-1 - i % 2);
          int32_t zp, cmin = oLo, cmax = oHi;
          if (mode == Mode::Extreme) {
            zp = odd ? oLo : oHi;
            cmin = oLo + 4;
            cmax = oHi - 4;
          } else if (mode == Mode::Ties) {
            zp = randomInt(rng, oLo + 64, oHi - 64);
          } else {
            zp = randomInt(rng, oLo, oHi);
            if (odd)
              cmin = zp;
          }
          const int32_t rule = c.rounding >= 0 ? c.rounding : rules[i % 3];
          specs.push_back(RequantSpec::make(rule, {real}, zp, cmin, cmax));
        }
        std::vector<qcc_rt_requant> requants;
        std::vector<const void *> inputs;
        for (int32_t i = 0; i < numInputs; ++i) {
          requants.push_back(specs[size_t(i)].desc());
          inputs.push_back(data[size_t(i)].data());
        }
        const int64_t row =
            std::accumulate(inner.begin(), inner.end(), int64_t(0));
        qcc_rt_concat_desc d{};
        d.kind = QCC_RT_OP_CONCAT;
        d.num_inputs = numInputs;
        d.input_type = c.inType;
        d.output_type = c.outType;
        d.outer = outer;
        d.inner_elements = inner.data();
        d.input_zero_points = zps.data();
        d.requants = requants.data();
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        IntBuffer ref(c.outType, outer * row, 0xA5),
            viaC(c.outType, outer * row, 0x5A);
        concatReference(d, inputs.data(), ref.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_concat(ctx.get(), &d, inputs.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
        int64_t offset = 0;
        for (int32_t i = 0; i < numInputs; ++i) {
          const int64_t n = inner[size_t(i)];
          for (int64_t o = 0; o < outer; ++o)
            for (int64_t e = 0; e < n; ++e)
              ASSERT_EQ(
                  ref.get(o * row + offset + e),
                  specs[size_t(i)].expect(
                      0, data[size_t(i)].get(o * n + e) - zps[size_t(i)], &cov))
                  << "input " << i << " row " << o << " element " << e;
          offset += n;
        }
      }
    expectEdgesReached(mode, cov);
  }
}

std::vector<ConcatCase> concatCases() {
  std::vector<ConcatCase> cases;
  for (int32_t in : {QCC_RT_I8, QCC_RT_U8})
    for (int32_t out : {QCC_RT_I8, QCC_RT_U8})
      for (int32_t r :
           {int32_t(QCC_RT_ROUND_DOUBLE), int32_t(QCC_RT_ROUND_SINGLE),
            int32_t(QCC_RT_ROUND_FLOAT_HALF_EVEN), int32_t(-1)})
        cases.push_back({in, out, r});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(AllTypes, ConcatRequant,
                         ::testing::ValuesIn(concatCases()),
                         [](const ::testing::TestParamInfo<ConcatCase> &info) {
                           const ConcatCase &c = info.param;
                           return std::string(typeName(c.inType)) +
                                  typeName(c.outType) + "_" +
                                  (c.rounding >= 0 ? ruleName(c.rounding)
                                                   : "mixed_rules");
                         });

TEST(ConcatKernel, RequantizesAlongAnInnerAxisByHand) {
  // Two [2][2] uint8 inputs along axis 1 into [2][4]: the first copied
  // through the identity (scale 1, zero points 10 -> 10), the second
  // halved around zero points 100 -> 0, ties to even: (x - 100) / 2.
  const uint8_t a[] = {10, 255, 0, 11};
  const uint8_t b[] = {101, 103, 99, 100};
  const int64_t inner[] = {2, 2};
  const int32_t zps[] = {10, 100};
  const float one = 1.0f, half = 0.5f;
  const qcc_rt_requant rqs[] = {
      {QCC_RT_ROUND_FLOAT_HALF_EVEN, 1, nullptr, nullptr, &one, 10, 0, 255, 0},
      {QCC_RT_ROUND_FLOAT_HALF_EVEN, 1, nullptr, nullptr, &half, 0, 0, 255, 0}};
  qcc_rt_concat_desc d{
      QCC_RT_OP_CONCAT, 2, QCC_RT_U8, QCC_RT_U8, 2, inner, zps, rqs};
  const void *inputs[] = {a, b};
  uint8_t out[8], viaC[8];
  concatReference(d, inputs, out);
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_concat(ctx.get(), &d, inputs, viaC);
  // Row 0: 10 255 | 0.5->0 1.5->2; row 1: 0 11 | -0.5->0 (clamped) 0.
  const uint8_t want[] = {10, 255, 0, 2, 0, 11, 0, 0};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(out[i], want[i]) << i;
    EXPECT_EQ(viaC[i], want[i]) << i;
  }
}

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

TEST(TransposeKernel, PermutesAnyRankAndElementSize) {
  std::mt19937 rng(23);
  for (int64_t elementBytes : {1, 2, 3, 4, 8, 16})
    for (int32_t rank = 1; rank <= QCC_RT_MAX_RANK; ++rank)
      for (int trial = 0; trial < 8; ++trial) {
        qcc_rt_transpose_desc d{};
        d.kind = QCC_RT_OP_TRANSPOSE;
        d.rank = rank;
        d.element_bytes = elementBytes;
        int64_t total = 1;
        for (int32_t i = 0; i < rank; ++i) {
          d.in_shape[i] = randomInt(rng, 1, rank > 4 ? 3 : 5);
          total *= d.in_shape[i];
        }
        std::vector<int64_t> perm(static_cast<size_t>(rank));
        std::iota(perm.begin(), perm.end(), 0);
        if (trial == 1)
          std::reverse(perm.begin(), perm.end());
        else if (trial > 1)
          std::shuffle(perm.begin(), perm.end(), rng);
        std::copy(perm.begin(), perm.end(), d.perm);
        SCOPED_TRACE(::testing::PrintToString(perm) + " of " +
                     ::testing::PrintToString(
                         std::vector<int64_t>(d.in_shape, d.in_shape + rank)) +
                     ", " + std::to_string(elementBytes) + " bytes");
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        const std::vector<uint8_t> in =
            randomBytes(rng, size_t(total * elementBytes));
        Guarded ref(in.size(), 0xA5), viaC(in.size(), 0x5A);
        transposeReference(d, in.data(), ref.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_transpose(ctx.get(), &d, in.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref, viaC));
        // Scatter: input coordinates x; output coordinate d is x[perm[d]].
        int64_t outShape[QCC_RT_MAX_RANK];
        for (int32_t i = 0; i < rank; ++i)
          outShape[i] = d.in_shape[perm[size_t(i)]];
        std::vector<uint8_t> want(in.size());
        for (int64_t e = 0; e < total; ++e) {
          int64_t x[QCC_RT_MAX_RANK], rest = e;
          for (int32_t i = rank - 1; i >= 0; --i) {
            x[i] = rest % d.in_shape[i];
            rest /= d.in_shape[i];
          }
          int64_t to = 0;
          for (int32_t i = 0; i < rank; ++i)
            to = to * outShape[i] + x[perm[size_t(i)]];
          std::copy_n(in.begin() + e * elementBytes, elementBytes,
                      want.begin() + to * elementBytes);
        }
        ASSERT_EQ(ref.payload(), want);
      }
}

// NCHW -> NHWC of images with 2 to 4 channels (the few-rows gather), large
// enough to be split in parts and over threads, batches of two.
TEST(TransposeKernel, FewChannelImagesToPixels) {
  std::mt19937 rng(29);
  for (int64_t elementBytes : {1, 4})
    for (int64_t channels : {2, 3, 4}) {
      qcc_rt_transpose_desc d{};
      d.kind = QCC_RT_OP_TRANSPOSE;
      d.rank = 4;
      d.element_bytes = elementBytes;
      const int64_t shape[] = {2, channels, 70, 90};
      const int64_t perm[] = {0, 2, 3, 1};
      std::copy(shape, shape + 4, d.in_shape);
      std::copy(perm, perm + 4, d.perm);
      const size_t bytes = size_t(2 * channels * 70 * 90 * elementBytes);
      const std::vector<uint8_t> in = randomBytes(rng, bytes);
      Guarded viaC(bytes, 0x5A);
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_transpose(ctx.get(), &d, in.data(), viaC.data());
      }
      std::vector<uint8_t> want(bytes);
      for (int64_t b = 0; b < 2; ++b)
        for (int64_t c = 0; c < channels; ++c)
          for (int64_t p = 0; p < 70 * 90; ++p)
            std::copy_n(
                in.begin() + ((b * channels + c) * 6300 + p) * elementBytes,
                elementBytes,
                want.begin() + ((b * 6300 + p) * channels + c) * elementBytes);
      ASSERT_EQ(viaC.payload(), want)
          << channels << " channels of " << elementBytes << " bytes";
    }
}

TEST(TransposeKernel, MatrixByHand) {
  // [2][3] -> [3][2], int16 elements.
  const int16_t in[] = {1, 2, 3, 4, 5, 6};
  qcc_rt_transpose_desc d{};
  d.kind = QCC_RT_OP_TRANSPOSE;
  d.rank = 2;
  d.element_bytes = 2;
  d.in_shape[0] = 2;
  d.in_shape[1] = 3;
  d.perm[0] = 1;
  d.perm[1] = 0;
  int16_t out[6], viaC[6];
  transposeReference(d, in, out);
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_transpose(ctx.get(), &d, in, viaC);
  const int16_t want[] = {1, 4, 2, 5, 3, 6};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(out[i], want[i]) << i;
    EXPECT_EQ(viaC[i], want[i]) << i;
  }
}

//===----------------------------------------------------------------------===//
// Copy
//===----------------------------------------------------------------------===//

TEST(CopyKernel, CopiesBytesEvenWhenTheRangesOverlap) {
  std::mt19937 rng(29);
  qcc_rt_model_info info{QCC_RT_ABI_VERSION, 0, nullptr, 0};
  qcc_rt_context *ctx = qcc_rt_context_create(&info);
  ASSERT_NE(ctx, nullptr) << qcc_rt_last_error();
  for (int64_t bytes : {0, 1, 7, 1000}) {
    const std::vector<uint8_t> in = randomBytes(rng, size_t(bytes) + 1);
    Guarded out(size_t(bytes), 0xA5);
    qcc_rt_copy(ctx, bytes, in.data(), out.data());
    EXPECT_TRUE(out.guardsIntact());
    EXPECT_EQ(out.payload(),
              std::vector<uint8_t>(in.begin(), in.begin() + bytes));
  }
  // Overlapping, forward and backward (memmove semantics).
  for (int64_t shift : {3, -3}) {
    std::vector<uint8_t> buf = randomBytes(rng, 64);
    const std::vector<uint8_t> before = buf;
    uint8_t *from = buf.data() + 16, *to = from + shift;
    qcc_rt_copy(ctx, 32, from, to);
    for (int64_t i = 0; i < 32; ++i)
      ASSERT_EQ(to[i], before[size_t(16 + i)]) << "shift " << shift;
  }
  qcc_rt_context_destroy(ctx);
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

TEST(ConcatKernel, ContextRejectsMalformedDescriptors) {
  const int64_t inner[] = {2, 3};
  const int32_t zps[] = {0, 0};
  const int32_t mult = 1 << 30, shift = 1;
  qcc_rt_requant rqs[2];
  auto desc = [&] {
    for (qcc_rt_requant &r : rqs)
      r = {QCC_RT_ROUND_SINGLE, 1, &mult, &shift, nullptr, 0, -128, 127, 0};
    return qcc_rt_concat_desc{
        QCC_RT_OP_CONCAT, 2, QCC_RT_U8, QCC_RT_I8, 4, inner, zps, rqs};
  };
  qcc_rt_concat_desc d = desc();
  EXPECT_EQ(rejection(&d), "");
  // Copying: any type, no zero points; no rows at all.
  d.requants = nullptr;
  d.input_zero_points = nullptr;
  d.input_type = d.output_type = QCC_RT_F32;
  d.outer = 0;
  EXPECT_EQ(rejection(&d), "");

  const std::string malformed = rejected("malformed concat descriptor");
  d = desc();
  d.num_inputs = 0;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.outer = -1;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.inner_elements = nullptr;
  EXPECT_EQ(rejection(&d), malformed);

  const std::string notEightBit =
      rejected("requantizing concat without zero points or of non 8-bit types");
  d = desc();
  d.input_zero_points = nullptr;
  EXPECT_EQ(rejection(&d), notEightBit);
  d = desc();
  d.input_type = QCC_RT_I32;
  EXPECT_EQ(rejection(&d), notEightBit);
  d = desc();
  d.output_type = QCC_RT_F32;
  EXPECT_EQ(rejection(&d), notEightBit);

  d = desc();
  rqs[1].clamp_min = -129;
  EXPECT_EQ(rejection(&d),
            rejected("clamp bounds are empty or outside the output type"));
  d = desc();
  rqs[1].rounding = QCC_RT_NO_REQUANT;
  EXPECT_EQ(rejection(&d), rejected("a raw accumulator must be int32"));
  d = desc();
  rqs[0].channels = 2;
  EXPECT_EQ(rejection(&d),
            rejected("requantization has neither 1 nor one scale per channel"));
  d = desc();
  rqs[1].rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
  EXPECT_EQ(rejection(&d), rejected("float requantization without scales"));
}

TEST(TransposeKernel, ContextRejectsMalformedDescriptors) {
  auto desc = [] {
    qcc_rt_transpose_desc d{};
    d.kind = QCC_RT_OP_TRANSPOSE;
    d.rank = 3;
    d.element_bytes = 4;
    for (int i = 0; i < 3; ++i) {
      d.in_shape[i] = i + 2;
      d.perm[i] = 2 - i;
    }
    return d;
  };
  qcc_rt_transpose_desc d = desc();
  EXPECT_EQ(rejection(&d), "");
  const std::string malformed = rejected("malformed transpose descriptor");
  d.rank = 0;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.rank = QCC_RT_MAX_RANK + 1;
  EXPECT_EQ(rejection(&d), malformed);
  d = desc();
  d.element_bytes = 0;
  EXPECT_EQ(rejection(&d), malformed);
  const std::string notPermutation =
      rejected("transpose permutation is not a permutation");
  d = desc();
  d.perm[1] = 2;
  EXPECT_EQ(rejection(&d), notPermutation);
  d = desc();
  d.perm[0] = 3;
  EXPECT_EQ(rejection(&d), notPermutation);
  d = desc();
  d.perm[2] = -1;
  EXPECT_EQ(rejection(&d), notPermutation);
}

} // namespace
