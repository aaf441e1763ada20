// Fusion of pooling on quantized images, computed in NHWC.
//
// max: dequantize -> max_pool2d -> quantize picks the largest stored value;
// quantization is monotone, so with the same quantization in and out no
// arithmetic is needed, and with another one a qint.requantize follows.
//
// average: sum = sum (x - z_x) over the window, and
//   y_q = z_y + round(s_x / (s_y * d) * sum)
// for the divisor d (the window positions inside the image, and inside its
// explicit padding with count_include_pad): one requantization per divisor,
// or a single one when every window has the same divisor.
//
// Refuses: inputs or outputs quantized per axis or not 8-bit; an output of
// another type than the input's.
#include "passes/fusion/FusionPatterns.h"

#include "passes/QdqMatchers.h"
#include "passes/fusion/FusionCommon.h"

using namespace mlir;

namespace qcc::fusion {
namespace {

struct PoolGroup {
  QuantizedInput in;
  QuantizedOutput out;
};

template <typename PoolOp>
FailureOr<PoolGroup> matchPool(PoolOp op, std::string &reason) {
  PoolGroup g;
  auto in = matchQuantizedInput(op.getInput(), "input", reason);
  if (failed(in))
    return failure();
  g.in = *in;
  auto out = matchQuantizedOutput(op.getResult(), reason);
  if (failed(out))
    return failure();
  g.out = *out;
  if (g.out.type.getStorageType() != g.in.type.getStorageType() ||
      g.out.type.isSigned() != g.in.type.isSigned() ||
      g.out.type.getStorageTypeIntegralWidth() != 8) {
    reason = "input and output are not of one 8-bit type";
    return failure();
  }
  return g;
}

/// The NHWC type of an NCHW result.
RankedTensorType nhwcStorage(Type nchwQuantized) {
  auto t = storageTensorType(nchwQuantized);
  return t.clone(
      {t.getDimSize(0), t.getDimSize(2), t.getDimSize(3), t.getDimSize(1)});
}

/// The requantization after a max pool whose output is quantized otherwise
/// than its input (the largest value rescaled is the largest rescaled
/// value); null when none is needed. Failure when the scale cannot be
/// represented.
FailureOr<qint::RequantAttr> maxPoolRequant(qgraph::MaxPool2dOp op,
                                            const PoolGroup &g,
                                            Numerics numerics,
                                            std::string &reason) {
  const bool same = g.in.type == g.out.type &&
                    g.out.clampMin <= g.out.type.getStorageTypeMin() &&
                    g.out.clampMax >= g.out.type.getStorageTypeMax();
  if (same)
    return qint::RequantAttr();
  float ratio = float(g.in.type.getScale()) / float(g.out.type.getScale());
  qint::RequantAttr rq = buildRequantFromScales(
      op.getContext(), numerics, {g.in.type.getScale() / g.out.type.getScale()},
      {ratio}, g.out.zeroPoint, g.out.clampMin, g.out.clampMax, reason);
  if (!rq)
    return failure();
  return rq;
}

struct FuseMaxPool : OpRewritePattern<qgraph::MaxPool2dOp> {
  FuseMaxPool(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::MaxPool2dOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchPool(op, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    PoolGroup &g = *group;
    auto rq = maxPoolRequant(op, g, numerics, reason);
    if (failed(rq))
      return rewriter.notifyMatchFailure(op, reason);
    qgraph::QuantizeOp q = g.out.quantize;
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(q);
    Value x = toNhwc(rewriter, loc, toStorage(rewriter, loc, g.in.quantized));
    Value y = qint::MaxPool2dOp::create(
        rewriter, loc, nhwcStorage(q.getType()), x, op.getKernel(),
        op.getStrides(), op.getDilations(), op.getPads(), op.getCeilMode());
    if (*rq)
      y = qint::RequantizeOp::create(rewriter, loc, y.getType(), y,
                                     int32_t(g.in.type.getZeroPoint()), *rq);
    rewriter.replaceOp(
        q, fromStorage(rewriter, loc, toNchw(rewriter, loc, y), q.getType()));
    return success();
  }

  Numerics numerics;
};

/// Whether every window counts all its positions (the divisor is always the
/// window size).
bool allWindowsFull(qgraph::AvgPool2dOp op) {
  auto in = cast<RankedTensorType>(op.getInput().getType());
  auto out = cast<RankedTensorType>(op.getType());
  ArrayRef<int64_t> pads = op.getPads();
  for (int d = 0; d < 2; ++d) {
    int64_t size = in.getDimSize(2 + d), k = op.getKernel()[d];
    int64_t lo = op.getCountIncludePad() ? -pads[d] : 0;
    int64_t hi = op.getCountIncludePad() ? size + pads[d + 2] : size;
    for (int64_t o = 0; o < out.getDimSize(2 + d); ++o) {
      int64_t first = o * op.getStrides()[d] - pads[d];
      int64_t last = first + (k - 1) * op.getDilations()[d];
      if (first < lo || last >= hi)
        return false;
    }
  }
  return true;
}

/// One requantization per divisor d in [1, window] (or one when every window
/// has the same divisor): s_x / (s_y * d), in float32 as ONNX Runtime's
/// QLinearAveragePool computes it for numerics=onnx.
qint::RequantAttr averageRequant(qgraph::AvgPool2dOp op, const PoolGroup &g,
                                 Numerics numerics, std::string &reason) {
  const int64_t window = op.getKernel()[0] * op.getKernel()[1];
  const bool fixed = allWindowsFull(op);
  SmallVector<double> reals;
  SmallVector<float> floats;
  const double sx = g.in.type.getScale(), sy = g.out.type.getScale();
  for (int64_t d = fixed ? window : 1; d <= window; ++d) {
    reals.push_back(sx / (sy * double(d)));
    floats.push_back(float(sx) / (float(sy) * float(d)));
  }
  return buildRequantFromScales(op.getContext(), numerics, reals, floats,
                                g.out.zeroPoint, g.out.clampMin, g.out.clampMax,
                                reason);
}

struct FuseAvgPool : OpRewritePattern<qgraph::AvgPool2dOp> {
  FuseAvgPool(MLIRContext *ctx, Numerics numerics)
      : OpRewritePattern(ctx), numerics(numerics) {}

