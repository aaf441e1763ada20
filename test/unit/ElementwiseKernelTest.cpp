// The elementwise kernels (quantized add, requantize, quantize and
// dequantize, float add/multiply with broadcasting, float clip) and their C
// entry points, bit-exact against the rules of Requantize.h applied element
// by element here: both 8-bit types (and int32 where the descriptor allows
// it), every rounding rule, per-tensor and per-axis, exact ties, saturation
// at both clamps, zero points at the ends of their range, narrower clamps,
// NaN and infinities; and every complaint of the validator.
#include "KernelTestSupport.h"
#include "ops/Elementwise.h"
#include "ops/Paths.h"

#include "qcc/runtime/ReferenceKernels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

using namespace qcc::rt;
using namespace qcc::rt::test;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

const int64_t kCounts[] = {1, 3, 17, 256, 1001};

struct TypeRule {
  int32_t type, rounding;
};

std::vector<TypeRule> typeRules() {
  std::vector<TypeRule> cases;
  for (int32_t t : {QCC_RT_I8, QCC_RT_U8})
    for (int32_t r : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                      QCC_RT_ROUND_FLOAT_HALF_EVEN})
      cases.push_back({t, r});
  return cases;
}

std::string typeRuleName(const ::testing::TestParamInfo<TypeRule> &info) {
  return std::string(typeName(info.param.type)) + "_" +
         ruleName(info.param.rounding);
}

//===----------------------------------------------------------------------===//
// Quantized add
//===----------------------------------------------------------------------===//

/// A quantized add: the parameters a compiler derives from three scales,
/// and the expectation from addQuantized / addFloat.
struct AddProblem {
  TypeRule c;
  int64_t count;
  IntBuffer a, b;
  int32_t zpA = 0, zpB = 0, leftShift = kAddLeftShift;
  RequantSpec rqA, rqB, rqOut;
  qcc_rt_add_desc desc{};

  AddProblem(TypeRule tr, int64_t n, Mode mode, int variant, std::mt19937 &rng)
      : c(tr), count(n), a(tr.type, n), b(tr.type, n) {
    const int32_t lo = typeMin(c.type), hi = typeMax(c.type);
    const bool odd = variant % 2;
    double sA, sB, sOut;
    if (mode == Mode::Ties) {
      // sA / sOut = 1/2, sB / sOut = 1/4: the exact sum is da/2 + db/4.
      sOut = randomScale(rng, -8, -4);
      sA = sOut / 2;
      sB = sOut / 4;
    } else {
      sA = randomScale(rng, -8, -3);
      sB = randomScale(rng, -8, -3);
      // Extreme: a small output scale saturates.
      sOut = mode == Mode::Extreme ? std::min(sA, sB) / 8
                                   : randomScale(rng, -7, -2);
    }
    zpA = mode == Mode::Extreme ? (odd ? hi : lo) : randomInt(rng, lo, hi);
    zpB = mode == Mode::Extreme ? (odd ? lo : hi) : randomInt(rng, lo, hi);
    for (int64_t i = 0; i < n; ++i) {
      a.set(i, mode == Mode::Extreme ? (randomInt(rng, 0, 1) ? hi : lo)
                                     : randomInt(rng, lo, hi));
      b.set(i, mode == Mode::Extreme ? (randomInt(rng, 0, 1) ? hi : lo)
                                     : randomInt(rng, lo, hi));
    }
    // The headroom shift: TFLite's 20, and the other ends of what fits.
    leftShift = variant % 3 == 0 ? kAddLeftShift : variant % 3 == 1 ? 16 : 22;

    int32_t zp, cmin = lo, cmax = hi;
    if (mode == Mode::Extreme) {
      zp = odd ? lo : hi;
      cmin = lo + 2;
      cmax = hi - 9;
    } else if (mode == Mode::Ties) {
      zp = randomInt(rng, lo + 64, hi - 64);
    } else {
      zp = randomInt(rng, lo, hi);
      if (odd) { // ReLU
        cmin = zp;
      }
    }
    if (c.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
      // ONNX Runtime's ratios; the output's own scale is not read.
      rqA = RequantSpec::make(c.rounding, {sA / sOut}, 0, kInt32Min, kInt32Max);
      rqB = RequantSpec::make(c.rounding, {sB / sOut}, 0, kInt32Min, kInt32Max);
      rqOut = RequantSpec::make(c.rounding, {1.0}, zp, cmin, cmax);
    } else {
      // TFLite: both inputs to the common scale 2 max(sA, sB), the sum to
      // the output's.
      const double twiceMax = 2 * std::max(sA, sB);
      rqA = RequantSpec::make(c.rounding, {sA / twiceMax}, 0, kInt32Min,
                              kInt32Max);
      rqB = RequantSpec::make(c.rounding, {sB / twiceMax}, 0, kInt32Min,
                              kInt32Max);
      rqOut = RequantSpec::make(
          c.rounding, {twiceMax / (std::ldexp(1.0, leftShift) * sOut)}, zp,
          cmin, cmax);
    }
    desc.kind = QCC_RT_OP_ADD;
    desc.type = c.type;
    desc.count = n;
    desc.a_zero_point = zpA;
    desc.b_zero_point = zpB;
    desc.left_shift = leftShift;
    desc.a_rescale = rqA.desc();
    desc.b_rescale = rqB.desc();
    desc.output = rqOut.desc();
  }

  int32_t expect(int64_t i, Coverage &cov, bool countTies) const {
    const int32_t x = a.get(i), y = b.get(i);
    int32_t r;
    if (c.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN)
      r = addFloat(x, y, zpA, zpB, rqA.scale[0], rqB.scale[0], rqOut.zeroPoint,
                   rqOut.clampMin, rqOut.clampMax);
    else
      r = addQuantized(
          x, y, zpA, zpB, leftShift, {rqA.multiplier[0], rqA.shift[0]},
          {rqB.multiplier[0], rqB.shift[0]},
          {rqOut.multiplier[0], rqOut.shift[0]}, Rounding(c.rounding),
          rqOut.zeroPoint, rqOut.clampMin, rqOut.clampMax);
    ++cov.outputs;
    cov.atClampMin += r == rqOut.clampMin;
    cov.atClampMax += r == rqOut.clampMax;
    if (countTies) { // da/2 + db/4, exact in double
      const double v = (x - zpA) / 2.0 + (y - zpB) / 4.0;
      if (std::fabs(v - std::trunc(v)) == 0.5)
        (v > 0 ? cov.ties : cov.negativeTies) += 1;
    }
    return r;
  }
};

