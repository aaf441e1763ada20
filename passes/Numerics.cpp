#include "passes/Numerics.h"

#include "qcc/runtime/Requantize.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

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

qint::RequantAttr buildRequant(MLIRContext *ctx, Numerics numerics,
                               double inScale, ArrayRef<double> weightScales,
                               double outScale, int32_t zeroPoint,
                               int32_t clampMin, int32_t clampMax,
                               std::string &reason) {
  SmallVector<int32_t> multipliers, shifts;
  SmallVector<float> scales;
  for (double ws : weightScales) {
    if (numerics == Numerics::Onnx) {
      float s = float(inScale) * float(ws);
      s = s / float(outScale);
      if (!(s > 0.0f) || !std::isfinite(s)) {
        llvm::raw_string_ostream(reason)
            << "requantization scale " << llvm::format("%g", double(s))
            << " (input scale * weight scale / output scale in float32) is "
               "not positive and finite";
        return {};
      }
      scales.push_back(s);
      continue;
    }
    const double real = inScale * ws / outScale;
    rt::QuantizedMultiplier qm;
    rt::MultiplierError err = rt::quantizeMultiplier(real, qm);
    if (err != rt::MultiplierError::None) {
      llvm::raw_string_ostream(reason)
          << "requantization scale " << llvm::format("%g", real)
          << " (input scale * weight scale / output scale): "
          << rt::multiplierErrorText(err);
      return {};
    }
    multipliers.push_back(qm.multiplier);
    shifts.push_back(qm.shift);
  }
  return qint::RequantAttr::get(ctx, roundingOf(numerics), zeroPoint, clampMin,
                                clampMax, multipliers, shifts, scales);
}

} // namespace qcc
