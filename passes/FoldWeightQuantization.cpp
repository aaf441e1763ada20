// Quantizes constant weights and biases at compile time.
//
//   quantize(C) -> C_q,  C_q[i] = clamp(round_half_even(C[i] / s_c) + zp_c)
//       with c the channel of element i for a per-axis type
//       (qcc::rt::quantizeValue, the ONNX QuantizeLinear rule);
//   linear(dequantize(x : s_x), dequantize(W : s_w), B) with B a float
//   constant -> B_q[n] = round_half_even(B[n] / (s_x * s_w[n])) in double
//       (qcc::rt::quantizeBias), stored as int32 with that scale, zero point 0.
//
//   transpose and reshape of a constant, or of a dequantized constant, are
//       done on the constant (ONNX MatMul weights are [K, N]);
//   add(linear(x, W), c) with c one value per output channel is the bias;
//   mul(linear(dequantize x, dequantize W, dequantize b), c) with c > 0 one
//       value per output channel (or one) is W and b at scales s_w[n] c[n]:
//       QOperator graphs scale an integer product this way.
//
// Refuses: quantizing anything that is not a constant (that is run-time
// work); a bias when the input is not dequantized per tensor or the weight
// not per tensor or per output channel (axis 0); a bias whose quantized value
// does not fit in int32 (left as float, with a warning); a scale that is not
// a positive constant per output channel.
#include "dialects/QuantTypeChecks.h"
#include "passes/Passes.h"
#include "passes/QdqMatchers.h"
#include "qcc/runtime/Requantize.h"

#include "passes/TransposeElements.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

namespace qcc {
#define GEN_PASS_DEF_QCCFOLDWEIGHTQUANTIZATION
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

/// Number of elements after `axis`: element i is in slice (i / inner) % dim.
int64_t innerSize(ArrayRef<int64_t> shape, int32_t axis) {
  int64_t inner = 1;
  for (size_t d = axis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  return inner;
}

/// quantize(float constant) -> quantized constant.
struct FoldQuantizeOfConstant : OpRewritePattern<qgraph::QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(qgraph::QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    auto cst = op.getInput().getDefiningOp<qgraph::ConstantOp>();
    if (!cst)
      return rewriter.notifyMatchFailure(op, "input is not a constant");
    auto values = dyn_cast<DenseFPElementsAttr>(cst.getValue());
    if (!values)
      return rewriter.notifyMatchFailure(op, "constant is not dense float");
    auto type = cast<RankedTensorType>(op.getType());
    auto qtype = getQuantizedElementType(type);
    QuantParams p = getQuantParams(qtype);
    int64_t inner = p.axis >= 0 ? innerSize(type.getShape(), p.axis) : 1;
    int64_t channels = int64_t(p.scales.size());

    SmallVector<APInt> quantized;
    quantized.reserve(values.getNumElements());
    int64_t i = 0;
    for (float x : values.getValues<float>()) {
      int64_t c = channels > 1 ? (i / inner) % channels : 0;
      int32_t q =
          rt::quantizeValue(x, float(p.scales[c]), int32_t(p.zeroPoints[c]),
                            int32_t(p.storageMin), int32_t(p.storageMax));
      quantized.push_back(APInt(p.storageWidth, uint64_t(int64_t(q)),
                                /*isSigned=*/true, /*implicitTrunc=*/true));
      ++i;
    }
    auto storageType =
        RankedTensorType::get(type.getShape(), storageIntegerType(qtype));
    rewriter.replaceOpWithNewOp<qgraph::ConstantOp>(
        op, type, DenseElementsAttr::get(storageType, quantized));
    return success();
  }
};

/// The int32 bias of a linear with a float constant bias, or failure with
/// the reason.
template <typename LayerOp>
FailureOr<std::pair<DenseElementsAttr, Type>>
quantizeLayerBias(LayerOp op, std::string &reason) {
  auto cst = op.getBias()
                 ? op.getBias().template getDefiningOp<qgraph::ConstantOp>()
                 : qgraph::ConstantOp();
  auto values = cst ? dyn_cast<DenseFPElementsAttr>(cst.getValue())
                    : DenseFPElementsAttr();
  if (!values) {
    reason = "bias is not a float constant";
    return failure();
  }
  auto in = perTensor(dequantizedType(op.getInput()));
  if (!in) {
    reason = "input is not dequantized per tensor";
    return failure();
  }
  auto wtype = dequantizedType(op.getWeight());
  SmallVector<double> wScales = scalesAlong(wtype, /*axis=*/0);
  if (wScales.empty()) {
    reason = "weight is not dequantized per tensor or per output channel";
    return failure();
  }
  SmallVector<double> biasScales;
  for (double ws : wScales)
    biasScales.push_back(in.getScale() * ws);

  SmallVector<int32_t> quantized;
  int64_t n = 0;
  for (float b : values.template getValues<float>()) {
    double scale = biasScales[biasScales.size() > 1 ? n : 0];
    if (!rt::quantizeBias(b, scale, quantized.emplace_back())) {
      reason = llvm::formatv("bias[{0}] = {1} does not fit in int32 at scale "
                             "s_in * s_w = {2}",
                             n, llvm::format("%g", double(b)),
                             llvm::format("%g", scale))
                   .str();
      return failure();
    }
    ++n;
  }

  MLIRContext *ctx = op.getContext();
  auto i32 = IntegerType::get(ctx, 32);
  auto f32 = Float32Type::get(ctx);
  const int64_t lo = std::numeric_limits<int32_t>::min();
  const int64_t hi = std::numeric_limits<int32_t>::max();
  Type qtype;
  if (biasScales.size() == 1) {
    qtype = quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed, i32, f32, biasScales[0], 0, lo, hi);
  } else {
    SmallVector<int64_t> zeros(biasScales.size(), 0);
    qtype = quant::UniformQuantizedPerAxisType::get(
        quant::QuantizationFlags::Signed, i32, f32, biasScales, zeros,
        /*quantizedDimension=*/0, lo, hi);
  }
  auto shape = values.getType().getShape();
  auto attr = DenseElementsAttr::get(RankedTensorType::get(shape, i32),
                                     ArrayRef<int32_t>(quantized));
  return std::make_pair(attr, Type(RankedTensorType::get(shape, qtype)));
}