class AddInt : public ::testing::TestWithParam<TypeRule> {};

TEST_P(AddInt, MatchesTheRules) {
  const TypeRule c = GetParam();
  std::mt19937 rng(555);
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    Coverage cov;
    int variant = 0;
    for (int64_t count : kCounts)
      for (int repeat = 0; repeat < 3; ++repeat) {
        AddProblem p(c, count, mode, variant++, rng);
        SCOPED_TRACE(::testing::Message()
                     << "count " << count << " left_shift " << p.leftShift);
        ASSERT_EQ(validateDescriptor(&p.desc), nullptr);
        IntBuffer ref(c.type, count, 0xA5), viaC(c.type, count, 0x5A);
        addReference(p.desc, p.a.data(), p.b.data(), ref.data());
        {
          OneOpContext ctx(&p.desc);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_add(ctx.get(), &p.desc, p.a.data(), p.b.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
        for (int64_t i = 0; i < count; ++i)
          ASSERT_EQ(ref.get(i), p.expect(i, cov, mode == Mode::Ties))
              << "at " << i << ": " << p.a.get(i) << " + " << p.b.get(i);
      }
    expectEdgesReached(mode, cov);
  }
}

// Adds of 4096 elements or more in an integer rule take their outputs from a
// table of every pair of input bytes (ops/ElementwiseOps.cpp), directly or
// where the affine form is near a half; the float
// rule's take the vector path: every pair, then a tail shorter than a
// vector, in each mode (and each headroom shift).
TEST_P(AddInt, LargeAddsMatchTheRulesOnEveryPairOfBytes) {
  const TypeRule c = GetParam();
  std::mt19937 rng(808);
  const int64_t pairs = 65536, count = pairs + 13;
  auto value = [&](int64_t bits) {
    return c.type == QCC_RT_I8 ? int32_t(int8_t(uint8_t(bits)))
                               : int32_t(uint8_t(bits));
  };
  int variant = 0;
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    AddProblem p(c, count, mode, variant++, rng);
    for (int64_t i = 0; i < pairs; ++i) {
      p.a.set(i, value(i >> 8));
      p.b.set(i, value(i));
    }
    IntBuffer ref(c.type, count, 0xA5), viaC(c.type, count, 0x5A);
    addReference(p.desc, p.a.data(), p.b.data(), ref.data());
    {
      OneOpContext ctx(&p.desc);
      ASSERT_TRUE(ctx) << qcc_rt_last_error();
      qcc_rt_add(ctx.get(), &p.desc, p.a.data(), p.b.data(), viaC.data());
    }
    Coverage cov;
    for (int64_t i = 0; i < count; ++i) {
      ASSERT_EQ(viaC.get(i), ref.get(i))
          << "at " << i << ": " << p.a.get(i) << " + " << p.b.get(i);
      ASSERT_EQ(ref.get(i), p.expect(i, cov, mode == Mode::Ties))
          << "at " << i << ": " << p.a.get(i) << " + " << p.b.get(i);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, AddInt, ::testing::ValuesIn(typeRules()),
                         typeRuleName);

// The integer rules' large adds run as the affine function they round, in
// float, with the lanes near a half looked up in the table
// (ElementwiseKernels::addByAffine), where AddOp has found that form to give
// the table's byte on every pair. Here, on every vector path this machine
// runs (each table of kernels once: ARM's three paths share one): the form
// gives every pair's byte of random and saturating rules in each headroom
// shift with few lookups (so AddOp keeps it), and looks up more than AddOp
// allows on the rules of exact halves (so AddOp keeps the table there).
TEST(AddKernel, AffineFormMatchesTheRulesOnEveryPairOfBytes) {
  const int64_t pairs = 65536, count = pairs + 13;
  std::vector<const ElementwiseKernels *> tested; // paths share them
  for (int32_t isa = QCC_RT_ISA_REFERENCE; isa < QCC_RT_ISA_COUNT; ++isa) {
    const PathKernels *path =
        qcc_rt_isa_supported(isa) ? pathKernels(isa) : nullptr;
    if (!path || !path->elementwise ||
        std::count(tested.begin(), tested.end(), path->elementwise))
      continue;
    tested.push_back(path->elementwise);
    const ElementwiseKernels &k = *path->elementwise;
    std::mt19937 rng(4242);
    for (int32_t type : {QCC_RT_I8, QCC_RT_U8})
      for (int32_t rounding : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE})
        for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties})
          for (int variant = 0; variant < 6; ++variant) {
            SCOPED_TRACE(::testing::Message()
                         << qcc_rt_isa_name(isa) << " " << typeName(type) << " "
                         << ruleName(rounding) << " " << modeName(mode)
                         << " variant " << variant);
            AddProblem p({type, rounding}, count, mode, variant, rng);
            // Every pair, then a tail shorter than a vector.
            auto value = [&](int64_t bits) {
              return type == QCC_RT_I8 ? int32_t(int8_t(uint8_t(bits)))
                                       : int32_t(uint8_t(bits));
            };
            for (int64_t i = 0; i < pairs; ++i) {
              p.a.set(i, value(i >> 8));
              p.b.set(i, value(i));
            }
            IntBuffer ref(type, count, 0xA5), table(type, pairs + 8, 0),
                out(type, count, 0x5A);
            addReference(p.desc, p.a.data(), p.b.data(), ref.data());
            AddParams ap;
            ap.desc = &p.desc;
            ASSERT_TRUE(
                broadcastEpilogue(p.desc.a_rescale, QCC_RT_I32, k.lanes, ap.a));
            ASSERT_TRUE(
                broadcastEpilogue(p.desc.b_rescale, QCC_RT_I32, k.lanes, ap.b));
            ASSERT_TRUE(
                broadcastEpilogue(p.desc.output, type, k.lanes, ap.out));
            k.add(ap, p.a.data(), p.b.data(), table.data(), 0, pairs);
            ap.table = static_cast<const uint8_t *>(table.data());
            affineAdd(p.desc, ap);
            const int64_t looked =
                k.addByAffine(ap, p.a.data(), p.b.data(), out.data(), 0, count);
            if (mode == Mode::Ties) {
              EXPECT_GT(looked, pairs / kAffineMaxLookups);
              continue;
            }
            EXPECT_LE(looked, pairs / kAffineMaxLookups);
            if (mode == Mode::Random) { // the looked-up lanes are reached
              EXPECT_GT(looked, 0);
            }
            for (int64_t i = 0; i < count; ++i)
              ASSERT_EQ(out.get(i), ref.get(i))
                  << "at " << i << ": " << p.a.get(i) << " + " << p.b.get(i);
          }
  }
