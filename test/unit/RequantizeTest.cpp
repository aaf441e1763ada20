// The requantization rules against independent formulations: exact rational
// arithmetic in __int128 with the rounding each rule promises, rather than
// the shifts and masks of the implementation.
#include "qcc/runtime/Requantize.h"

#include <gtest/gtest.h>

#include <cfenv>
#include <cmath>
#include <random>

using namespace qcc::rt;

namespace {

using i128 = __int128;

/// round(num / 2^e), halves away from zero, exactly.
i128 divPow2HalfAway(i128 num, int e) {
  if (e == 0)
    return num;
  i128 mag = num < 0 ? -num : num;
  i128 q = (mag + (i128(1) << (e - 1))) >> e;
  return num < 0 ? -q : q;
}

/// floor((num + 2^(e-1)) / 2^e): halves toward +infinity, exactly.
i128 divPow2HalfUp(i128 num, int e) {
  i128 t = num + (i128(1) << (e - 1));
  // Floor division by a power of two for negative numbers too.
  return t >= 0 ? t >> e : -((-t + (i128(1) << e) - 1) >> e);
}

int32_t sat(i128 v) {
  return v < kInt32Min ? kInt32Min : v > kInt32Max ? kInt32Max : int32_t(v);
}

int32_t referenceDoubleRounding(int32_t acc, QuantizedMultiplier m) {
  int left = m.shift > 0 ? m.shift : 0, right = m.shift > 0 ? 0 : -m.shift;
  int32_t x = sat(i128(acc) << left);
  i128 high = divPow2HalfUp(i128(x) * m.multiplier, 31);
  return int32_t(divPow2HalfAway(high, right));
}

int32_t referenceSingleRounding(int32_t acc, QuantizedMultiplier m) {
  return sat(divPow2HalfUp(i128(acc) * m.multiplier, 31 - m.shift));
}

constexpr int32_t kEdges[] = {kInt32Min, kInt32Min + 1,
                              -65536,    -32769,
                              -255,      -128,
                              -2,        -1,
                              0,         1,
                              2,         127,
                              255,       32767,
                              65536,     kInt32Max - 1,
                              kInt32Max};

//===----------------------------------------------------------------------===//
// Multiplier derivation
//===----------------------------------------------------------------------===//

TEST(QuantizeMultiplier, PowersOfTwo) {
  QuantizedMultiplier m;
  ASSERT_EQ(quantizeMultiplier(0.5, m), MultiplierError::None);
  EXPECT_EQ(m.multiplier, 1 << 30);
  EXPECT_EQ(m.shift, 0);
  ASSERT_EQ(quantizeMultiplier(1.0, m), MultiplierError::None);
  EXPECT_EQ(m.multiplier, 1 << 30);
  EXPECT_EQ(m.shift, 1);
  ASSERT_EQ(quantizeMultiplier(0.25, m), MultiplierError::None);
  EXPECT_EQ(m.multiplier, 1 << 30);
  EXPECT_EQ(m.shift, -1);
}

TEST(QuantizeMultiplier, MantissaRoundingUpTo2Pow31CarriesIntoTheShift) {
  // q = 1 - 2^-33 rounds to 2^31 in Q31: the mantissa halves, the exponent
  // grows.
  QuantizedMultiplier m;
  ASSERT_EQ(quantizeMultiplier(std::ldexp(1.0 - std::ldexp(1.0, -33), -4), m),
            MultiplierError::None);
  EXPECT_EQ(m.multiplier, 1 << 30);
  EXPECT_EQ(m.shift, -3);
  // Just below the carry: the largest mantissa.
  ASSERT_EQ(quantizeMultiplier(1.0 - std::ldexp(1.0, -31), m),
            MultiplierError::None);
  EXPECT_EQ(m.multiplier, kInt32Max);
  EXPECT_EQ(m.shift, 0);
}

TEST(QuantizeMultiplier, TinyScalesFlushToZeroExactly) {
  QuantizedMultiplier m;
  // 2^-32 is the smallest kept: shift -31.
  ASSERT_EQ(quantizeMultiplier(std::ldexp(1.0, -32), m), MultiplierError::None);
  EXPECT_EQ(m.multiplier, 1 << 30);
  EXPECT_EQ(m.shift, -31);
  // Below it, every int32 accumulator's product is under 0.5: zero.
  for (double real : {std::ldexp(1.0, -33), std::ldexp(1.9, -34), 1e-30}) {
    ASSERT_EQ(quantizeMultiplier(real, m), MultiplierError::None);
    EXPECT_EQ(m.multiplier, 0);
    EXPECT_EQ(m.shift, 0);
    for (int32_t acc : kEdges) {
      EXPECT_EQ(multiplyDoubleRounding(acc, m), 0);
      EXPECT_EQ(multiplySingleRounding(acc, m), 0);
      EXPECT_LT(std::fabs(double(acc) * real), 0.5);
    }
  }
}

TEST(QuantizeMultiplier, RejectsWhatNoRuleCanRepresent) {
  QuantizedMultiplier m;
  EXPECT_EQ(quantizeMultiplier(0.0, m), MultiplierError::NotPositive);
  EXPECT_EQ(quantizeMultiplier(-0.5, m), MultiplierError::NotPositive);
  EXPECT_EQ(quantizeMultiplier(NAN, m), MultiplierError::NotFinite);
  EXPECT_EQ(quantizeMultiplier(INFINITY, m), MultiplierError::NotFinite);
  EXPECT_EQ(quantizeMultiplier(std::ldexp(1.0, 30), m),
            MultiplierError::TooLarge);
  ASSERT_EQ(quantizeMultiplier(std::ldexp(1.0, 30) - 1.0, m),
            MultiplierError::None);
  EXPECT_EQ(m.shift, 30);
}

TEST(QuantizeMultiplier, RandomScalesRoundTripWithin2PowMinus31) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> exponent(-31.0, 29.9);
  for (int i = 0; i < 100000; ++i) {
    double real = std::exp2(exponent(rng));
    QuantizedMultiplier m;
    ASSERT_EQ(quantizeMultiplier(real, m), MultiplierError::None);
    ASSERT_GE(m.multiplier, 1 << 30);
    ASSERT_GE(m.shift, -31);
    ASSERT_LE(m.shift, 30);
    EXPECT_LE(std::fabs(multiplierValue(m) - real) / real,
              std::ldexp(1.0, -31));
  }
}

