// Fuses dequantize -> linear [-> relu] -> quantize into qint.fully_connected.
//
// With x = s_x (x_q - z_x), W = s_w[n] (W_q - z_w[n]), b = s_x s_w[n] b_q and
// y_q = round(y / s_y) + z_y:
//
//   y_q[m][n] = z_y + round(s_x s_w[n] / s_y
//                           * (b_q[n] + sum_k (x_q - z_x)(W_q - z_w[n])))
//
// so the integer op needs the zero points, the int32 bias and one
// requantization scale per output channel, s_x s_w[n] / s_y, applied by the
// numerics mode's rounding rule. relu(y) quantized is max(y_q, z_y): the clamp
// lower bound becomes the output zero point.
//
// Refuses (the linear stays float, with a `qcc.not_fused` reason): an input
// not dequantized per tensor from 8 bits; a weight that is not a constant
// quantized to 8 bits per tensor or per output channel; a bias that is not an
// int32 constant at scale s_x * s_w (within 1e-5 relative, as exporters round
// that product to float32); a result used by anything but one relu or one
// quantize; an output quantized per axis; a requantization scale no rule can
// represent.
#include "dialects/QuantTypeChecks.h"
#include "passes/Numerics.h"
#include "passes/Passes.h"
#include "passes/QdqMatchers.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/FormatVariadic.h"

namespace qcc {
#define GEN_PASS_DEF_QCCFUSEQDQ
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

constexpr double kBiasScaleTolerance = 1e-5;

std::string formatScale(double s) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", s);
  return buf;
}

/// Everything a fused fully connected layer is made of.
struct LinearGroup {
  qgraph::LinearOp linear;
  qgraph::DequantizeOp input;
  quant::UniformQuantizedType inputType;
  qgraph::QuantizeOp output;
  bool relu = false;
  qgraph::ConstantOp weight;
  qgraph::ConstantOp bias; // may be null
  qint::RequantAttr requant;
};

/// Matches the group around `linear`; on failure `reason` says what is
/// missing, in words for the user.
FailureOr<LinearGroup> matchLinearGroup(qgraph::LinearOp linear,
                                        Numerics numerics,
                                        std::string &reason) {
  LinearGroup g;
  g.linear = linear;
  g.input = linear.getInput().getDefiningOp<qgraph::DequantizeOp>();
  auto in = g.inputType = perTensor(dequantizedType(linear.getInput()));
  if (!in || in.getStorageTypeIntegralWidth() != 8) {
    reason = "input is not dequantized from a per-tensor 8-bit tensor";
    return failure();
  }
  g.weight = dequantizedConstant(linear.getWeight());
  auto wtype = dequantizedType(linear.getWeight());
  SmallVector<double> wScales = scalesAlong(wtype, /*axis=*/0);
  if (!g.weight || wScales.empty() ||
      wtype.getStorageTypeIntegralWidth() != 8) {
    reason = "weight is not a constant quantized to 8 bits per tensor or per "
             "output channel";
    return failure();
  }
  if (Value bias = linear.getBias()) {
    g.bias = dequantizedConstant(bias);
    auto btype = dequantizedType(bias);
    SmallVector<double> bScales = scalesAlong(btype, /*axis=*/0);
    if (!g.bias || bScales.empty() ||
        btype.getStorageTypeIntegralWidth() != 32 ||
        llvm::any_of(getQuantParams(btype).zeroPoints,
                     [](int64_t z) { return z != 0; })) {
      reason = "bias is not an int32 constant with zero point 0";
      return failure();
    }
    for (size_t n = 0; n < std::max(bScales.size(), wScales.size()); ++n) {
      double expected = in.getScale() * wScales[wScales.size() > 1 ? n : 0];
      double actual = bScales[bScales.size() > 1 ? n : 0];
      if (std::fabs(actual - expected) > kBiasScaleTolerance * expected) {
        reason = llvm::formatv("bias scale {0} differs from input scale * "
                               "weight scale {1}",
                               formatScale(actual), formatScale(expected))
                     .str();
        return failure();
      }
    }
  }

  Operation *user = linear->hasOneUse() ? *linear->user_begin() : nullptr;
  if (auto relu = dyn_cast_or_null<qgraph::ReluOp>(user)) {
    g.relu = true;
    user = relu->hasOneUse() ? *relu->user_begin() : nullptr;
  }
  g.output = dyn_cast_or_null<qgraph::QuantizeOp>(user);
  if (!g.output) {
    reason = "result is not quantized (it must feed one quantize, directly or "
             "through one relu)";
    return failure();
  }
  auto out = perTensor(getQuantizedElementType(g.output.getType()));
  if (!out) {
    reason = "output is quantized per axis";
    return failure();
  }

  int32_t zp = int32_t(out.getZeroPoint());
  int32_t lo = int32_t(out.getStorageTypeMin());
  int32_t hi = int32_t(out.getStorageTypeMax());
  if (g.relu)
    lo = std::max(lo, zp);
  g.requant = buildRequant(linear.getContext(), numerics, in.getScale(),
                           wScales, out.getScale(), zp, lo, hi, reason);
  if (!g.requant)
    return failure();
  return g;
}