#if defined(__x86_64__) || defined(__aarch64__)
  EXPECT_FALSE(tested.empty());
#endif
}

// Rescalings by 1 or more (shift > 0) are valid: TFLite shifts the value
// left, saturating, before its multiply (double rounding), and single
// rounding shifts its 64-bit product by less than 31. Small headroom
// shifts and large multipliers reach the saturation on the way.
TEST(AddKernel, RescalingsOfOneOrMoreMatchTheReference) {
  std::mt19937 rng(808);
  for (int32_t type : {QCC_RT_U8, QCC_RT_I8})
    for (int32_t rounding : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE})
      for (int variant = 0; variant < 12; ++variant) {
        const int32_t lo = type == QCC_RT_U8 ? 0 : -128, hi = lo + 255;
        int32_t mult[3], shift[3];
        for (int i = 0; i < 3; ++i) {
          mult[i] =
              randomInt(rng, 1 << 30, std::numeric_limits<int32_t>::max());
          shift[i] = randomInt(rng, -2, variant < 6 ? 3 : 24);
        }
        // Always one rescaling of one or more.
        shift[variant % 3] = 1 + variant % 5;
        qcc_rt_add_desc d{};
        d.kind = QCC_RT_OP_ADD;
        d.type = type;
        d.count = 1001;
        d.a_zero_point = randomInt(rng, lo, hi);
        d.b_zero_point = randomInt(rng, lo, hi);
        d.left_shift = variant % 4 == 0 ? 0 : randomInt(rng, 0, 22);
        d.a_rescale = {rounding, 1,         &mult[0],  &shift[0], nullptr,
                       0,        kInt32Min, kInt32Max, 0};
        d.b_rescale = {rounding, 1,         &mult[1],  &shift[1], nullptr,
                       0,        kInt32Min, kInt32Max, 0};
        d.output = {rounding,  1,       &mult[2],
                    &shift[2], nullptr, randomInt(rng, lo, hi),
                    lo,        hi,      0};
        SCOPED_TRACE(::testing::Message()
                     << typeName(type) << " " << ruleName(rounding)
                     << " shifts " << shift[0] << " " << shift[1] << " "
                     << shift[2] << " left_shift " << d.left_shift);
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        IntBuffer a(type, d.count, 0), b(type, d.count, 0);
        for (int64_t i = 0; i < d.count; ++i) {
          a.set(i, randomInt(rng, lo, hi));
          b.set(i, randomInt(rng, lo, hi));
        }
        IntBuffer ref(type, d.count, 0xA5), viaC(type, d.count, 0x5A);
        addReference(d, a.data(), b.data(), ref.data());
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_add(ctx.get(), &d, a.data(), b.data(), viaC.data());
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      }
}

TEST(AddKernel, RulesDifferOnTiesByHand) {
  // int8, zero points 0, sA = sOut / 2, sB = sOut / 4: the input
  // rescalings (by 1/2 and 1/4 after the shift by 2^20) are exact, and the
  // output rescaling by 2^-20 rounds a/2 + b/4 once:
  //    0.5, -0.5, 1.5, -1, 0.5, -0.5
  //   double: half away from zero; single: half up; float: half to even.
  const int8_t a[] = {1, -1, 3, -3, 0, 0};
  const int8_t b[] = {0, 0, 0, 2, 2, -2};
  const int32_t half = 1 << 30, shiftHalf = 0, shiftQuarter = -1;
  const int32_t outMult = 1 << 30, outShift = -19; // 2^-20
  const float rA = 0.5f, rB = 0.25f, one = 1.0f;
  const int32_t want[3][6] = {
      {1, -1, 2, -1, 1, -1}, {1, 0, 2, -1, 1, 0}, {0, 0, 2, -1, 0, 0}};
  qcc_rt_add_desc d{};
  d.kind = QCC_RT_OP_ADD;
  d.type = QCC_RT_I8;
  d.count = 6;
  d.left_shift = 20;
  for (int32_t r : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                    QCC_RT_ROUND_FLOAT_HALF_EVEN}) {
    SCOPED_TRACE(ruleName(r));
    d.a_rescale = {r, 1, &half, &shiftHalf, &rA, 0, kInt32Min, kInt32Max, 0};
    d.b_rescale = {r, 1, &half, &shiftQuarter, &rB, 0, kInt32Min, kInt32Max, 0};
    d.output = {r, 1, &outMult, &outShift, &one, 0, -128, 127, 0};
    int8_t out[6], viaC[6];
    addReference(d, a, b, out);
    OneOpContext ctx(&d);
    ASSERT_TRUE(ctx) << qcc_rt_last_error();
    qcc_rt_add(ctx.get(), &d, a, b, viaC);
    for (int i = 0; i < 6; ++i) {
      EXPECT_EQ(out[i], want[r][i]) << i;
      EXPECT_EQ(viaC[i], want[r][i]) << i;
    }
  }
}

//===----------------------------------------------------------------------===//
// Requantize
//===----------------------------------------------------------------------===//

struct RequantizeCase {
  int32_t inType, outType, rounding;
};

class RequantizeInt : public ::testing::TestWithParam<RequantizeCase> {};