//===----------------------------------------------------------------------===//
// Double rounding (gemmlowp)
//===----------------------------------------------------------------------===//

TEST(DoubleRounding, SaturatingRoundingDoublingHighMulCorners) {
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kInt32Min, kInt32Min), kInt32Max);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kInt32Max, kInt32Max),
            kInt32Max - 1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kInt32Min, kInt32Max),
            kInt32Min + 1);
  // Ties toward +infinity, as SQRDMULH: 1 * 2^30 / 2^31 = 0.5 -> 1,
  // -0.5 -> 0, 1.5 -> 2, -1.5 -> -1.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1, 1 << 30), 1);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-1, 1 << 30), 0);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(3, 1 << 30), 2);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1);
}

TEST(DoubleRounding, SaturatingRoundingDoublingHighMulMatchesExactRounding) {
  std::mt19937 rng(2);
  std::uniform_int_distribution<int32_t> any(kInt32Min, kInt32Max);
  for (int i = 0; i < 1000000; ++i) {
    int32_t a = any(rng), b = any(rng);
    if (a == kInt32Min && b == kInt32Min)
      continue;
    ASSERT_EQ(saturatingRoundingDoublingHighMul(a, b),
              int32_t(divPow2HalfUp(i128(a) * b, 31)))
        << a << " * " << b;
  }
  for (int32_t a : kEdges) {
    for (int32_t b : kEdges) {
      if (a == kInt32Min && b == kInt32Min)
        continue;
      EXPECT_EQ(saturatingRoundingDoublingHighMul(a, b),
                int32_t(divPow2HalfUp(i128(a) * b, 31)));
    }
  }
}

TEST(DoubleRounding, RoundingDivideByPOTAllSmallValuesEveryExponent) {
  // Every int16-range value, every exponent 0..31: all ties of small
  // magnitudes, both signs.
  for (int e = 0; e <= 31; ++e)
    for (int32_t x = -70000; x <= 70000; ++x)
      ASSERT_EQ(roundingDivideByPOT(x, e), int32_t(divPow2HalfAway(x, e)))
          << x << " >> " << e;
}