/// The integer view of a quantized value.
Value toStorage(PatternRewriter &rewriter, Location loc, Value quantized) {
  auto type = cast<RankedTensorType>(quantized.getType());
  auto storage = type.clone(storageIntegerType(getQuantizedElementType(type)));
  return qint::StorageCastOp::create(rewriter, loc, storage, quantized);
}

/// dequantize -> linear [-> relu] -> quantize  =>  qint.fully_connected
struct FuseLinear : OpRewritePattern<qgraph::LinearOp> {
  FuseLinear(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::LinearOp linear,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchLinearGroup(linear, numerics, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(linear, reason);
    LinearGroup &g = *group;
    Location loc = linear.getLoc();
    QuantParams w = getQuantParams(getQuantizedElementType(g.weight.getType()));

    rewriter.setInsertionPoint(g.output);
    Value input = toStorage(rewriter, loc, g.input.getInput());
    Value weight = qint::ConstantOp::create(rewriter, g.weight.getLoc(),
                                            g.weight.getValue());
    Value bias;
    if (g.bias)
      bias = qint::ConstantOp::create(rewriter, g.bias.getLoc(),
                                      g.bias.getValue());
    // One zero point stands for all channels when they agree (symmetric
    // per-channel weights: all 0).
    SmallVector<int32_t> weightZps(w.zeroPoints.begin(), w.zeroPoints.end());
    if (llvm::all_equal(weightZps))
      weightZps.resize(1);
    auto outType = cast<RankedTensorType>(g.output.getType());
    auto resultType =
        outType.clone(storageIntegerType(getQuantizedElementType(outType)));
    auto fc = qint::FullyConnectedOp::create(
        rewriter, loc, resultType, input, weight, bias,
        int32_t(g.inputType.getZeroPoint()), weightZps, g.requant);
    rewriter.replaceOpWithNewOp<qint::StorageCastOp>(g.output, outType,
                                                     fc.getResult());
    return success();
  }

  Numerics numerics;
};

struct FuseQdqPass : qcc::impl::QccFuseQdqBase<FuseQdqPass> {
  using QccFuseQdqBase::QccFuseQdqBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    auto parsed = parseNumerics(numerics);
    if (!parsed)
      return emitError(UnknownLoc::get(ctx))
             << "unknown numerics mode '" << numerics
             << "' (expected int, int-single-round or onnx)";
    mode = *parsed;
    return success();
  }

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<FuseLinear>(ctx, mode);
    qint::StorageCastOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    // Say why each float linear left was not fused.
    getOperation().walk([&](qgraph::LinearOp linear) {
      std::string reason;
      if (failed(matchLinearGroup(linear, mode, reason)))
        linear->setAttr("qcc.not_fused", StringAttr::get(ctx, reason));
    });
  }

  Numerics mode = Numerics::Int;
};

} // namespace
