// Fusion of data movement on quantized values.
//
// concat: dequantize inputs -> concat -> quantize becomes qint.concat, each
// input requantized to the output's quantization (s_i / s_y) unless it
// already has it; images concatenate in NHWC.
//
// reshape and transpose move quantize and dequantize through them: with the
// same quantization on both sides, dequantize -> reshape -> quantize is a
// reshape of the integers (and likewise for transpose); a reshape or
// transpose of a quantized value (QOperator graphs flatten uint8 tensors)
// is one too.
//
// With another quantization on the output, or a relu/clip before it, a
// qint.requantize follows the move (it is elementwise and per tensor, so it
// commutes with moving).
//
// Refuses: inputs or outputs quantized per axis or not 8-bit.
#include "passes/fusion/FusionPatterns.h"

#include "passes/QdqMatchers.h"
#include "passes/fusion/FusionCommon.h"

using namespace mlir;

namespace qcc::fusion {
namespace {

struct ConcatGroup {
  SmallVector<QuantizedInput> inputs;
  QuantizedOutput out;
  SmallVector<int32_t> zeroPoints;
  SmallVector<Attribute> requants; // empty: all inputs copied
};

FailureOr<ConcatGroup> matchConcat(qgraph::ConcatOp op, Numerics numerics,
                                   std::string &reason) {
  ConcatGroup g;
  for (Value v : op.getInputs()) {
    auto in = matchQuantizedInput(v, "an input", reason);
    if (failed(in))
      return failure();
    g.inputs.push_back(*in);
  }
  auto out = matchQuantizedOutput(op.getResult(), reason);
  if (failed(out))
    return failure();
  g.out = *out;
  if (g.out.type.getStorageTypeIntegralWidth() != 8) {
    reason = "output is not 8-bit";
    return failure();
  }
  bool copy = !g.out.activation;
  for (const QuantizedInput &in : g.inputs)
    copy &= in.type == g.out.type;
  if (copy)
    return g;
  for (const QuantizedInput &in : g.inputs) {
    float ratio = float(in.type.getScale()) / float(g.out.type.getScale());
    qint::RequantAttr rq = qcc::buildRequantFromScales(
        op.getContext(), numerics, {in.type.getScale() / g.out.type.getScale()},
        {ratio}, g.out.zeroPoint, g.out.clampMin, g.out.clampMax, reason);
    if (!rq)
      return failure();
    g.requants.push_back(rq);
    g.zeroPoints.push_back(int32_t(in.type.getZeroPoint()));
  }
  return g;
}

struct FuseConcat : OpRewritePattern<qgraph::ConcatOp> {
  FuseConcat(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchConcat(op, numerics, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    ConcatGroup &g = *group;
    qgraph::QuantizeOp q = g.out.quantize;
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(q);
    auto outType = storageTensorType(q.getType());
    const bool image = outType.getRank() == 4;
    int64_t axis = op.getAxis();
    if (image)
      axis = SmallVector<int64_t>{0, 3, 1, 2}[axis]; // NCHW axis in NHWC
    SmallVector<Value> inputs;
    for (const QuantizedInput &in : g.inputs) {
      Value v = toStorage(rewriter, loc, in.quantized);
      inputs.push_back(image ? toNhwc(rewriter, loc, v) : v);
    }
    if (image)
      outType = outType.clone({outType.getDimSize(0), outType.getDimSize(2),
                               outType.getDimSize(3), outType.getDimSize(1)});
    auto concat = qint::ConcatOp::create(
        rewriter, loc, outType, inputs, axis,
        g.requants.empty() ? DenseI32ArrayAttr()
                           : rewriter.getDenseI32ArrayAttr(g.zeroPoints),
        g.requants.empty() ? ArrayAttr() : rewriter.getArrayAttr(g.requants));
    Value r = image ? toNchw(rewriter, loc, concat) : concat.getResult();
    rewriter.replaceOp(q, fromStorage(rewriter, loc, r, q.getType()));
    return success();
  }

  Numerics numerics;
};

/// A reshape or transpose of a quantized tensor (per tensor) moves its
/// integers.
template <typename MoveOp>
LogicalResult moveIntegers(MoveOp op, Value quantized, Type resultQuantized,
                           PatternRewriter &rewriter, Operation *replaced) {
  Location loc = op.getLoc();
  Value x = toStorage(rewriter, loc, quantized);
  auto outType = storageTensorType(resultQuantized);
  Value y;
  if constexpr (std::is_same_v<MoveOp, qgraph::TransposeOp>)
    y = qint::TransposeOp::create(rewriter, loc, outType, x,
                                  op.getPermutation());
  else
    y = qint::ReshapeOp::create(rewriter, loc, outType, x);
  rewriter.replaceOp(replaced, fromStorage(rewriter, loc, y, resultQuantized));
  return success();
}

/// reshape/transpose of a quantized value => qint.reshape/transpose
template <typename MoveOp> struct MoveQuantized : OpRewritePattern<MoveOp> {
  using OpRewritePattern<MoveOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(MoveOp op,
                                PatternRewriter &rewriter) const override {
    auto qin = perTensor(getQuantizedElementType(op.getInput().getType()));
    if (!qin)
      return failure();
    rewriter.setInsertionPoint(op);
    return moveIntegers(op, op.getInput(), op.getType(), rewriter, op);
  }
};

struct MoveGroup {
  QuantizedInput in;
  QuantizedOutput out;
  qint::RequantAttr requant; // null: the quantization does not change
};

/// dequantize -> reshape/transpose [-> relu/clip] -> quantize.
FailureOr<MoveGroup> matchMove(Operation *op, Numerics numerics,
                               std::string &reason) {
  MoveGroup g;
  auto in = matchQuantizedInput(op->getOperand(0), "input", reason);
  if (failed(in))
    return failure();
  auto out = matchQuantizedOutput(op->getResult(0), reason);
  if (failed(out))
    return failure();
  g.in = *in;
  g.out = *out;
  const bool sameRange = g.out.clampMin <= g.out.type.getStorageTypeMin() &&
                         g.out.clampMax >= g.out.type.getStorageTypeMax();
  if (g.in.type == g.out.type && sameRange)
    return g;
  // Another quantization, a clamp or another 8-bit type: requantize after
  // moving, which commutes with moving since it is elementwise and per
  // tensor.
  const double real = g.in.type.getScale() / g.out.type.getScale();
  g.requant = buildRequantFromScales(
      op->getContext(), numerics, {real},
      {float(g.in.type.getScale()) / float(g.out.type.getScale())},
      g.out.zeroPoint, g.out.clampMin, g.out.clampMax, reason);
  if (!g.requant)
    return failure();
  return g;
}

/// dequantize -> reshape/transpose -> quantize => the same on integers,
/// followed by a requantize when the quantization changes.
template <typename MoveOp> struct MoveThroughQdq : OpRewritePattern<MoveOp> {
  MoveThroughQdq(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern<MoveOp>(ctx), numerics(numerics) {}
  LogicalResult matchAndRewrite(MoveOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto g = matchMove(op, numerics, reason);
    if (failed(g))
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(g->out.quantize);
    Value x = toStorage(rewriter, loc, g->in.quantized);
    auto outType = storageTensorType(g->out.quantize.getType());
    // Moved in the input's type; the requantize changes it if need be.
    auto movedType =
        outType.clone(cast<RankedTensorType>(x.getType()).getElementType());
    Value y;
    if constexpr (std::is_same_v<MoveOp, qgraph::TransposeOp>)
      y = qint::TransposeOp::create(rewriter, loc, movedType, x,
                                    op.getPermutation());
    else
      y = qint::ReshapeOp::create(rewriter, loc, movedType, x);
    if (g->requant)
      y = qint::RequantizeOp::create(rewriter, loc, outType, y,
                                     int32_t(g->in.type.getZeroPoint()),
                                     g->requant);
    rewriter.replaceOp(g->out.quantize, fromStorage(rewriter, loc, y,
                                                    g->out.quantize.getType()));
    return success();
  }
  Numerics numerics;
};

} // namespace

void populateDataMovementFusionPatterns(RewritePatternSet &patterns,
                                        Numerics numerics) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<FuseConcat>(ctx, numerics);
  patterns.add<MoveQuantized<qgraph::ReshapeOp>,
               MoveQuantized<qgraph::TransposeOp>>(ctx);
  patterns.add<MoveThroughQdq<qgraph::ReshapeOp>,
               MoveThroughQdq<qgraph::TransposeOp>>(ctx, numerics);
}

std::optional<std::string> whyNotFusedDataMovement(Operation *op,
                                                   Numerics numerics) {
  std::string reason;
  if (auto concat = dyn_cast<qgraph::ConcatOp>(op))
    if (failed(matchConcat(concat, numerics, reason)))
      return reason;
  // A float reshape or transpose of a float value is fine; one between a
  // dequantize and a quantize should have moved.
  if (isa<qgraph::ReshapeOp, qgraph::TransposeOp>(op) &&
      op->getOperand(0).getDefiningOp<qgraph::DequantizeOp>() &&
      failed(matchMove(op, numerics, reason)))
    return reason;
  return std::nullopt;
}

} // namespace qcc::fusion