TEST(DoubleRounding, RoundingDivideByPOTTiesNearTheInt32Limits) {
  for (int e = 1; e <= 31; ++e) {
    const int64_t half = int64_t(1) << (e - 1);
    for (int64_t k = -3; k <= 3; ++k) {
      // Ties just inside the positive and negative ends.
      for (int64_t base : {int64_t(kInt32Max) - (int64_t(1) << e) * 4,
                           int64_t(kInt32Min) + (int64_t(1) << e) * 4}) {
        // base rounded down to a multiple of 2^e (a left shift of a
        // negative value would be undefined).
        int64_t tie =
            (base >> e) * (int64_t(1) << e) + k * (int64_t(1) << e) + half;
        if (tie < kInt32Min || tie > kInt32Max)
          continue;
        int32_t x = int32_t(tie);
        ASSERT_EQ(roundingDivideByPOT(x, e), int32_t(divPow2HalfAway(x, e)))
            << x << " >> " << e;
      }
    }
    for (int32_t x : kEdges)
      ASSERT_EQ(roundingDivideByPOT(x, e), int32_t(divPow2HalfAway(x, e)));
  }
}

using Rule = int32_t (*)(int32_t, QuantizedMultiplier);

/// Every shift, mantissas at the ends of their range, edge accumulators.
void expectMatchesOnEdges(Rule rule, Rule reference) {
  const int32_t multipliers[] = {0, 1 << 30, (1 << 30) + 1, 1518500250,
                                 kInt32Max};
  for (int shift = -31; shift <= 30; ++shift)
    for (int32_t mult : multipliers)
      for (int32_t acc : kEdges) {
        QuantizedMultiplier m{mult, shift};
        ASSERT_EQ(rule(acc, m), reference(acc, m))
            << acc << " * " << mult << " shift " << shift;
      }
}

TEST(DoubleRounding, MultiplyMatchesReferenceOnEdgesAndEveryShift) {
  expectMatchesOnEdges(multiplyDoubleRounding, referenceDoubleRounding);
}

TEST(DoubleRounding, MultiplyMatchesReferenceOnRandomInputs) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int32_t> any(kInt32Min, kInt32Max);
  std::uniform_int_distribution<int32_t> mant(1 << 30, kInt32Max);
  std::uniform_int_distribution<int> shift(-31, 30);
  std::uniform_int_distribution<int32_t> small(-200000, 200000);
  for (int i = 0; i < 1000000; ++i) {
    QuantizedMultiplier m{mant(rng), shift(rng)};
    int32_t acc = i % 2 ? any(rng) : small(rng);
    ASSERT_EQ(multiplyDoubleRounding(acc, m), referenceDoubleRounding(acc, m))
        << acc << " * " << m.multiplier << " shift " << m.shift;
  }
}

TEST(DoubleRounding, RoundsTwiceUnlikeTheExactProduct) {
  // 0.25 as multiplier 2^30, shift -1: for acc = 5 the high multiply gives
  // round(2.5) = 3, then round(3 / 2) = 2; one rounding of 5 * 0.25 = 1.25
  // gives 1. Negative ties: -5 gives round(-2.5) = -2 (toward +infinity),
  // then -1; single rounding gives round(-1.25) = -1.
  QuantizedMultiplier m{1 << 30, -1};
  EXPECT_EQ(multiplyDoubleRounding(5, m), 2);
  EXPECT_EQ(multiplySingleRounding(5, m), 1);
  EXPECT_EQ(multiplyDoubleRounding(-5, m), -1);
  EXPECT_EQ(multiplySingleRounding(-5, m), -1);
  // -7: round(-3.5) = -3, round(-1.5) = -2; exact -1.75 -> -2.
  EXPECT_EQ(multiplyDoubleRounding(-7, m), -2);
}

//===----------------------------------------------------------------------===//
// Single rounding
//===----------------------------------------------------------------------===//

TEST(SingleRounding, TiesRoundTowardPlusInfinity) {
  QuantizedMultiplier half{1 << 30, 0};            // 0.5
  EXPECT_EQ(multiplySingleRounding(1, half), 1);   // 0.5 -> 1
  EXPECT_EQ(multiplySingleRounding(-1, half), 0);  // -0.5 -> 0
  EXPECT_EQ(multiplySingleRounding(3, half), 2);   // 1.5 -> 2
  EXPECT_EQ(multiplySingleRounding(-3, half), -1); // -1.5 -> -1
  EXPECT_EQ(multiplySingleRounding(5, half), 3);   // 2.5 -> 3
}

