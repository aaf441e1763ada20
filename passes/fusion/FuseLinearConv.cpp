// Fusion of the layers with weights: linear, conv2d, and linear on a
// dynamically quantized input.
//
// With x = s_x (x_q - z_x), W = s_w[n] (W_q - z_w[n]), b = s_x s_w[n] b_q and
// y_q = round(y / s_y) + z_y:
//
//   y_q[n] = z_y + round(s_x s_w[n] / s_y * (b_q[n] + sum (x_q - z_x)(W_q -
//   z_w[n])))
//
// so the integer op keeps the zero points, the int32 bias and one
// requantization scale per output channel. A relu or clip between the layer
// and its quantize becomes the clamp bounds. An output quantized to int32 at
// exactly s_x s_w with zero point 0 (MatMulInteger, ConvInteger) is the raw
// accumulator: no requantization.
//
// Dynamic: linear(dynamic_quantize(x), dequantize(W)) [+ bias] [-> relu]
// becomes qint.dynamic_fully_connected, which measures x's range, quantizes
// it while packing, and returns float(acc) * s_x * s_w[n] + bias[n].
#include "passes/fusion/FusionPatterns.h"

#include "passes/QdqMatchers.h"
#include "passes/TransposeElements.h"
#include "passes/fusion/FusionCommon.h"

using namespace mlir;