TEST_P(RequantizeInt, MatchesTheRules) {
  const RequantizeCase c = GetParam();
  const int32_t iLo = typeMin(c.inType), iHi = typeMax(c.inType);
  const int32_t oLo = typeMin(c.outType), oHi = typeMax(c.outType);
  std::mt19937 rng(808);
  for (Mode mode : {Mode::Random, Mode::Extreme, Mode::Ties}) {
    SCOPED_TRACE(modeName(mode));
    Coverage cov;
    int variant = 0;
    for (int64_t count : kCounts)
      for (int repeat = 0; repeat < 3; ++repeat) {
        const bool odd = variant++ % 2;
        const int32_t izp = mode == Mode::Extreme ? (odd ? iHi : iLo)
                                                  : randomInt(rng, iLo, iHi);
        IntBuffer in(c.inType, count);
        for (int64_t i = 0; i < count; ++i)
          in.set(i, mode == Mode::Extreme ? (randomInt(rng, 0, 1) ? iHi : iLo)
                                          : randomInt(rng, iLo, iHi));
        // s_in / s_out: random around 1; large; 1/2, 1/4, 1/8 (ties).
        const double real = mode == Mode::Random ? randomScale(rng, -3, 3)
                            : mode == Mode::Extreme
                                ? randomScale(rng, 1, 4)
                                : std::exp2(-1 - variant % 3);
        int32_t zp, cmin = oLo, cmax = oHi;
        if (mode == Mode::Extreme) {
          zp = odd ? oLo : oHi;
          cmin = oLo + 1;
          cmax = oHi - 1;
        } else if (mode == Mode::Ties) {
          zp = randomInt(rng, oLo + 64, oHi - 64);
        } else {
          zp = randomInt(rng, oLo, oHi);
          if (odd)
            cmin = zp;
        }
        const RequantSpec rq =
            RequantSpec::make(c.rounding, {real}, zp, cmin, cmax);
        qcc_rt_requantize_desc d{};
        d.kind = QCC_RT_OP_REQUANTIZE;
        d.input_type = c.inType;
        d.output_type = c.outType;
        d.input_zero_point = izp;
        d.count = count;
        d.requant = rq.desc();
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        IntBuffer ref(c.outType, count, 0xA5), viaC(c.outType, count, 0x5A);
        requantizeReference(d, in.data(), ref.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_requantize(ctx.get(), &d, in.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
        for (int64_t i = 0; i < count; ++i)
          ASSERT_EQ(ref.get(i), rq.expect(0, in.get(i) - izp, &cov))
              << "at " << i << ": " << in.get(i) << " zero point " << izp
              << " scale " << real;
      }
    expectEdgesReached(mode, cov);
  }
}

std::vector<RequantizeCase> requantizeCases() {
  std::vector<RequantizeCase> cases;
  for (int32_t in : {QCC_RT_I8, QCC_RT_U8})
    for (int32_t out : {QCC_RT_I8, QCC_RT_U8})
      for (int32_t r : {QCC_RT_ROUND_DOUBLE, QCC_RT_ROUND_SINGLE,
                        QCC_RT_ROUND_FLOAT_HALF_EVEN})
        cases.push_back({in, out, r});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(
    AllTypes, RequantizeInt, ::testing::ValuesIn(requantizeCases()),
    [](const ::testing::TestParamInfo<RequantizeCase> &info) {
      return std::string(typeName(info.param.inType)) +
             typeName(info.param.outType) + "_" + ruleName(info.param.rounding);
    });

//===----------------------------------------------------------------------===//
// Quantize and dequantize
//===----------------------------------------------------------------------===//

/// count = outer * channels * inner elements; channel c covers
/// [o][c][0..inner) for every o.
struct Layout {
  int64_t outer, channels, inner;
};

const Layout kLayouts[] = {
    {1, 1, 1},  {37, 1, 1}, // per tensor
    {2, 3, 5},              // [2][3][5] along axis 1
    {1, 2, 15},             // along axis 0
    {6, 5, 1},              // along the last axis
    {3, 7, 2},  {4, 1, 3},  // a channel dimension of 1
};

struct QuantParams {
  std::vector<float> scale;
  std::vector<int32_t> zp;
  int32_t qmin, qmax;
};

QuantParams quantParams(int32_t type, int64_t channels, int variant,
                        std::mt19937 &rng) {
  QuantParams q;
  const int32_t lo = typeMin(type), hi = typeMax(type);
  q.qmin = lo;
  q.qmax = hi;
  if (variant % 3 == 1) { // narrower than the type
    if (type == QCC_RT_I8) {
      q.qmin = -127;
    } else if (type == QCC_RT_U8) {
      q.qmin = 3;
      q.qmax = 200;
    } else {
      q.qmin = -1000000;
      q.qmax = 999999;
    }
  }
  for (int64_t c = 0; c < channels; ++c) {
    // Powers of two (exact ties), and arbitrary scales.
    q.scale.push_back(c % 2 ? std::ldexp(1.0f, randomInt(rng, -8, 2))
                            : float(randomScale(rng, -9, 3)));
    const int32_t zlo = type == QCC_RT_I32 ? -100000 : q.qmin;
    const int32_t zhi = type == QCC_RT_I32 ? 100000 : q.qmax;
    q.zp.push_back((c + variant) % 3 == 0   ? q.qmin
                   : (c + variant) % 3 == 1 ? q.qmax
                                            : randomInt(rng, zlo, zhi));
  }
  return q;
}

/// Floats whose quantization is a case of its own at any scale.
const float kQuantSpecials[] = {kNaN,
                                kInf,
                                -kInf,
                                0.0f,
                                -0.0f,
                                std::numeric_limits<float>::denorm_min(),
                                -std::numeric_limits<float>::denorm_min(),
                                std::numeric_limits<float>::max(),
                                -std::numeric_limits<float>::max()};

/// A value to quantize at scale s: beyond either end, exactly halfway,
/// special.
float quantInput(std::mt19937 &rng, float s, int32_t type) {
  const double span = type == QCC_RT_I32 ? 3e9 : 400.0;
  switch (randomInt(rng, 0, 9)) {
  case 0:
    return (float(randomInt(rng, -300, 300)) + 0.5f) * s; // a tie
  case 1:
    return kQuantSpecials[randomInt(rng, 0,
                                    int(std::size(kQuantSpecials)) - 1)];
  default:
    return float(std::uniform_real_distribution<double>(-span, span)(rng) * s);
  }
}

class QuantizeDequantize : public ::testing::TestWithParam<int32_t> {};

TEST_P(QuantizeDequantize, QuantizeMatchesTheRulePerTensorAndPerAxis) {
  const int32_t type = GetParam();
  std::mt19937 rng(1234);
  int variant = 0;
  int64_t ties = 0, negativeTies = 0, saturated = 0;
  for (const Layout &l : kLayouts)
    for (int repeat = 0; repeat < 3; ++repeat) {
      const QuantParams q = quantParams(type, l.channels, variant++, rng);
      const int64_t count = l.outer * l.channels * l.inner;
      std::vector<float> x(static_cast<size_t>(count));
      for (int64_t o = 0; o < l.outer; ++o)
        for (int64_t c = 0; c < l.channels; ++c)
          for (int64_t e = 0; e < l.inner; ++e)
            x[size_t((o * l.channels + c) * l.inner + e)] =
                quantInput(rng, q.scale[size_t(c)], type);
      qcc_rt_quant_desc d{QCC_RT_OP_QUANTIZE, type,    count,
                          l.channels,         l.inner, q.scale.data(),
                          q.zp.data(),        q.qmin,  q.qmax};
      ASSERT_EQ(validateDescriptor(&d), nullptr);
      IntBuffer ref(type, count, 0xA5), viaC(type, count, 0x5A);
      quantizeReference(d, x.data(), ref.data());
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_quantize(ctx.get(), &d, x.data(), viaC.data());
      }
      ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      for (int64_t o = 0; o < l.outer; ++o)
        for (int64_t c = 0; c < l.channels; ++c)
          for (int64_t e = 0; e < l.inner; ++e) {
            const int64_t i = (o * l.channels + c) * l.inner + e;
            const float v = x[size_t(i)], s = q.scale[size_t(c)];
            const int32_t want =
                quantizeValue(v, s, q.zp[size_t(c)], q.qmin, q.qmax);
            ASSERT_EQ(ref.get(i), want)
                << "at [" << o << "][" << c << "][" << e << "]: " << v << " / "
                << s << " + " << q.zp[size_t(c)];
            const float r = v / s;
            if (std::fabs(r - std::trunc(r)) == 0.5f)
              (r > 0 ? ties : negativeTies) += 1;
            saturated += want == q.qmin || want == q.qmax;
          }
    }
  EXPECT_GT(ties, 0);
  EXPECT_GT(negativeTies, 0);
  EXPECT_GT(saturated, 0);
}

TEST_P(QuantizeDequantize, DequantizeMatchesTheRulePerTensorAndPerAxis) {
  const int32_t type = GetParam();
  const int32_t lo = typeMin(type), hi = typeMax(type);
  std::mt19937 rng(4321);
  int variant = 0;
  for (const Layout &l : kLayouts)
    for (int repeat = 0; repeat < 3; ++repeat) {
      QuantParams q = quantParams(type, l.channels, variant++, rng);
      if (type == QCC_RT_I32) // int32 data is dequantized around 0 (ONNX)
        std::fill(q.zp.begin(), q.zp.end(), 0);
      const int64_t count = l.outer * l.channels * l.inner;
      IntBuffer in(type, count);
      for (int64_t i = 0; i < count; ++i)
        in.set(i, randomInt(rng, 0, 4) == 0 ? (randomInt(rng, 0, 1) ? hi : lo)
                                            : randomInt(rng, lo, hi));
      qcc_rt_quant_desc d{QCC_RT_OP_DEQUANTIZE, type,    count,
                          l.channels,           l.inner, q.scale.data(),
                          q.zp.data(),          q.qmin,  q.qmax};
      ASSERT_EQ(validateDescriptor(&d), nullptr);
      FloatBuffer ref(count, 0xA5), viaC(count, 0x5A);
      dequantizeReference(d, in.data(), ref.data());
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_dequantize(ctx.get(), &d, in.data(), viaC.data());
      }
      ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      for (int64_t o = 0; o < l.outer; ++o)
        for (int64_t c = 0; c < l.channels; ++c)
          for (int64_t e = 0; e < l.inner; ++e) {
            const int64_t i = (o * l.channels + c) * l.inner + e;
            const float want =
                dequantizeValue(in.get(i), q.scale[size_t(c)], q.zp[size_t(c)]);
            ASSERT_TRUE(sameFloatBits(ref[i], want))
                << "at [" << o << "][" << c << "][" << e << "]: " << ref[i]
                << " vs " << want;
          }
    }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, QuantizeDequantize,
                         ::testing::Values(QCC_RT_I8, QCC_RT_U8, QCC_RT_I32),
                         [](const ::testing::TestParamInfo<int32_t> &info) {
                           return std::string(typeName(info.param));
                         });

TEST(QuantizeKernel, EdgesByHand) {
  // uint8, scale 0.5, zero point 255 at the top of the range.
  const float x[] = {0.25f,   0.75f, -0.25f, -0.75f, 1.0f,  -127.25f,
                     -200.0f, kNaN,  kInf,   -kInf,  -0.0f, -0.5f};
  const uint8_t want[] = {255, 255, 255, 253, 255, 1, 0, 255, 255, 0, 255, 254};
  const float scale = 0.5f;
  const int32_t zp = 255;
  qcc_rt_quant_desc d{
      QCC_RT_OP_QUANTIZE, QCC_RT_U8, 12, 1, 1, &scale, &zp, 0, 255};
  uint8_t out[12], viaC[12];
  quantizeReference(d, x, out);
  OneOpContext ctx(&d);
  ASSERT_TRUE(ctx) << qcc_rt_last_error();
  qcc_rt_quantize(ctx.get(), &d, x, viaC);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(out[i], want[i]) << i;
    EXPECT_EQ(viaC[i], want[i]) << i;
  }
}