/// linear|conv(dequantize x, dequantize W, float constant B) -> int32 bias.
template <typename LayerOp>
struct QuantizeLayerBias : OpRewritePattern<LayerOp> {
  using OpRewritePattern<LayerOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(LayerOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto bias = quantizeLayerBias(op, reason);
    if (failed(bias))
      return rewriter.notifyMatchFailure(op, reason);
    auto [values, type] = *bias;
    Location loc = op.getBias().getLoc();
    auto q = qgraph::ConstantOp::create(rewriter, loc, type, values);
    auto dq =
        qgraph::DequantizeOp::create(rewriter, loc, op.getBias().getType(), q);
    rewriter.modifyOpInPlace(
        op, [&] { op.getBiasMutable().assign(dq.getResult()); });
    return success();
  }
};

/// The constant `v` holds, seen through one dequantize: its values, the
/// quantized type (null for a float constant) and the dequantize.
struct ConstantView {
  qgraph::ConstantOp constant;
  qgraph::DequantizeOp dequantize; // may be null
};
std::optional<ConstantView> constantView(Value v) {
  ConstantView c;
  c.dequantize = v.getDefiningOp<qgraph::DequantizeOp>();
  c.constant = (c.dequantize ? c.dequantize.getInput() : v)
                   .getDefiningOp<qgraph::ConstantOp>();
  if (!c.constant || !isa<DenseElementsAttr>(c.constant.getValue()))
    return std::nullopt;
  return c;
}

/// Rebuilds a (dequantized) constant with new values and quantized type.
Value rebuildConstant(PatternRewriter &rewriter, Location loc, ConstantView c,
                      DenseElementsAttr values, Type resultType) {
  auto floatType = cast<RankedTensorType>(resultType);
  if (!c.dequantize)
    return qgraph::ConstantOp::create(rewriter, loc, values);
  auto q = cast<RankedTensorType>(c.constant.getType());
  Type element = q.getElementType();
  auto k = qgraph::ConstantOp::create(
      rewriter, loc, RankedTensorType::get(floatType.getShape(), element),
      values);
  return qgraph::DequantizeOp::create(rewriter, loc, floatType, k);
}