namespace qcc::fusion {
namespace {

/// The integer epilogue of a layer: a requantization, or none when the
/// output is the int32 accumulator itself.
struct Epilogue {
  QuantizedOutput out;
  qint::RequantAttr requant; // null: raw accumulator
};

FailureOr<Epilogue> matchEpilogue(Value result, Numerics numerics,
                                  double inScale, ArrayRef<double> wScales,
                                  std::string &reason) {
  Epilogue e;
  auto out = matchQuantizedOutput(result, reason);
  if (failed(out))
    return failure();
  e.out = *out;
  if (e.out.type.getStorageTypeIntegralWidth() == 32) {
    // An int32 output is the accumulator when its scale is s_in * s_w.
    bool exact = e.out.zeroPoint == 0 && !e.out.activation;
    for (double ws : wScales)
      exact &= inScale * ws == e.out.type.getScale();
    if (!exact) {
      reason = "output is quantized to 32 bits at another scale than input "
               "scale * weight scale, or through an activation";
      return failure();
    }
    return e;
  }
  e.requant = buildRequant(result.getContext(), numerics, inScale, wScales,
                           e.out.type.getScale(), e.out.zeroPoint,
                           e.out.clampMin, e.out.clampMax, reason);
  if (!e.requant)
    return failure();
  return e;
}

/// Everything a fused linear or conv is made of.
struct LayerGroup {
  QuantizedInput in;
  QuantizedWeight w;
  qgraph::ConstantOp bias; // may be null
  Epilogue epilogue;
};

template <typename LayerOp>
FailureOr<LayerGroup> matchLayer(LayerOp op, Numerics numerics,
                                 std::string &reason) {
  LayerGroup g;
  auto in = matchQuantizedInput(op.getInput(), "input", reason);
  if (failed(in))
    return failure();
  g.in = *in;
  auto w = matchQuantizedWeight(op.getWeight(), /*axis=*/0, reason);
  if (failed(w))
    return failure();
  g.w = *w;
  SmallVector<double> wScales(g.w.params.scales.begin(),
                              g.w.params.scales.end());
  if (Value bias = op.getBias()) {
    auto b = matchBias(bias, g.in.type.getScale(), wScales, reason);
    if (failed(b))
      return failure();
    g.bias = *b;
  }
  auto e = matchEpilogue(op.getResult(), numerics, g.in.type.getScale(),
                         wScales, reason);
  if (failed(e))
    return failure();
  g.epilogue = *e;
  return g;
}

/// dequantize -> linear [-> relu|clip] -> quantize => qint.fully_connected
struct FuseLinear : OpRewritePattern<qgraph::LinearOp> {
  FuseLinear(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::LinearOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchLayer(op, numerics, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    LayerGroup &g = *group;
    Location loc = op.getLoc();
    qgraph::QuantizeOp q = g.epilogue.out.quantize;
    rewriter.setInsertionPoint(q);
    Value input = toStorage(rewriter, loc, g.in.quantized);
    Value weight = qint::ConstantOp::create(rewriter, g.w.constant.getLoc(),
                                            g.w.constant.getValue());
    Value bias;
    if (g.bias)
      bias = qint::ConstantOp::create(rewriter, g.bias.getLoc(),
                                      g.bias.getValue());
    auto fc = qint::FullyConnectedOp::create(
        rewriter, loc, storageTensorType(q.getType()), input, weight, bias,
        int32_t(g.in.type.getZeroPoint()),
        compactZeroPoints(g.w.params.zeroPoints), g.epilogue.requant);
    rewriter.replaceOp(q, fromStorage(rewriter, loc, fc, q.getType()));
    return success();
  }

  Numerics numerics;
};

/// dequantize -> conv2d [-> relu|clip] -> quantize => qint.conv2d in NHWC
/// between transposes (which fold between consecutive image ops).
struct FuseConv : OpRewritePattern<qgraph::Conv2dOp> {
  FuseConv(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchLayer(op, numerics, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    LayerGroup &g = *group;
    Location loc = op.getLoc();
    qgraph::QuantizeOp q = g.epilogue.out.quantize;
    rewriter.setInsertionPoint(q);
    Value input =
        toNhwc(rewriter, loc, toStorage(rewriter, loc, g.in.quantized));
    // OIHW -> OHWI: each output channel's window is contiguous per pixel.
    auto ohwi = transposeElements(
        cast<DenseElementsAttr>(g.w.constant.getValue()), {0, 2, 3, 1});
    Value weight =
        qint::ConstantOp::create(rewriter, g.w.constant.getLoc(), ohwi);
    Value bias;
    if (g.bias)
      bias = qint::ConstantOp::create(rewriter, g.bias.getLoc(),
                                      g.bias.getValue());
    auto outNchw = storageTensorType(q.getType());
    auto outNhwc =
        outNchw.clone({outNchw.getDimSize(0), outNchw.getDimSize(2),
                       outNchw.getDimSize(3), outNchw.getDimSize(1)});
    auto conv = qint::Conv2dOp::create(
        rewriter, loc, outNhwc, input, weight, bias, op.getStrides(),
        op.getPads(), op.getDilations(), op.getGroups(),
        int32_t(g.in.type.getZeroPoint()),
        compactZeroPoints(g.w.params.zeroPoints), g.epilogue.requant);
    rewriter.replaceOp(
        q,
        fromStorage(rewriter, loc, toNchw(rewriter, loc, conv), q.getType()));
    return success();
  }

  Numerics numerics;
};

/// The parts of a linear on a dynamically quantized input.
struct DynamicGroup {
  qgraph::DynamicQuantizeOp input;
  QuantizedWeight w;
  qgraph::ConstantOp bias; // float, may be null
  qgraph::ReluOp relu;     // may be null
};

FailureOr<DynamicGroup> matchDynamicLinear(qgraph::LinearOp op,
                                           std::string &reason) {
  DynamicGroup g;
  g.input = op.getInput().getDefiningOp<qgraph::DynamicQuantizeOp>();
  if (!g.input) {
    reason = "input is not dynamically quantized";
    return failure();
  }
  auto w = matchQuantizedWeight(op.getWeight(), /*axis=*/0, reason);
  if (failed(w))
    return failure();
  g.w = *w;
  if (Value bias = op.getBias()) {
    g.bias = bias.getDefiningOp<qgraph::ConstantOp>();
    if (!g.bias || !isa<DenseFPElementsAttr>(g.bias.getValue())) {
      reason = "bias of a dynamically quantized layer is not a float constant";
      return failure();
    }
  }
  if (op->hasOneUse())
    g.relu = dyn_cast<qgraph::ReluOp>(*op->user_begin());
  return g;
}

/// linear(dynamic_quantize x, dequantize W) [-> relu] =>
/// qint.dynamic_fully_connected
struct FuseDynamicLinear : OpRewritePattern<qgraph::LinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(qgraph::LinearOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchDynamicLinear(op, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    DynamicGroup &g = *group;
    Location loc = op.getLoc();
    Operation *last = g.relu ? g.relu.getOperation() : op.getOperation();
    rewriter.setInsertionPoint(last);
    Value weight = qint::ConstantOp::create(rewriter, g.w.constant.getLoc(),
                                            g.w.constant.getValue());
    SmallVector<float> scales(g.w.params.scales.begin(),
                              g.w.params.scales.end());
    if (llvm::all_equal(scales))
      scales.resize(1);
    qgraph::DynamicQuantizeOp in = g.input;
    auto fc = qint::DynamicFullyConnectedOp::create(
        rewriter, loc, op.getType(), in.getInput(), weight,
        g.bias ? g.bias.getResult() : Value(),
        compactZeroPoints(g.w.params.zeroPoints), scales, in.getQmin(),
        in.getQmax(), in.getStorageMin(), in.getStorageMax(),
        in.getFallbackScale(), /*relu=*/bool(g.relu));
    rewriter.replaceOp(last, fc.getResult());
    return success();
  }
};

/// reshape(dynamic_quantize x) -> dynamic_quantize(reshape x): the range is
/// measured over the whole tensor, whatever its shape. A MatMul on a rank-3
/// input reaches the linear through such a reshape.
struct HoistReshapeAboveDynamicQuantize : OpRewritePattern<qgraph::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(qgraph::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto dq = op.getInput().getDefiningOp<qgraph::DynamicQuantizeOp>();
    if (!dq)
      return rewriter.notifyMatchFailure(op, "input is not dynamic_quantize");
    auto reshaped = qgraph::ReshapeOp::create(rewriter, op.getLoc(),
                                              op.getType(), dq.getInput());
    rewriter.replaceOpWithNewOp<qgraph::DynamicQuantizeOp>(
        op, op.getType(), reshaped, dq.getQminAttr(), dq.getQmaxAttr(),
        dq.getStorageMinAttr(), dq.getStorageMaxAttr(),
        dq.getFallbackScaleAttr());
    return success();
  }
};

} // namespace

void populateLinearConvFusionPatterns(RewritePatternSet &patterns,
                                      Numerics numerics) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<FuseLinear, FuseConv>(ctx, numerics);
  patterns.add<FuseDynamicLinear, HoistReshapeAboveDynamicQuantize>(ctx);
}

std::optional<std::string> whyNotFusedLinearConv(Operation *op,
                                                 Numerics numerics) {
  std::string reason;
  if (auto linear = dyn_cast<qgraph::LinearOp>(op)) {
    if (linear.getInput().getDefiningOp<qgraph::DynamicQuantizeOp>()) {
      if (failed(matchDynamicLinear(linear, reason)))
        return reason;
    } else if (failed(matchLayer(linear, numerics, reason))) {
      return reason;
    }
  } else if (auto conv = dyn_cast<qgraph::Conv2dOp>(op)) {
    if (failed(matchLayer(conv, numerics, reason)))
      return reason;
  }
  return std::nullopt;
}

} // namespace qcc::fusion
