#include "passes/fusion/FusionCommon.h"

#include "passes/QdqMatchers.h"
#include "qcc/runtime/Requantize.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace qcc::fusion {

constexpr double kBiasScaleTolerance = 1e-5;

std::string formatScale(double s) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", s);
  return buf;
}

FailureOr<QuantizedInput> matchQuantizedInput(Value v, StringRef what,
                                              std::string &reason) {
  auto dq = v.getDefiningOp<qgraph::DequantizeOp>();
  auto type = dq ? perTensor(getQuantizedElementType(dq.getInput().getType()))
                 : quant::UniformQuantizedType();
  if (!type || type.getStorageTypeIntegralWidth() != 8) {
    reason =
        (what + " is not dequantized from a per-tensor 8-bit tensor").str();
    return failure();
  }
  return QuantizedInput{dq.getInput(), type};
}

FailureOr<QuantizedOutput> matchQuantizedOutput(Value result,
                                                std::string &reason) {
  Operation *user = result.hasOneUse() ? *result.user_begin() : nullptr;
  Operation *activation = nullptr;
  if (isa_and_nonnull<qgraph::ReluOp, qgraph::ClipOp>(user)) {
    activation = user;
    user = user->hasOneUse() ? *user->user_begin() : nullptr;
  }
  auto q = dyn_cast_or_null<qgraph::QuantizeOp>(user);
  if (!q) {
    reason = "result is not quantized (it must feed one quantize, directly or "
             "through one relu or clip)";
    return failure();
  }
  return quantizedOutputOf(q, activation, reason);
}

FailureOr<QuantizedOutput> quantizedOutputOf(qgraph::QuantizeOp quantize,
                                             Operation *activation,
                                             std::string &reason) {
  QuantizedOutput out;
  out.quantize = quantize;
  out.activation = activation;
  out.type = perTensor(getQuantizedElementType(quantize.getType()));
  if (!out.type) {
    reason = "output is quantized per axis";
    return failure();
  }
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
  if (auto clip = dyn_cast_or_null<qgraph::ClipOp>(activation)) {
    lo = clip.getMin().convertToFloat();
    hi = clip.getMax().convertToFloat();
  } else if (activation) {
    lo = 0.0f;
  }
  out.zeroPoint = int32_t(out.type.getZeroPoint());
  const int32_t qmin = int32_t(out.type.getStorageTypeMin());
  const int32_t qmax = int32_t(out.type.getStorageTypeMax());
  const float s = float(out.type.getScale());
  // quantize(clamp(y, lo, hi)) = clamp(quantize(y), quantize(lo), quantize(hi))
  out.clampMin = rt::quantizeValue(lo, s, out.zeroPoint, qmin, qmax);
  out.clampMax = rt::quantizeValue(hi, s, out.zeroPoint, qmin, qmax);
  return out;
}

FailureOr<QuantizedWeight> matchQuantizedWeight(Value v, int32_t axis,
                                                std::string &reason) {
  QuantizedWeight w;
  w.constant = dequantizedConstant(v);
  auto type = dequantizedType(v);
  if (!w.constant || !type || type.getStorageTypeIntegralWidth() != 8 ||
      scalesAlong(type, axis).empty()) {
    reason = "weight is not a constant quantized to 8 bits per tensor or per "
             "output channel";
    return failure();
  }
  w.params = getQuantParams(type);
  return w;
}

FailureOr<qgraph::ConstantOp> matchBias(Value bias, double inScale,
                                        ArrayRef<double> weightScales,
                                        std::string &reason) {
  auto cst = dequantizedConstant(bias);
  auto type = dequantizedType(bias);
  SmallVector<double> scales = scalesAlong(type, 0);
  if (!cst || scales.empty() || type.getStorageTypeIntegralWidth() != 32 ||
      llvm::any_of(getQuantParams(type).zeroPoints,
                   [](int64_t z) { return z != 0; })) {
    reason = "bias is not an int32 constant with zero point 0";
    return failure();
  }
  for (size_t n = 0; n < std::max(scales.size(), weightScales.size()); ++n) {
    double expected = inScale * weightScales[weightScales.size() > 1 ? n : 0];
    double actual = scales[scales.size() > 1 ? n : 0];
    if (std::fabs(actual - expected) > kBiasScaleTolerance * expected) {
      reason = llvm::formatv("bias scale {0} differs from input scale * "
                             "weight scale {1}",
                             formatScale(actual), formatScale(expected))
                   .str();
      return failure();
    }
  }
  return cst;
}

RankedTensorType storageTensorType(Type quantizedTensorType) {
  auto t = cast<RankedTensorType>(quantizedTensorType);
  return t.clone(storageIntegerType(getQuantizedElementType(t)));
}

Value toStorage(PatternRewriter &rewriter, Location loc, Value quantized) {
  return qint::StorageCastOp::create(
      rewriter, loc, storageTensorType(quantized.getType()), quantized);
}

Value fromStorage(PatternRewriter &rewriter, Location loc, Value integers,
                  Type quantizedTensorType) {
  return qint::StorageCastOp::create(rewriter, loc, quantizedTensorType,
                                     integers);
}

static Value permute(PatternRewriter &rewriter, Location loc, Value v,
                     ArrayRef<int64_t> perm) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(t.getDimSize(p));
  return qint::TransposeOp::create(rewriter, loc, t.clone(shape), v, perm);
}

Value toNhwc(PatternRewriter &rewriter, Location loc, Value nchw) {
  return permute(rewriter, loc, nchw, {0, 2, 3, 1});
}

Value toNchw(PatternRewriter &rewriter, Location loc, Value nhwc) {
  return permute(rewriter, loc, nhwc, {0, 3, 1, 2});
}

SmallVector<int32_t> compactZeroPoints(ArrayRef<int64_t> zps) {
  SmallVector<int32_t> out(zps.begin(), zps.end());
  if (llvm::all_equal(out))
    out.resize(1);
  return out;
}

} // namespace qcc::fusion
