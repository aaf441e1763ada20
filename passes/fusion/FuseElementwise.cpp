// Fusion of elementwise operations on quantized values.
//
// add: dequantize a, dequantize b -> add [-> relu|clip] -> quantize becomes
// qint.add (TFLite's integer add: both inputs rescaled to a common scale
// with 20 bits of headroom, summed, requantized; or ONNX Runtime's float
// formula with numerics=onnx), computed in NHWC when the operands are
// images, like every image operation.
//
// A relu or clip alone between dequantize and quantize, and a quantize of
// a dequantize, become qint.requantize: out = requant(x - z_x) with the real
// scale s_x / s_y and the clamp of the activation.
//
// Refuses: operands of other types than the output's, quantized per axis,
// or of different shapes (add does not broadcast quantized operands).
#include "passes/fusion/FusionPatterns.h"

#include "passes/QdqMatchers.h"
#include "passes/fusion/FusionCommon.h"

using namespace mlir;

namespace qcc::fusion {
namespace {

struct AddGroup {
  QuantizedInput lhs, rhs;
  QuantizedOutput out;
  AddRequant requant;
};

FailureOr<AddGroup> matchAdd(qgraph::AddOp op, Numerics numerics,
                             std::string &reason) {
  AddGroup g;
  auto lhs = matchQuantizedInput(op.getLhs(), "left operand", reason);
  if (failed(lhs))
    return failure();
  auto rhs = matchQuantizedInput(op.getRhs(), "right operand", reason);
  if (failed(rhs))
    return failure();
  g.lhs = *lhs;
  g.rhs = *rhs;
  if (op.getLhs().getType() != op.getRhs().getType()) {
    reason = "operands have different shapes (quantized add does not "
             "broadcast)";
    return failure();
  }
  auto out = matchQuantizedOutput(op.getResult(), reason);
  if (failed(out))
    return failure();
  g.out = *out;
  if (g.lhs.type.getStorageType() != g.out.type.getStorageType() ||
      g.rhs.type.getStorageType() != g.out.type.getStorageType() ||
      g.lhs.type.isSigned() != g.out.type.isSigned() ||
      g.rhs.type.isSigned() != g.out.type.isSigned() ||
      g.out.type.getStorageTypeIntegralWidth() != 8) {
    reason = "operands and result are not all of one 8-bit type";
    return failure();
  }
  auto r =
      buildAddRequant(op.getContext(), numerics, g.lhs.type.getScale(),
                      g.rhs.type.getScale(), g.out.type.getScale(),
                      g.out.zeroPoint, g.out.clampMin, g.out.clampMax, reason);
  if (!r)
    return failure();
  g.requant = *r;
  return g;
}

struct FuseAdd : OpRewritePattern<qgraph::AddOp> {
  FuseAdd(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::AddOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchAdd(op, numerics, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    AddGroup &g = *group;
    Location loc = op.getLoc();
    qgraph::QuantizeOp q = g.out.quantize;
    rewriter.setInsertionPoint(q);
    const bool image = cast<ShapedType>(op.getType()).getRank() == 4;
    auto operand = [&](Value quantized) {
      Value v = toStorage(rewriter, loc, quantized);
      return image ? toNhwc(rewriter, loc, v) : v;
    };
    Value a = operand(g.lhs.quantized), b = operand(g.rhs.quantized);
    Value sum = qint::AddOp::create(
        rewriter, loc, a.getType(), a, b, int32_t(g.lhs.type.getZeroPoint()),
        int32_t(g.rhs.type.getZeroPoint()), g.requant.leftShift, g.requant.lhs,
        g.requant.rhs, g.requant.output);
    if (image)
      sum = toNchw(rewriter, loc, sum);
    rewriter.replaceOp(q, fromStorage(rewriter, loc, sum, q.getType()));
    return success();
  }

  Numerics numerics;
};

/// out = requant(x - z_x) at s_x / s_y with the output's clamp.
qint::RequantAttr rescale(MLIRContext *ctx, Numerics numerics,
                          quant::UniformQuantizedType in,
                          const QuantizedOutput &out, std::string &reason) {
  float ratio = float(in.getScale()) / float(out.type.getScale());
  return buildRequantFromScales(
      ctx, numerics, {in.getScale() / out.type.getScale()}, {ratio},
      out.zeroPoint, out.clampMin, out.clampMax, reason);
}

struct RequantizeGroup {
  QuantizedInput in;
  QuantizedOutput out;
  qint::RequantAttr requant;
};

/// quantize(dequantize(x)), with one relu or clip between them or not.
FailureOr<RequantizeGroup>
matchRequantize(qgraph::QuantizeOp q, Numerics numerics, std::string &reason) {
  RequantizeGroup g;
  Value v = q.getInput();
  Operation *activation = v.getDefiningOp();
  if (isa_and_nonnull<qgraph::ReluOp, qgraph::ClipOp>(activation) &&
      activation->hasOneUse())
    v = activation->getOperand(0);
  else
    activation = nullptr;
  auto in = matchQuantizedInput(v, "input", reason);
  if (failed(in))
    return failure();
  g.in = *in;
  auto out = quantizedOutputOf(q, activation, reason);
  if (failed(out))
    return failure();
  g.out = *out;
  if (g.out.type.getStorageTypeIntegralWidth() != 8) {
    reason = "output is not 8-bit";
    return failure();
  }
  g.requant = rescale(q.getContext(), numerics, g.in.type, g.out, reason);
  if (!g.requant)
    return failure();
  return g;
}

/// dequantize -> [relu|clip] -> quantize => qint.requantize
struct FuseRequantize : OpRewritePattern<qgraph::QuantizeOp> {
  FuseRequantize(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::QuantizeOp q,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchRequantize(q, numerics, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(q, reason);
    RequantizeGroup &g = *group;
    if (g.in.type == g.out.type &&
        g.out.clampMin <= g.out.type.getStorageTypeMin() &&
        g.out.clampMax >= g.out.type.getStorageTypeMax()) {
      // quantize(dequantize(x)) with one quantization is x.
      rewriter.replaceOp(q, g.in.quantized);
      return success();
    }
    Location loc = q.getLoc();
    Value x = toStorage(rewriter, loc, g.in.quantized);
    Value r = qint::RequantizeOp::create(
        rewriter, loc, storageTensorType(q.getType()), x,
        int32_t(g.in.type.getZeroPoint()), g.requant);
    rewriter.replaceOp(q, fromStorage(rewriter, loc, r, q.getType()));
    return success();
  }

  Numerics numerics;
};

} // namespace

void populateElementwiseFusionPatterns(RewritePatternSet &patterns,
                                       Numerics numerics) {
  patterns.add<FuseAdd, FuseRequantize>(patterns.getContext(), numerics);
}

std::optional<std::string> whyNotFusedElementwise(Operation *op,
                                                  Numerics numerics) {
  std::string reason;
  if (auto add = dyn_cast<qgraph::AddOp>(op)) {
    if (failed(matchAdd(add, numerics, reason)))
      return reason;
    return std::nullopt;
  }
  if (isa<qgraph::ReluOp, qgraph::ClipOp>(op)) {
    auto q = op->hasOneUse() ? dyn_cast<qgraph::QuantizeOp>(*op->user_begin())
                             : qgraph::QuantizeOp();
    if (!q)
      return std::string("result is not quantized");
    if (failed(matchRequantize(q, numerics, reason)))
      return reason;
  }
  return std::nullopt;
}

} // namespace qcc::fusion