/// transpose of a (dequantized) constant -> the constant transposed.
struct FoldTransposeOfConstant : OpRewritePattern<qgraph::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(qgraph::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto c = constantView(op.getInput());
    if (!c)
      return failure();
    auto values = transposeElements(
        cast<DenseElementsAttr>(c->constant.getValue()), op.getPermutation());
    Location loc = op.getLoc();
    if (!c->dequantize) {
      if (getQuantizedElementType(op.getType()))
        rewriter.replaceOpWithNewOp<qgraph::ConstantOp>(op, op.getType(),
                                                        values);
      else
        rewriter.replaceOpWithNewOp<qgraph::ConstantOp>(op, values);
      return success();
    }
    // A per-axis quantization moves its axis with the data.
    auto qtype = cast<RankedTensorType>(c->constant.getType());
    Type element = qtype.getElementType();
    if (auto axis = dyn_cast<quant::UniformQuantizedPerAxisType>(element)) {
      int32_t moved = int32_t(
          llvm::find(op.getPermutation(), axis.getQuantizedDimension()) -
          op.getPermutation().begin());
      element = quant::UniformQuantizedPerAxisType::get(
          axis.getFlags(), axis.getStorageType(), axis.getExpressedType(),
          axis.getScales(), axis.getZeroPoints(), moved,
          axis.getStorageTypeMin(), axis.getStorageTypeMax());
    }
    auto shape = op.getType().getShape();
    auto k = qgraph::ConstantOp::create(
        rewriter, loc, RankedTensorType::get(shape, element), values);
    rewriter.replaceOpWithNewOp<qgraph::DequantizeOp>(op, op.getType(), k);
    return success();
  }
};

/// reshape of a (dequantized per tensor) constant -> the constant reshaped.
struct FoldReshapeOfConstant : OpRewritePattern<qgraph::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(qgraph::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto c = constantView(op.getInput());
    if (!c || (c->dequantize &&
               !perTensor(getQuantizedElementType(c->constant.getType()))))
      return failure();
    auto values = cast<DenseElementsAttr>(c->constant.getValue());
    values = values.reshape(values.getType().clone(op.getType().getShape()));
    if (!c->dequantize && getQuantizedElementType(op.getType())) {
      rewriter.replaceOpWithNewOp<qgraph::ConstantOp>(op, op.getType(), values);
      return success();
    }
    rewriter.replaceOp(
        op, rebuildConstant(rewriter, op.getLoc(), *c, values, op.getType()));
    return success();
  }
};

/// The number of output channels a linear result [M, N] has, if `c` holds
/// one value per channel ([N] or [1, N]) or one value.
bool perOutputChannel(Value c, int64_t n) {
  auto t = cast<RankedTensorType>(c.getType());
  if (t.getNumElements() == 1)
    return true;
  return t.getNumElements() == n && t.getDimSize(t.getRank() - 1) == n;
}

/// add(linear(x, W), c) -> linear(x, W, c) for a bias-like c.
struct FoldBiasAdd : OpRewritePattern<qgraph::AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(qgraph::AddOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [layerValue, bias] : {std::pair(op.getLhs(), op.getRhs()),
                                    std::pair(op.getRhs(), op.getLhs())}) {
      // A reshape that keeps the last dimension (a MatMul on a rank-3
      // input) keeps the bias's broadcast.
      auto reshape = layerValue.getDefiningOp<qgraph::ReshapeOp>();
      if (reshape && reshape->hasOneUse())
        layerValue = reshape.getInput();
      auto linear = layerValue.getDefiningOp<qgraph::LinearOp>();
      if (!linear || linear.getBias() || !linear->hasOneUse())
        continue;
      int64_t n = linear.getType().getDimSize(1);
      if (op.getType() != (reshape ? reshape.getType() : linear.getType()) ||
          op.getType().getShape().back() != n)
        continue;
      auto bt = cast<RankedTensorType>(bias.getType());
      if (bt.getRank() == 0 || bt.getNumElements() != n ||
          bt.getDimSize(bt.getRank() - 1) != n)
        continue;
      rewriter.setInsertionPoint(op);
      Value b = bias;
      if (bt.getRank() != 1)
        b = qgraph::ReshapeOp::create(rewriter, op.getLoc(), bt.clone({n}), b);
      Value fused =
          qgraph::LinearOp::create(rewriter, linear.getLoc(), linear.getType(),
                                   linear.getInput(), linear.getWeight(), b);
      if (reshape)
        fused = qgraph::ReshapeOp::create(rewriter, reshape.getLoc(),
                                          reshape.getType(), fused);
      rewriter.replaceOp(op, fused);
      return success();
    }
    return failure();
  }
};