TEST(SingleRounding, MultiplyMatchesReferenceOnEdgesAndEveryShift) {
  expectMatchesOnEdges(multiplySingleRounding, referenceSingleRounding);
}

TEST(SingleRounding, MultiplyMatchesReferenceOnRandomInputs) {
  std::mt19937 rng(4);
  std::uniform_int_distribution<int32_t> any(kInt32Min, kInt32Max);
  std::uniform_int_distribution<int32_t> mant(1 << 30, kInt32Max);
  std::uniform_int_distribution<int> shift(-31, 30);
  for (int i = 0; i < 1000000; ++i) {
    QuantizedMultiplier m{mant(rng), shift(rng)};
    int32_t acc = any(rng);
    ASSERT_EQ(multiplySingleRounding(acc, m), referenceSingleRounding(acc, m));
  }
}

//===----------------------------------------------------------------------===//
// Float rule
//===----------------------------------------------------------------------===//

TEST(FloatRule, RoundHalfToEven) {
  EXPECT_EQ(roundHalfToEven(0.5f), 0.0f);
  EXPECT_EQ(roundHalfToEven(1.5f), 2.0f);
  EXPECT_EQ(roundHalfToEven(2.5f), 2.0f);
  EXPECT_EQ(roundHalfToEven(-0.5f), 0.0f);
  EXPECT_EQ(roundHalfToEven(-1.5f), -2.0f);
  EXPECT_EQ(roundHalfToEven(-2.5f), -2.0f);
  EXPECT_EQ(roundHalfToEven(2.4999998f), 2.0f);
  EXPECT_EQ(roundHalfToEven(8388607.5f), 8388608.0f);
}

TEST(FloatRule, RoundHalfToEvenAgreesWithNearbyintInDefaultMode) {
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> v(-1000.0f, 1000.0f);
  for (int i = 0; i < 1000000; ++i) {
    float x = i % 4 ? v(rng) : std::floor(v(rng)) + 0.5f;
    ASSERT_EQ(roundHalfToEven(x), std::nearbyint(x)) << x;
  }
}

TEST(FloatRule, RequantizeFloatClampsAroundTheZeroPoint) {
  // 7 * 0.5 = 3.5 -> 4 (even), + zp 10.
  EXPECT_EQ(requantizeFloat(7, 0.5f, 10, 0, 255), 14);
  EXPECT_EQ(requantizeFloat(5, 0.5f, 10, 0, 255), 12); // 2.5 -> 2
  EXPECT_EQ(requantizeFloat(kInt32Max, 1.0f, 10, 0, 255), 255);
  EXPECT_EQ(requantizeFloat(kInt32Min, 1.0f, 10, 0, 255), 0);
  // Zero points at the ends of the range.
  EXPECT_EQ(requantizeFloat(-3, 1.0f, 0, 0, 255), 0);
  EXPECT_EQ(requantizeFloat(3, 1.0f, 255, 0, 255), 255);
  EXPECT_EQ(requantizeFloat(-3, 1.0f, -128, -128, 127), -128);
  EXPECT_EQ(requantizeFloat(3, 1.0f, 127, -128, 127), 127);
  // float(acc) rounds first, as ONNX Runtime's does: 2^25 + 2 becomes 2^25
  // (a tie, to even), so the result is 2^24 where exact arithmetic gives
  // 2^24 + 1.
  EXPECT_EQ(requantizeFloat((1 << 25) + 2, 0.5f, 0, kInt32Min, kInt32Max),
            1 << 24);
}

//===----------------------------------------------------------------------===//
// The whole output rule
//===----------------------------------------------------------------------===//

TEST(Requantize, ZeroPointAddedWithSaturationThenClamped) {
  QuantizedMultiplier big{kInt32Max, 30}; // ~2^30
  for (Rounding r : {Rounding::DoubleRound, Rounding::SingleRound}) {
    EXPECT_EQ(requantize(kInt32Max, r, big, 0, 127, -128, 127), 127);
    EXPECT_EQ(requantize(kInt32Min, r, big, 0, -128, -128, 127), -128);
    EXPECT_EQ(requantize(kInt32Max, r, big, 0, 255, 0, 255), 255);
    EXPECT_EQ(requantize(kInt32Min, r, big, 0, 0, 0, 255), 0);
    // A fused ReLU: the clamp starts at the zero point.
    QuantizedMultiplier one{1 << 30, 1};
    EXPECT_EQ(requantize(-5, r, one, 0, 20, 20, 255), 20);
    EXPECT_EQ(requantize(5, r, one, 0, 20, 20, 255), 25);
  }
}