TEST(QuantizeKernel, QuotientsNextToEveryTieMatchTheDivision) {
  // The vector paths may compute x / scale without dividing (AVX-512:
  // from the reciprocal and a correction, between scales 2^-100 and
  // 2^100). The quotient matters at the ties of the rounding and at the
  // clamp: every value nearest to (k + 1/2) scale, four neighbours each
  // side, across the whole range and past it, at scales of both
  // significand extremes, both ends of that span and past them (division
  // again), with zero points at both ends of the types.
  std::mt19937 rng(99);
  std::vector<float> scales;
  for (int e : {-101, -100, -30, -7, 0, 12, 100, 101})
    for (uint32_t mantissa : {0u, 0x7fffffu}) {
      uint32_t bits;
      const float p = std::ldexp(1.0f, e);
      std::memcpy(&bits, &p, 4);
      bits |= mantissa;
      float s;
      std::memcpy(&s, &bits, 4);
      if (s <= 0x1p100f || mantissa == 0)
        scales.push_back(s);
    }
  for (int i = 0; i < 12; ++i)
    scales.push_back(float(randomScale(rng, -20, 2)));
  int64_t exactTies = 0, checked = 0;
  for (const float scale : scales)
    for (const auto &[type, zp] :
         {std::pair{QCC_RT_U8, 0}, std::pair{QCC_RT_U8, 255},
          std::pair{QCC_RT_U8, 128}, std::pair{QCC_RT_I8, -128},
          std::pair{QCC_RT_I8, 127}}) {
      std::vector<float> x(std::begin(kQuantSpecials),
                           std::end(kQuantSpecials));
      for (int k = -300; k <= 300; ++k) {
        float v = float((k + 0.5) * double(scale));
        for (int step = 0; step < 4; ++step)
          v = std::nextafter(v, -kInf);
        for (int step = 0; step < 9; ++step, v = std::nextafter(v, kInf)) {
          x.push_back(v);
          exactTies += double(v) == (k + 0.5) * double(scale);
        }
      }
      const int32_t qmin = typeMin(type), qmax = typeMax(type);
      const int64_t count = int64_t(x.size());
      qcc_rt_quant_desc d{
          QCC_RT_OP_QUANTIZE, type, count, 1, 1, &scale, &zp, qmin, qmax};
      ASSERT_EQ(validateDescriptor(&d), nullptr);
      IntBuffer out(type, count, 0x5A);
      OneOpContext ctx(&d);
      ASSERT_TRUE(ctx) << qcc_rt_last_error();
      qcc_rt_quantize(ctx.get(), &d, x.data(), out.data());
      for (int64_t i = 0; i < count; ++i, ++checked)
        ASSERT_EQ(out.get(i),
                  quantizeValue(x[size_t(i)], scale, zp, qmin, qmax))
            << std::hexfloat << x[size_t(i)] << " / " << scale << " + " << zp;
    }
  EXPECT_GT(exactTies, 1000);
  EXPECT_GT(checked, 400000);
}