/// mul(linear(x, dequantize W, [dequantize b]), c) -> W and b rescaled.
struct FoldScaleMul : OpRewritePattern<qgraph::MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(qgraph::MulOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [layerValue, scale] : {std::pair(op.getLhs(), op.getRhs()),
                                     std::pair(op.getRhs(), op.getLhs())}) {
      auto linear = layerValue.getDefiningOp<qgraph::LinearOp>();
      auto c = constantView(scale);
      if (!linear || !linear->hasOneUse() || !c || c->dequantize ||
          op.getType() != linear.getType())
        continue;
      int64_t n = linear.getType().getDimSize(1);
      if (!perOutputChannel(scale, n))
        continue;
      SmallVector<double> factors;
      for (float f :
           cast<DenseElementsAttr>(c->constant.getValue()).getValues<float>())
        factors.push_back(double(f));
      if (llvm::any_of(factors, [](double f) {
            return !(f > 0.0) || !std::isfinite(f);
          }))
        continue;
      auto w = constantView(linear.getWeight());
      if (!w || !w->dequantize)
        continue;
      Value bias = linear.getBias();
      std::optional<ConstantView> b;
      if (bias && !((b = constantView(bias)) && b->dequantize))
        continue;
      // Check both before building anything: a failing pattern must leave
      // the IR as it found it.
      if (!rescalable(*w) || (b && !rescalable(*b)))
        continue;
      Location loc = op.getLoc();
      Value newW = rescaled(rewriter, loc, *w, factors, n);
      Value newB = b ? rescaled(rewriter, loc, *b, factors, n) : Value();
      rewriter.replaceOpWithNewOp<qgraph::LinearOp>(
          op, op.getType(), linear.getInput(), newW, newB);
      return success();
    }
    return failure();
  }

  /// Whether c is quantized per tensor or along axis 0, the output channels.
  static bool rescalable(ConstantView c) {
    return getQuantParams(getQuantizedElementType(c.constant.getType())).axis <=
           0;
  }

  /// A dequantized constant whose channel n (axis 0) is scaled by
  /// factors[n] (or factors[0]): same integers, scales s[n] * factor.
  static Value rescaled(PatternRewriter &rewriter, Location loc, ConstantView c,
                        ArrayRef<double> factors, int64_t n) {
    auto qtype = getQuantizedElementType(c.constant.getType());
    QuantParams p = getQuantParams(qtype);
    const int64_t channels = factors.size() > 1 || p.scales.size() > 1 ? n : 1;
    SmallVector<double> scales;
    SmallVector<int64_t> zps;
    for (int64_t i = 0; i < channels; ++i) {
      scales.push_back(p.scales[p.scales.size() > 1 ? i : 0] *
                       factors[factors.size() > 1 ? i : 0]);
      zps.push_back(p.zeroPoints[p.zeroPoints.size() > 1 ? i : 0]);
    }
    auto f32 = Float32Type::get(rewriter.getContext());
    unsigned flags = qtype.isSigned() ? quant::QuantizationFlags::Signed : 0;
    Type element =
        channels == 1
            ? Type(quant::UniformQuantizedType::get(
                  flags, qtype.getStorageType(), f32, scales[0], zps[0],
                  qtype.getStorageTypeMin(), qtype.getStorageTypeMax()))
            : Type(quant::UniformQuantizedPerAxisType::get(
                  flags, qtype.getStorageType(), f32, scales, zps, 0,
                  qtype.getStorageTypeMin(), qtype.getStorageTypeMax()));
    auto shape = cast<ShapedType>(c.constant.getType()).getShape();
    auto k = qgraph::ConstantOp::create(rewriter, loc,
                                        RankedTensorType::get(shape, element),
                                        c.constant.getValue());
    return qgraph::DequantizeOp::create(rewriter, loc,
                                        RankedTensorType::get(shape, f32), k);
  }
};

struct FoldWeightQuantizationPass
    : qcc::impl::QccFoldWeightQuantizationBase<FoldWeightQuantizationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldQuantizeOfConstant, QuantizeLayerBias<qgraph::LinearOp>,
                 QuantizeLayerBias<qgraph::Conv2dOp>, FoldTransposeOfConstant,
                 FoldReshapeOfConstant, FoldBiasAdd, FoldScaleMul>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    // A float bias next to quantized operands that stayed float is worth a
    // warning: the fusion that follows will not happen.
    auto warn = [](auto op) {
      if (!op.getBias() ||
          !op.getBias().template getDefiningOp<qgraph::ConstantOp>())
        return;
      std::string reason;
      if (dequantizedType(op.getInput()) && dequantizedType(op.getWeight()) &&
          failed(quantizeLayerBias(op, reason)))
        op.emitWarning("float bias not quantized: ") << reason;
    };
    getOperation().walk([&](qgraph::LinearOp op) { warn(op); });
    getOperation().walk([&](qgraph::Conv2dOp op) { warn(op); });
  }
};

} // namespace
