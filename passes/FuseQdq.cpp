// Fuses dequantize -> op -> quantize groups into integer-only qint
// operations. The math of each family, and what it refuses, opens its file
// in passes/fusion/: linear, conv2d and dynamic linear (FuseLinearConv),
// add and requantize (FuseElementwise), pooling (FusePooling), concat,
// reshape and transpose (FuseDataMovement).
//
// Image operations are computed in NHWC between transposes from and to
// NCHW; a transpose of a transpose folds, and storage casts back and forth
// fold, so consecutive fused operations pass integers in NHWC directly.
//
// What cannot be fused stays, and gets a `qcc.not_fused` attribute saying
// why, for --qcc-verify-integer-only and `qcc explain` to report.
#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QuantTypeChecks.h"
#include "passes/IntegerOnly.h"
#include "passes/Numerics.h"
#include "passes/Passes.h"
#include "passes/fusion/FusionPatterns.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "qcc/runtime/Requantize.h"

namespace qcc {
#define GEN_PASS_DEF_QCCFUSEQDQ
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

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
    fusion::populateLinearConvFusionPatterns(patterns, mode);
    fusion::populateElementwiseFusionPatterns(patterns, mode);
    fusion::populatePoolingFusionPatterns(patterns, mode);
    fusion::populateDataMovementFusionPatterns(patterns, mode);
    qint::TransposeOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    // Say why each float operation left was not fused.
    getOperation().walk([&](Operation *op) {
      for (auto why : {fusion::whyNotFusedLinearConv(op, mode),
                       fusion::whyNotFusedElementwise(op, mode),
                       fusion::whyNotFusedPooling(op, mode),
                       fusion::whyNotFusedDataMovement(op, mode)})
        if (why) {
          op->setAttr(kNotFusedAttr, StringAttr::get(ctx, *why));
          return;
        }
    });
    materializeFloatConstants();
  }

  /// A weight left dequantized feeds an operation that stays in float: its
  /// float values become a constant, computed once here.
  void materializeFloatConstants() {
    getOperation().walk([&](qgraph::DequantizeOp op) {
      auto cst = op.getInput().getDefiningOp<qgraph::ConstantOp>();
      auto values = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue())
                        : DenseIntElementsAttr();
      if (!values)
        return;
      auto type = cast<RankedTensorType>(op.getInput().getType());
      QuantParams p = getQuantParams(getQuantizedElementType(type));
      int64_t inner = 1;
      if (p.axis >= 0)
        for (int64_t d = p.axis + 1; d < type.getRank(); ++d)
          inner *= type.getDimSize(d);
      const int64_t channels = int64_t(p.scales.size());
      SmallVector<float> floats;
      floats.reserve(values.getNumElements());
      int64_t i = 0;
      for (const APInt &v : values.getValues<APInt>()) {
        const int64_t c = channels > 1 ? (i++ / inner) % channels : 0;
        const int64_t q =
            p.isSigned ? v.getSExtValue() : int64_t(v.getZExtValue());
        floats.push_back(rt::dequantizeValue(int32_t(q), float(p.scales[c]),
                                             int32_t(p.zeroPoints[c])));
      }
      OpBuilder b(op);
      auto floatType = cast<RankedTensorType>(op.getType());
      auto folded = qgraph::ConstantOp::create(
          b, op.getLoc(), floatType,
          DenseElementsAttr::get(floatType, ArrayRef<float>(floats)));
      op.replaceAllUsesWith(folded.getResult());
      op.erase();
      if (cst->use_empty())
        cst.erase();
    });
  }

  Numerics mode = Numerics::Int;
};

} // namespace
