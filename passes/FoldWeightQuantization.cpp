// Quantizes constant weights and biases at compile time.
//
//   quantize(C) -> C_q,  C_q[i] = clamp(round_half_even(C[i] / s_c) + zp_c)
//       with c the channel of element i for a per-axis type
//       (qcc::rt::quantizeValue, the ONNX QuantizeLinear rule);
//   linear(dequantize(x : s_x), dequantize(W : s_w), B) with B a float
//   constant -> B_q[n] = round_half_even(B[n] / (s_x * s_w[n])) in double
//       (qcc::rt::quantizeBias), stored as int32 with that scale, zero point 0.
//
// Refuses: quantizing anything that is not a constant (that is run-time
// work); a bias when the input is not dequantized per tensor or the weight
// not per tensor or per output channel (axis 0); a bias whose quantized value
// does not fit in int32 (left as float, with a warning).
#include "dialects/QuantTypeChecks.h"
#include "passes/Passes.h"
#include "passes/QdqMatchers.h"
#include "qcc/runtime/Requantize.h"

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
FailureOr<std::pair<DenseElementsAttr, Type>>
quantizeLinearBias(qgraph::LinearOp op, std::string &reason) {
  auto cst = op.getBias() ? op.getBias().getDefiningOp<qgraph::ConstantOp>()
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
  for (float b : values.getValues<float>()) {
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

/// linear(dequantize x, dequantize W, float constant B) -> int32 bias.
struct QuantizeLinearBias : OpRewritePattern<qgraph::LinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(qgraph::LinearOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto bias = quantizeLinearBias(op, reason);
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

struct FoldWeightQuantizationPass
    : qcc::impl::QccFoldWeightQuantizationBase<FoldWeightQuantizationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldQuantizeOfConstant, QuantizeLinearBias>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    // A float bias next to quantized operands that stayed float is worth a
    // warning: the fusion that follows will not happen.
    getOperation().walk([](qgraph::LinearOp op) {
      if (!op.getBias() || !op.getBias().getDefiningOp<qgraph::ConstantOp>())
        return;
      std::string reason;
      if (dequantizedType(op.getInput()) && dequantizedType(op.getWeight()) &&
          failed(quantizeLinearBias(op, reason)))
        op.emitWarning("float bias not quantized: ") << reason;
    });
  }
};

} // namespace