//===----------------------------------------------------------------------===//
// Float add and multiply with broadcasting
//===----------------------------------------------------------------------===//

float randomFloat(std::mt19937 &rng) {
  switch (randomInt(rng, 0, 15)) {
  case 0:
    return kInf;
  case 1:
    return -kInf;
  case 2:
    return kNaN;
  case 3:
    return -0.0f;
  case 4:
    return std::numeric_limits<float>::denorm_min() *
           float(randomInt(rng, 1, 9));
  case 5:
    return std::numeric_limits<float>::max();
  default:
    return float(std::uniform_real_distribution<double>(-100, 100)(rng));
  }
}

TEST(BinaryF32Kernel, BroadcastsLikeNumPy) {
  std::mt19937 rng(2718);
  for (int32_t op : {0, 1})
    for (int32_t rank = 0; rank <= QCC_RT_MAX_RANK; ++rank)
      for (int trial = 0; trial < 12; ++trial) {
        SCOPED_TRACE(::testing::Message() << (op ? "mul" : "add") << " rank "
                                          << rank << " trial " << trial);
        qcc_rt_binary_f32_desc d{};
        d.kind = QCC_RT_OP_BINARY_F32;
        d.op = op;
        d.rank = rank;
        int64_t total = 1;
        for (int32_t i = 0; i < rank; ++i) {
          d.out_shape[i] = randomInt(rng, 1, rank > 4 ? 3 : 5);
          total *= d.out_shape[i];
        }
        // Each input has either the output's extent or 1 (stride 0) along
        // each dimension; its own elements are dense in some order of the
        // dimensions (a transposed layout on odd trials).
        std::vector<float> a, b;
        auto makeInput = [&](int64_t *strides, std::vector<float> &data) {
          bool broadcast[QCC_RT_MAX_RANK] = {};
          int order[QCC_RT_MAX_RANK];
          for (int32_t i = 0; i < rank; ++i) {
            broadcast[i] = randomInt(rng, 0, 2) == 0;
            order[i] = i;
          }
          if (trial % 2)
            std::shuffle(order, order + rank, rng);
          int64_t size = 1;
          for (int32_t j = rank - 1; j >= 0; --j) {
            const int i = order[j];
            strides[i] = broadcast[i] ? 0 : size;
            size *= broadcast[i] ? 1 : d.out_shape[i];
          }
          data.resize(size_t(size));
          for (float &v : data)
            v = randomFloat(rng);
        };
        makeInput(d.a_strides, a);
        makeInput(d.b_strides, b);
        ASSERT_EQ(validateDescriptor(&d), nullptr);
        FloatBuffer ref(total, 0xA5), viaC(total, 0x5A);
        binaryF32Reference(d, a.data(), b.data(), ref.data());
        {
          OneOpContext ctx(&d);
          ASSERT_TRUE(ctx) << qcc_rt_last_error();
          qcc_rt_binary_f32(ctx.get(), &d, a.data(), b.data(), viaC.data());
        }
        ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
        for (int64_t o = 0; o < total; ++o) {
          // Row-major coordinates of output element o.
          int64_t rest = o, ia = 0, ib = 0;
          for (int32_t i = rank - 1; i >= 0; --i) {
            const int64_t coord = rest % d.out_shape[i];
            rest /= d.out_shape[i];
            ia += coord * d.a_strides[i];
            ib += coord * d.b_strides[i];
          }
          const float x = a[size_t(ia)], y = b[size_t(ib)];
          const float want = op == 0 ? x + y : x * y;
          ASSERT_TRUE(sameFloatBits(ref[o], want))
              << "at " << o << ": " << x << (op ? " * " : " + ") << y << " = "
              << ref[o] << ", want " << want;
        }
      }
}