  LogicalResult matchAndRewrite(qgraph::AvgPool2dOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    auto group = matchPool(op, reason);
    if (failed(group))
      return rewriter.notifyMatchFailure(op, reason);
    PoolGroup &g = *group;
    qint::RequantAttr rq = averageRequant(op, g, numerics, reason);
    if (!rq)
      return rewriter.notifyMatchFailure(op, reason);
    qgraph::QuantizeOp q = g.out.quantize;
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(q);
    Value x = toNhwc(rewriter, loc, toStorage(rewriter, loc, g.in.quantized));
    auto pool = qint::AvgPool2dOp::create(
        rewriter, loc, nhwcStorage(q.getType()), x, op.getKernel(),
        op.getStrides(), op.getDilations(), op.getPads(), op.getCeilMode(),
        op.getCountIncludePad(), int32_t(g.in.type.getZeroPoint()), rq);
    rewriter.replaceOp(
        q,
        fromStorage(rewriter, loc, toNchw(rewriter, loc, pool), q.getType()));
    return success();
  }

  Numerics numerics;
};

} // namespace

void populatePoolingFusionPatterns(RewritePatternSet &patterns,
                                   Numerics numerics) {
  patterns.add<FuseMaxPool, FuseAvgPool>(patterns.getContext(), numerics);
}

std::optional<std::string> whyNotFusedPooling(Operation *op,
                                              Numerics numerics) {
  std::string reason;
  if (auto pool = dyn_cast<qgraph::MaxPool2dOp>(op)) {
    auto g = matchPool(pool, reason);
    if (failed(g) || failed(maxPoolRequant(pool, *g, numerics, reason)))
      return reason;
  }
  if (auto pool = dyn_cast<qgraph::AvgPool2dOp>(op)) {
    auto g = matchPool(pool, reason);
    if (failed(g) || !averageRequant(pool, *g, numerics, reason))
      return reason;
  }
  return std::nullopt;
}

} // namespace qcc::fusion
