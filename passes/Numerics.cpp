#include "passes/Numerics.h"

#include "qcc/runtime/Requantize.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>

using namespace mlir;

namespace qcc {

std::optional<Numerics> parseNumerics(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Numerics>>(name)
      .Case("int", Numerics::Int)
      .Case("int-single-round", Numerics::IntSingleRound)
      .Case("onnx", Numerics::Onnx)
      .Default(std::nullopt);
}

llvm::StringRef numericsName(Numerics n) {
  switch (n) {
  case Numerics::Int:
    return "int";
  case Numerics::IntSingleRound:
    return "int-single-round";
  case Numerics::Onnx:
    return "onnx";
  }
  return "int";
}

qint::Rounding roundingOf(Numerics n) {
  switch (n) {
  case Numerics::Int:
    return qint::Rounding::double_round;
  case Numerics::IntSingleRound:
    return qint::Rounding::single_round;
  case Numerics::Onnx:
    return qint::Rounding::float_half_even;
  }
  return qint::Rounding::double_round;
}

qint::RequantAttr buildRequantFromScales(MLIRContext *ctx, Numerics numerics,
                                         ArrayRef<double> reals,
                                         ArrayRef<float> floats,
                                         int32_t zeroPoint, int32_t clampMin,
                                         int32_t clampMax,
                                         std::string &reason) {
  SmallVector<int32_t> multipliers, shifts;
  SmallVector<float> scales;
  if (numerics == Numerics::Onnx) {
    for (float s : floats) {
      if (!(s > 0.0f) || !std::isfinite(s)) {
        llvm::raw_string_ostream(reason)
            << "requantization scale " << llvm::format("%g", double(s))
            << " (in float32) is not positive and finite";
        return {};
      }
      scales.push_back(s);
    }
  } else {
    for (double real : reals) {
      rt::QuantizedMultiplier qm;
      rt::MultiplierError err = rt::quantizeMultiplier(real, qm);
      if (err != rt::MultiplierError::None) {
        llvm::raw_string_ostream(reason)
            << "requantization scale " << llvm::format("%g", real) << ": "
            << rt::multiplierErrorText(err);
        return {};
      }
      multipliers.push_back(qm.multiplier);
      shifts.push_back(qm.shift);
    }
  }
  return qint::RequantAttr::get(ctx, roundingOf(numerics), zeroPoint, clampMin,
                                clampMax, multipliers, shifts, scales);
}

qint::RequantAttr buildRequant(MLIRContext *ctx, Numerics numerics,
                               double inScale, ArrayRef<double> weightScales,
                               double outScale, int32_t zeroPoint,
                               int32_t clampMin, int32_t clampMax,
                               std::string &reason) {
  SmallVector<double> reals;
  SmallVector<float> floats;
  for (double ws : weightScales) {
    reals.push_back(inScale * ws / outScale);
    // ONNX Runtime: X_scale * W_scale / Y_scale, in float32.
    float s = float(inScale) * float(ws);
    floats.push_back(s / float(outScale));
  }
  return buildRequantFromScales(ctx, numerics, reals, floats, zeroPoint,
                                clampMin, clampMax, reason);
}

std::optional<AddRequant> buildAddRequant(MLIRContext *ctx, Numerics numerics,
                                          double lhsScale, double rhsScale,
                                          double outScale, int32_t zeroPoint,
                                          int32_t clampMin, int32_t clampMax,
                                          std::string &reason) {
  const int32_t lo = std::numeric_limits<int32_t>::min();
  const int32_t hi = std::numeric_limits<int32_t>::max();
  AddRequant r;
  if (numerics == Numerics::Onnx) {
    // ONNX Runtime's QLinearAdd: ratios sA / sC and sB / sC in float32.
    float ra = float(lhsScale) / float(outScale);
    float rb = float(rhsScale) / float(outScale);
    r.lhs = buildRequantFromScales(ctx, numerics, {}, {ra}, 0, lo, hi, reason);
    r.rhs = buildRequantFromScales(ctx, numerics, {}, {rb}, 0, lo, hi, reason);
    r.output = buildRequantFromScales(ctx, numerics, {}, {1.0f}, zeroPoint,
                                      clampMin, clampMax, reason);
  } else {
    // TFLite: both inputs to a common scale with 20 bits of headroom.
    r.leftShift = rt::kAddLeftShift;
    const double twiceMax = 2.0 * std::max(lhsScale, rhsScale);
    r.lhs = buildRequantFromScales(ctx, numerics, {lhsScale / twiceMax}, {}, 0,
                                   lo, hi, reason);
    r.rhs = buildRequantFromScales(ctx, numerics, {rhsScale / twiceMax}, {}, 0,
                                   lo, hi, reason);
    r.output = buildRequantFromScales(
        ctx, numerics, {twiceMax / (double(1 << r.leftShift) * outScale)}, {},
        zeroPoint, clampMin, clampMax, reason);
  }
  if (!r.lhs || !r.rhs || !r.output)
    return std::nullopt;
  return r;
}

} // namespace qcc