//===----------------------------------------------------------------------===//
// Float clip
//===----------------------------------------------------------------------===//

TEST(ClipF32Kernel, ClampsEveryValue) {
  std::mt19937 rng(3141);
  const float bounds[][2] = {{0.0f, kInf},   {-1.0f, 1.0f}, {0.0f, 6.0f},
                             {-kInf, kInf},  {2.5f, 2.5f},  {-3.75f, -0.5f},
                             {-kInf, 0.25f}, {-0.0f, 0.0f}};
  for (const auto &bound : bounds)
    for (int64_t count : {int64_t(0), int64_t(1), int64_t(7), int64_t(300)}) {
      SCOPED_TRACE(::testing::Message() << "[" << bound[0] << ", " << bound[1]
                                        << "] count " << count);
      std::vector<float> x(static_cast<size_t>(count));
      for (float &v : x) {
        v = randomInt(rng, 0, 3) == 0
                ? (randomInt(rng, 0, 1) ? bound[0] : bound[1])
                : randomFloat(rng);
        if (randomInt(rng, 0, 5) == 0 && std::isfinite(v))
          v = std::nextafter(v, randomInt(rng, 0, 1) ? kInf : -kInf);
      }
      qcc_rt_clip_f32_desc d{QCC_RT_OP_CLIP_F32, 0, count, bound[0], bound[1]};
      ASSERT_EQ(validateDescriptor(&d), nullptr);
      FloatBuffer ref(count, 0xA5), viaC(count, 0x5A);
      clipF32Reference(d, x.data(), ref.data());
      {
        OneOpContext ctx(&d);
        ASSERT_TRUE(ctx) << qcc_rt_last_error();
        qcc_rt_clip_f32(ctx.get(), &d, x.data(), viaC.data());
      }
      ASSERT_TRUE(sameBytes(ref.bytes(), viaC.bytes()));
      for (int64_t i = 0; i < count; ++i) {
        const float v = x[size_t(i)];
        if (std::isnan(v)) { // NaN stays NaN (ONNX Clip, torch.clamp)
          EXPECT_TRUE(std::isnan(ref[i])) << i;
          continue;
        }
        // min(max(in, min), max); 0 and -0 compare equal.
        const float want = std::min(std::max(v, bound[0]), bound[1]);
        ASSERT_EQ(ref[i], want) << "at " << i << ": clip(" << v << ")";
      }
    }
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

struct ValidAdd {
  int32_t mult[3] = {1 << 30, 1 << 30, 1 << 30}, shift[3] = {0, -1, -18};
  float scale[3] = {0.5f, 0.25f, 1.0f};
  qcc_rt_add_desc d{};
  ValidAdd() {
    d.kind = QCC_RT_OP_ADD;
    d.type = QCC_RT_U8;
    d.count = 10;
    d.left_shift = 20;
    d.a_rescale = {0, 1,         &mult[0],  &shift[0], nullptr,
                   0, kInt32Min, kInt32Max, 0};
    d.b_rescale = {0, 1,         &mult[1],  &shift[1], nullptr,
                   0, kInt32Min, kInt32Max, 0};
    d.output = {0, 1, &mult[2], &shift[2], nullptr, 128, 0, 255, 0};
  }
};

TEST(AddKernel, ContextRejectsMalformedDescriptors) {
  struct Mutation {
    const char *why;
    void (*mutate)(ValidAdd &);
  };
  const Mutation mutations[] = {
      {"malformed add descriptor", [](ValidAdd &v) { v.d.type = QCC_RT_I32; }},
      {"malformed add descriptor", [](ValidAdd &v) { v.d.type = QCC_RT_F32; }},
      {"malformed add descriptor", [](ValidAdd &v) { v.d.count = -1; }},
      {"malformed add descriptor", [](ValidAdd &v) { v.d.left_shift = -1; }},
      {"malformed add descriptor", [](ValidAdd &v) { v.d.left_shift = 23; }},
      {"add input rescaling does not match its output rule",
       [](ValidAdd &v) { v.d.a_rescale.rounding = QCC_RT_ROUND_SINGLE; }},
      {"add input rescaling does not match its output rule",
       [](ValidAdd &v) { v.mult[1] = 7; }},
      {"add input rescaling does not match its output rule",
       [](ValidAdd &v) { v.d.a_rescale.channels = 2; }},
      {"add input rescaling does not match its output rule",
       [](ValidAdd &v) { v.d.b_rescale.multiplier = nullptr; }},
      {"add input rescaling does not match its output rule",
       [](ValidAdd &v) {
         for (qcc_rt_requant *r : {&v.d.a_rescale, &v.d.b_rescale, &v.d.output})
           r->rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.a_rescale.scale = &v.scale[0];
         v.d.output.scale = &v.scale[2];
       }},
      {"float requantization without scales",
       [](ValidAdd &v) {
         for (qcc_rt_requant *r : {&v.d.a_rescale, &v.d.b_rescale, &v.d.output})
           r->rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
         v.d.a_rescale.scale = &v.scale[0];
         v.d.b_rescale.scale = &v.scale[1];
       }},
      {"a raw accumulator must be int32",
       [](ValidAdd &v) {
         for (qcc_rt_requant *r : {&v.d.a_rescale, &v.d.b_rescale, &v.d.output})
           r->rounding = QCC_RT_NO_REQUANT;
       }},
      {"clamp bounds are empty or outside the output type",
       [](ValidAdd &v) { v.d.output.clamp_max = 256; }},
      {"clamp bounds are empty or outside the output type",
       [](ValidAdd &v) {
         v.d.type = QCC_RT_I8;
         v.d.output.clamp_max = 200;
       }},
      {"requantization has neither 1 nor one scale per channel",
       [](ValidAdd &v) { v.d.output.channels = 3; }},
      {"multiplier or shift out of range",
       [](ValidAdd &v) { v.shift[2] = -40; }},
  };
  {
    ValidAdd v;
    EXPECT_EQ(rejection(&v.d), "");
    v.d.left_shift = 0;
    EXPECT_EQ(rejection(&v.d), "");
    v.d.left_shift = 22;
    v.d.count = 0;
    EXPECT_EQ(rejection(&v.d), "");
  }
  for (const Mutation &m : mutations) {
    ValidAdd v;
    m.mutate(v);
    EXPECT_EQ(rejection(&v.d), rejected(m.why));
  }
}

TEST(RequantizeKernel, ContextRejectsMalformedDescriptors) {
  const int32_t mult = 1 << 30, shift = 1, bad = 1 << 29;
  const float scale = 2.0f, zero = 0.0f;
  auto desc = [&] {
    qcc_rt_requantize_desc d{};
    d.kind = QCC_RT_OP_REQUANTIZE;
    d.input_type = QCC_RT_U8;
    d.output_type = QCC_RT_I8;
    d.count = 5;
    d.requant = {
        QCC_RT_ROUND_DOUBLE, 1, &mult, &shift, &scale, 0, -128, 127, 0};
    return d;
  };
  qcc_rt_requantize_desc d = desc();
  EXPECT_EQ(rejection(&d), "");
  d.input_type = QCC_RT_I32;
  EXPECT_EQ(rejection(&d), rejected("malformed requantize descriptor"));
  d = desc();
  d.output_type = QCC_RT_I32;
  EXPECT_EQ(rejection(&d), rejected("malformed requantize descriptor"));
  d = desc();
  d.count = -3;
  EXPECT_EQ(rejection(&d), rejected("malformed requantize descriptor"));
  d = desc();
  d.requant.rounding = QCC_RT_NO_REQUANT;
  EXPECT_EQ(rejection(&d), rejected("a raw accumulator must be int32"));
  d = desc();
  d.requant.channels = 2;
  EXPECT_EQ(rejection(&d),
            rejected("requantization has neither 1 nor one scale per channel"));
  d = desc();
  d.requant.clamp_min = 0;
  d.requant.clamp_max = -1;
  EXPECT_EQ(rejection(&d),
            rejected("clamp bounds are empty or outside the output type"));
  d = desc();
  d.output_type = QCC_RT_U8;
  EXPECT_EQ(rejection(&d),
            rejected("clamp bounds are empty or outside the output type"));
  d = desc();
  d.requant.multiplier = &bad;
  EXPECT_EQ(rejection(&d),
            rejected("multiplier is not normalized to [2^30, 2^31)"));
  d = desc();
  d.requant.rounding = QCC_RT_ROUND_FLOAT_HALF_EVEN;
  d.requant.scale = &zero;
  EXPECT_EQ(rejection(&d), rejected("float requantization scale is not "
                                    "positive and finite"));
  d = desc();
  d.requant.rounding = 17;
  EXPECT_EQ(rejection(&d), rejected("unknown rounding rule"));
}

TEST(QuantizeKernel, ContextRejectsMalformedDescriptors) {
  float scales[2] = {0.5f, 0.25f};
  int32_t zps[2] = {0, 0};
  for (int32_t kind : {QCC_RT_OP_QUANTIZE, QCC_RT_OP_DEQUANTIZE}) {
    SCOPED_TRACE(kind);
    auto desc = [&] {
      return qcc_rt_quant_desc{kind,   QCC_RT_I8, 12,   2,  3,
                               scales, zps,       -128, 127};
    };
    qcc_rt_quant_desc d = desc();
    EXPECT_EQ(rejection(&d), "");
    const std::string malformed =
        rejected("malformed quantize/dequantize descriptor");
    d.type = QCC_RT_F32;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.type = 9;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.count = -1;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.channels = 0;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.inner = 0;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.scale = nullptr;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.zero_point = nullptr;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.qmin = 5;
    d.qmax = 4;
    EXPECT_EQ(rejection(&d), malformed);
    // The range must lie inside the storage type.
    d = desc();
    d.qmax = 300;
    EXPECT_EQ(rejection(&d), malformed);
    d = desc();
    d.qmin = -129;
    EXPECT_EQ(rejection(&d), malformed);
    const std::string badScale =
        rejected("quantization scale is not positive and finite");
    for (float s : {0.0f, -0.25f, kInf, kNaN, -0.0f}) {
      scales[1] = s;
      d = desc();
      EXPECT_EQ(rejection(&d), badScale) << s;
    }
    scales[1] = 0.25f;
  }
}

TEST(BinaryF32Kernel, ContextRejectsMalformedDescriptors) {
  qcc_rt_binary_f32_desc d{};
  d.kind = QCC_RT_OP_BINARY_F32;
  EXPECT_EQ(rejection(&d), ""); // rank 0: a scalar
  d.rank = QCC_RT_MAX_RANK;
  d.op = 1;
  EXPECT_EQ(rejection(&d), "");
  const std::string malformed = rejected("malformed float binary descriptor");
  d.rank = QCC_RT_MAX_RANK + 1;
  EXPECT_EQ(rejection(&d), malformed);
  d.rank = -1;
  EXPECT_EQ(rejection(&d), malformed);
  d.rank = 2;
  d.op = 2;
  EXPECT_EQ(rejection(&d), malformed);
  d.op = -1;
  EXPECT_EQ(rejection(&d), malformed);
}

TEST(ClipF32Kernel, ContextRejectsMalformedDescriptors) {
  qcc_rt_clip_f32_desc d{QCC_RT_OP_CLIP_F32, 0, 4, 1.0f, 1.0f};
  EXPECT_EQ(rejection(&d), "");
  const std::string malformed = rejected("malformed float clip descriptor");
  d.min = 1.5f;
  EXPECT_EQ(rejection(&d), malformed);
  d.min = kInf;
  d.max = -kInf;
  EXPECT_EQ(rejection(&d), malformed);
  d.min = 0.0f;
  d.max = 6.0f;
  d.count = -1;
  EXPECT_EQ(rejection(&d), malformed);
}

} // namespace