TEST(Requantize, DispatchesToEachRule) {
  QuantizedMultiplier quarter{1 << 30, -1};
  EXPECT_EQ(requantize(5, Rounding::DoubleRound, quarter, 0, 0, -128, 127), 2);
  EXPECT_EQ(requantize(5, Rounding::SingleRound, quarter, 0, 0, -128, 127), 1);
  EXPECT_EQ(requantize(5, Rounding::FloatHalfEven, {}, 0.25f, 0, -128, 127), 1);
  EXPECT_EQ(requantize(6, Rounding::FloatHalfEven, {}, 0.25f, 0, -128, 127), 2);
}

//===----------------------------------------------------------------------===//
// Quantize, dequantize, bias
//===----------------------------------------------------------------------===//

TEST(QuantizeValue, TiesToEvenAndSaturation) {
  EXPECT_EQ(quantizeValue(0.25f, 0.5f, 0, -128, 127), 0); // 0.5 -> 0
  EXPECT_EQ(quantizeValue(0.75f, 0.5f, 0, -128, 127), 2); // 1.5 -> 2
  EXPECT_EQ(quantizeValue(1.25f, 0.5f, 0, -128, 127), 2); // 2.5 -> 2
  EXPECT_EQ(quantizeValue(-1.25f, 0.5f, 0, -128, 127), -2);
  EXPECT_EQ(quantizeValue(1e9f, 0.5f, 0, -128, 127), 127);
  EXPECT_EQ(quantizeValue(-1e9f, 0.5f, 0, -128, 127), -128);
  EXPECT_EQ(quantizeValue(INFINITY, 0.5f, 3, 0, 255), 255);
  EXPECT_EQ(quantizeValue(-INFINITY, 0.5f, 3, 0, 255), 0);
  EXPECT_EQ(quantizeValue(NAN, 0.5f, 3, 0, 255), 3);
  // Zero points at the ends of the range.
  EXPECT_EQ(quantizeValue(-1.0f, 0.5f, 0, 0, 255), 0);
  EXPECT_EQ(quantizeValue(1.0f, 0.5f, 255, 0, 255), 255);
  EXPECT_EQ(quantizeValue(-1.0f, 0.5f, 255, 0, 255), 253);
  EXPECT_EQ(quantizeValue(1.0f, 0.5f, -128, -128, 127), -126);
}

TEST(QuantizeValue, DividesInFloat32) {
  // The quotient is the float32 one, as ONNX QuantizeLinear computes it.
  std::mt19937 rng(6);
  std::uniform_real_distribution<float> v(-300.0f, 300.0f);
  std::uniform_real_distribution<float> s(0.001f, 2.0f);
  for (int i = 0; i < 100000; ++i) {
    float x = v(rng), scale = s(rng);
    float q = std::nearbyint(x / scale);
    int32_t expected = int32_t(std::fmax(-128.0f, std::fmin(127.0f, q)));
    ASSERT_EQ(quantizeValue(x, scale, 0, -128, 127), expected);
  }
}

TEST(DequantizeValue, IsExactProduct) {
  EXPECT_EQ(dequantizeValue(130, 0.5f, 128), 1.0f);
  EXPECT_EQ(dequantizeValue(-128, 0.25f, 127), -63.75f);
}

TEST(QuantizeBias, RoundsHalfToEvenAndRefusesOverflow) {
  int32_t q = 0;
  ASSERT_TRUE(quantizeBias(0.0625f, 0.125, q));
  EXPECT_EQ(q, 0);
  ASSERT_TRUE(quantizeBias(0.1875f, 0.125, q));
  EXPECT_EQ(q, 2);
  ASSERT_TRUE(quantizeBias(-0.1875f, 0.125, q));
  EXPECT_EQ(q, -2);
  EXPECT_FALSE(quantizeBias(1.0f, 1e-10, q));
  EXPECT_FALSE(quantizeBias(-1.0f, 1e-10, q));
}

} // namespace
