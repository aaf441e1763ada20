#include "dialects/QInt/QIntDialect.h"

#include "dialects/QuantTypeChecks.h"
#include "dialects/WindowGeometry.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "qcc/runtime/Requantize.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace qcc::qint;

#define GET_OP_CLASSES
#include "dialects/QInt/QIntOps.cpp.inc"

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  Attribute value;
  if (parser.parseAttribute(value) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(parser.getCurrentLocation(),
                            "expected an elements attribute");
  result.addAttribute(getValueAttrName(result.name), value);
  result.addTypes(elements.getType());
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printAttribute(getValue());
  p.printOptionalAttrDict((*this)->getAttrs(), {getValueAttrName()});
}

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getType())
    return emitOpError("value type ")
           << getValue().getType() << " differs from result type " << getType();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// StorageCastOp
//===----------------------------------------------------------------------===//

LogicalResult StorageCastOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (in.getShape() != out.getShape())
    return emitOpError("changes the shape: ") << in << " to " << out;
  auto qin = qcc::getQuantizedElementType(in);
  auto qout = qcc::getQuantizedElementType(out);
  if (bool(qin) == bool(qout))
    return emitOpError("must cast between a quantized and an integer tensor");
  auto q = qin ? qin : qout;
  if (failed(qcc::verifyQuantizedType(qin ? in : out,
                                      qin ? "operand" : "result",
                                      [&] { return emitOpError(); })))
    return failure();
  Type integer = qin ? out.getElementType() : in.getElementType();
  Type storage = qcc::storageIntegerType(q);
  if (integer != storage)
    return emitOpError("the storage of ")
           << q << " is " << storage << ", not " << integer;
  return success();
}

OpFoldResult StorageCastOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<StorageCastOp>())
    if (inner.getInput().getType() == getType())
      return inner.getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// FullyConnectedOp
//===----------------------------------------------------------------------===//

/// Checks that the requant rule fits an output of `elementType` with
/// `channels` output channels.
static LogicalResult verifyRequantForOutput(Operation *op, RequantAttr requant,
                                            Type elementType,
                                            int64_t channels) {
  auto [lo, hi] = integerRange(elementType);
  if (requant.getZeroPoint() < lo || requant.getZeroPoint() > hi)
    return op->emitOpError("output zero point ")
           << requant.getZeroPoint() << " is outside " << elementType
           << " range [" << lo << ", " << hi << "]";
  if (requant.getClampMin() < lo || requant.getClampMax() > hi)
    return op->emitOpError("clamp [")
           << requant.getClampMin() << ", " << requant.getClampMax()
           << "] exceeds " << elementType << " range [" << lo << ", " << hi
           << "]";
  int64_t n = requant.getNumChannels();
  if (n != 1 && n != channels)
    return op->emitOpError("requant has ")
           << n << " channels for " << channels << " output channels";
  return success();
}

/// Checks an integer tensor's zero point against its element type.
static LogicalResult verifyZeroPoint(Operation *op, StringRef what, int64_t zp,
                                     Type elementType) {
  auto [lo, hi] = integerRange(elementType);
  if (zp < lo || zp > hi)
    return op->emitOpError(what)
           << " zero point " << zp << " is outside " << elementType
           << " range [" << lo << ", " << hi << "]";
  return success();
}

/// Weight zero points: one, or one per output channel, inside the type.
static LogicalResult verifyWeightZeroPoints(Operation *op,
                                            ArrayRef<int32_t> wzp,
                                            Type weightType, int64_t channels) {
  if (wzp.size() != 1 && int64_t(wzp.size()) != channels)
    return op->emitOpError("has ") << wzp.size() << " weight zero points for "
                                   << channels << " output channels";
  for (int32_t z : wzp)
    if (failed(verifyZeroPoint(op, "weight", z, weightType)))
      return failure();
  return success();
}

/// With a requant the result is 8-bit; without, the raw int32 accumulator.
static LogicalResult verifyOptionalRequant(Operation *op,
                                           std::optional<RequantAttr> requant,
                                           Type resultElement,
                                           int64_t channels) {
  if (!requant) {
    if (!resultElement.isSignlessInteger(32))
      return op->emitOpError("without requant the result is the int32 "
                             "accumulator, not ")
             << resultElement;
    return success();
  }
  if (resultElement.getIntOrFloatBitWidth() != 8)
    return op->emitOpError("with requant the result is 8-bit, not ")
           << resultElement;
  return verifyRequantForOutput(op, *requant, resultElement, channels);
}

LogicalResult FullyConnectedOp::verify() {
  auto in = getInput().getType();
  auto w = getWeight().getType();
  auto out = getResult().getType();
  if (in.getRank() < 2 || w.getRank() != 2 || out.getRank() != in.getRank())
    return emitOpError("expects input [..., K], weight [N, K] and result "
                       "[..., N]");
  int64_t k = in.getDimSize(in.getRank() - 1), n = w.getDimSize(0);
  if (w.getDimSize(1) != k)
    return emitOpError("weight ")
           << w << " does not have K = " << k << " columns of input " << in;
  SmallVector<int64_t> expected(in.getShape());
  expected.back() = n;
  if (out.getShape() != ArrayRef<int64_t>(expected))
    return emitOpError("result ")
           << out << " is not the input's rows by N = " << n;
  if (auto bias = getBias()) {
    auto b = cast<RankedTensorType>(bias.getType());
    if (b.getRank() != 1 || b.getDimSize(0) != n)
      return emitOpError("bias ") << b << " is not [" << n << "]";
  }
  if (failed(verifyZeroPoint(*this, "input", inputZeroPoint(),
                             in.getElementType())) ||
      failed(verifyWeightZeroPoints(*this, getWeightZeroPoints(),
                                    w.getElementType(), n)))
    return failure();
  return verifyOptionalRequant(*this, getRequant(), out.getElementType(), n);
}

//===----------------------------------------------------------------------===//
// Windows: conv2d and pooling, NHWC
//===----------------------------------------------------------------------===//

static LogicalResult verifyNhwcWindow(Operation *op, RankedTensorType in,
                                      RankedTensorType out,
                                      const qcc::Window &w, int64_t channels,
                                      bool ceilMode = false) {
  if (in.getRank() != 4 || out.getRank() != 4)
    return op->emitOpError("expects NHWC tensors of rank 4");
  int64_t expected[4] = {
      in.getDimSize(0), qcc::windowOutputSize(w, 0, in.getDimSize(1), ceilMode),
      qcc::windowOutputSize(w, 1, in.getDimSize(2), ceilMode), channels};
  if (expected[1] < 1 || expected[2] < 1)
    return op->emitOpError("window does not fit in the input ") << in;
  if (out.getShape() != ArrayRef<int64_t>(expected))
    return op->emitOpError("result ")
           << out << " is not [" << expected[0] << ", " << expected[1] << ", "
           << expected[2] << ", " << expected[3] << "]";
  return success();
}

LogicalResult Conv2dOp::verify() {
  auto in = getInput().getType(), w = getWeight().getType();
  if (in.getRank() != 4 || w.getRank() != 4)
    return emitOpError("expects input [N, H, W, C] and weight [O, KH, KW, "
                       "C / groups]");
  int64_t groups = getGroups();
  int64_t c = in.getDimSize(3), o = w.getDimSize(0);
  if (groups < 1 || c % groups || o % groups)
    return emitOpError("groups ") << groups << " do not divide " << c
                                  << " input and " << o << " output channels";
  if (w.getDimSize(3) != c / groups)
    return emitOpError("weight ")
           << w << " does not have C / groups = " << c / groups
           << " input channels";
  if (auto bias = getBias()) {
    auto b = cast<RankedTensorType>(bias.getType());
    if (b.getRank() != 1 || b.getDimSize(0) != o)
      return emitOpError("bias ") << b << " is not [" << o << "]";
  }
  qcc::Window win;
  int64_t kernel[2] = {w.getDimSize(1), w.getDimSize(2)};
  if (failed(qcc::verifyWindow(
          kernel, getStrides(), getDilations(), getPads(),
          [&] { return emitOpError(); }, win)) ||
      failed(verifyNhwcWindow(*this, in, getType(), win, o)) ||
      failed(verifyZeroPoint(*this, "input", inputZeroPoint(),
                             in.getElementType())) ||
      failed(verifyWeightZeroPoints(*this, getWeightZeroPoints(),
                                    w.getElementType(), o)))
    return failure();
  return verifyOptionalRequant(*this, getRequant(), getType().getElementType(),
                               o);
}

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  qcc::Window w;
  auto in = op.getInput().getType();
  if (failed(qcc::verifyWindow(
          op.getKernel(), op.getStrides(), op.getDilations(), op.getPads(),
          [&] { return op.emitOpError(); }, w)))
    return failure();
  if (in.getRank() != 4)
    return op.emitOpError("expects NHWC tensors of rank 4");
  if (op.getType().getElementType() != in.getElementType())
    return op.emitOpError("changes the element type");
  if (failed(verifyNhwcWindow(op, in, op.getType(), w, in.getDimSize(3),
                              op.getCeilMode())))
    return failure();
  for (int d = 0; d < 2; ++d)
    if (!qcc::everyWindowSeesInput(w, d, in.getDimSize(1 + d),
                                   op.getType().getDimSize(1 + d)))
      return op.emitOpError("a window falls entirely in the padding (")
             << (d ? "columns" : "rows") << "): nothing to pool";
  return success();
}

LogicalResult MaxPool2dOp::verify() { return verifyPool(*this); }

LogicalResult AvgPool2dOp::verify() {
  if (failed(verifyPool(*this)) ||
      failed(verifyZeroPoint(*this, "input", inputZeroPoint(),
                             getInput().getType().getElementType())))
    return failure();
  int64_t window = getKernel()[0] * getKernel()[1];
  RequantAttr rq = getRequant();
  if (rq.getNumChannels() != 1 && rq.getNumChannels() != window)
    return emitOpError("requant has ")
           << rq.getNumChannels() << " channels: needs 1, or one per divisor ("
           << window << ")";
  return verifyRequantForOutput(*this, rq, getType().getElementType(),
                                rq.getNumChannels());
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult AddOp::verify() {
  Type e = getType().getElementType();
  if (failed(verifyZeroPoint(*this, "lhs", lhsZeroPoint(), e)) ||
      failed(verifyZeroPoint(*this, "rhs", rhsZeroPoint(), e)))
    return failure();
  const int32_t leftShift = int32_t(getLeftShift());
  if (leftShift < 0 || leftShift > 22)
    return emitOpError("left shift ")
           << leftShift << " is negative or leaves no headroom in int32";
  RequantAttr out = getRequant();
  for (RequantAttr r : {getLhsRescale(), getRhsRescale()})
    if (r.getRounding() != out.getRounding() || r.getNumChannels() != 1)
      return emitOpError("input rescales must use the output's rounding rule "
                         "with one channel");
  return verifyRequantForOutput(*this, out, e, 1);
}

LogicalResult RequantizeOp::verify() {
  auto in = getInput().getType(), out = getType();
  if (in.getShape() != out.getShape())
    return emitOpError("changes the shape: ") << in << " to " << out;
  if (failed(verifyZeroPoint(*this, "input", inputZeroPoint(),
                             in.getElementType())))
    return failure();
  return verifyRequantForOutput(*this, getRequant(), out.getElementType(), 1);
}

bool RequantizeOp::isClampOnly() {
  RequantAttr rq = getRequant();
  if (getInput().getType() != getType() ||
      rq.getZeroPoint() != inputZeroPoint())
    return false;
  if (rq.isIntegerOnly())
    return rt::multiplierValue({rq.getMultiplier()[0], rq.getShift()[0]}) ==
           1.0;
  return rq.getScale()[0] == 1.0f;
}

namespace {
/// The requantization of an operation that ends in one, or null.
RequantAttr producerRequant(Operation *op) {
  return llvm::TypeSwitch<Operation *, RequantAttr>(op)
      .Case([](FullyConnectedOp o) { return o.getRequantAttr(); })
      .Case([](Conv2dOp o) { return o.getRequantAttr(); })
      .Case([](AddOp o) { return o.getRequantAttr(); })
      .Case([](AvgPool2dOp o) { return o.getRequantAttr(); })
      .Case([](RequantizeOp o) { return o.getRequantAttr(); })
      .Default([](Operation *) { return RequantAttr(); });
}

/// requantize(op(...)) that only clamps, op's sole use: the clamp joins op's
/// own. Clamping after rounding twice is clamping once to the intersection,
/// in every rounding rule, so the result is bit-identical. (A ReLU after a
/// residual add lands here: PyTorch's add, then ReLU at the same scale.)
struct FoldClampIntoProducer : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RequantizeOp op,
                                PatternRewriter &rewriter) const override {
    Operation *producer = op.getInput().getDefiningOp();
    if (!producer || !op.isClampOnly() || !producer->hasOneUse())
      return failure();
    RequantAttr inner = producerRequant(producer);
    if (!inner)
      return failure();
    RequantAttr outer = op.getRequant();
    RequantAttr merged = RequantAttr::get(
        getContext(), inner.getRounding(), inner.getZeroPoint(),
        std::max(inner.getClampMin(), outer.getClampMin()),
        std::min(inner.getClampMax(), outer.getClampMax()),
        inner.getMultiplier(), inner.getShift(), inner.getScale());
    if (merged.getClampMin() > merged.getClampMax())
      return failure();
    rewriter.modifyOpInPlace(producer,
                             [&] { producer->setAttr("requant", merged); });
    rewriter.replaceOp(op, producer->getResults());
    return success();
  }
};
} // namespace

void RequantizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<FoldClampIntoProducer>(context);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  auto out = getType();
  int64_t rank = out.getRank(), axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError("axis ") << axis << " is outside rank " << rank;
  auto inputs = getInputs();
  int64_t total = 0;
  for (Value v : inputs) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != rank)
      return emitOpError("input ") << t << " does not have rank " << rank;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && t.getDimSize(d) != out.getDimSize(d))
        return emitOpError("input ") << t << " differs from the result " << out
                                     << " outside the axis";
    total += t.getDimSize(axis);
  }
  if (total != out.getDimSize(axis))
    return emitOpError("inputs add up to ")
           << total << " along axis " << axis << ", the result has "
           << out.getDimSize(axis);
  auto requants = getRequants();
  auto zps = getInputZeroPoints();
  if (bool(requants) != bool(zps))
    return emitOpError("requants and input_zero_points go together");
  if (!requants) {
    for (Value v : inputs)
      if (cast<RankedTensorType>(v.getType()).getElementType() !=
          out.getElementType())
        return emitOpError("copies inputs of another type than the result's");
    return success();
  }
  if (requants->size() != inputs.size() || zps->size() != inputs.size())
    return emitOpError("needs one requant and one zero point per input");
  for (auto [i, v] : llvm::enumerate(inputs)) {
    if (failed(verifyZeroPoint(
            *this, "input", (*zps)[i],
            cast<RankedTensorType>(v.getType()).getElementType())) ||
        failed(verifyRequantForOutput(*this, cast<RequantAttr>((*requants)[i]),
                                      out.getElementType(), 1)))
      return failure();
  }
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType(), out = getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("changes the element type");
  if (in.getNumElements() != out.getNumElements())
    return emitOpError("reshapes ")
           << in.getNumElements() << " elements into " << out.getNumElements();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

LogicalResult TransposeOp::verify() {
  auto in = getInput().getType(), out = getType();
  ArrayRef<int64_t> perm = getPermutation();
  if (int64_t(perm.size()) != in.getRank())
    return emitOpError("permutation has ")
           << perm.size() << " entries for rank " << in.getRank();
  if (out.getRank() != in.getRank())
    return emitOpError("result ") << out << " does not have the rank of " << in;
  SmallVector<bool> seen(perm.size(), false);
  for (auto [i, p] : llvm::enumerate(perm)) {
    if (p < 0 || p >= in.getRank() || seen[p])
      return emitOpError("is not a permutation of [0, ") << in.getRank() << ")";
    seen[p] = true;
    if (out.getDimSize(i) != in.getDimSize(p))
      return emitOpError("result ")
             << out << " is not the permutation of " << in;
  }
  if (in.getElementType() != out.getElementType())
    return emitOpError("changes the element type");
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> perm = getPermutation();
  auto isIdentity = [](ArrayRef<int64_t> p) {
    for (auto [i, v] : llvm::enumerate(p))
      if (int64_t(i) != v)
        return false;
    return true;
  };
  if (isIdentity(perm))
    return getInput();
  // transpose(transpose(x, p), q) is x when q undoes p.
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    SmallVector<int64_t> composed;
    for (int64_t q : perm)
      composed.push_back(inner.getPermutation()[q]);
    if (isIdentity(composed))
      return inner.getInput();
  }
  return {};
}

namespace {
/// transpose(transpose(x, p), q) -> transpose(x, p o q).
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<TransposeOp>();
    if (!inner)
      return failure();
    SmallVector<int64_t> composed;
    for (int64_t q : op.getPermutation())
      composed.push_back(inner.getPermutation()[q]);
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getType(), inner.getInput(),
                                             composed);
    return success();
  }
};

/// transpose(requantize(x)) -> requantize(transpose(x)): the requantization
/// is elementwise and per tensor. Transposes then meet and cancel: the
/// NCHW/NHWC pairs around a ReLU that follows a residual add.
struct HoistTransposeAboveRequantize : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto rq = op.getInput().getDefiningOp<RequantizeOp>();
    if (!rq || !rq->hasOneUse())
      return failure();
    auto moved = TransposeOp::create(
        rewriter, op.getLoc(),
        op.getType().clone(rq.getInput().getType().getElementType()),
        rq.getInput(), op.getPermutation());
    rewriter.replaceOpWithNewOp<RequantizeOp>(op, op.getType(), moved,
                                              rq.getInputZeroPointAttr(),
                                              rq.getRequantAttr());
    return success();
  }
};

/// A transpose that keeps the order of every dimension larger than 1 moves
/// no data: it is a reshape.
struct TransposeOfUnitDimsToReshape : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto in = op.getInput().getType();
    int64_t last = -1;
    for (int64_t p : op.getPermutation()) {
      if (in.getDimSize(p) == 1)
        continue;
      if (p < last)
        return failure();
      last = p;
    }
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), op.getInput());
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ComposeTransposes, HoistTransposeAboveRequantize,
              TransposeOfUnitDimsToReshape>(context);
}

//===----------------------------------------------------------------------===//
// DynamicFullyConnectedOp
//===----------------------------------------------------------------------===//

LogicalResult DynamicFullyConnectedOp::verify() {
  auto in = getInput().getType(), w = getWeight().getType();
  auto out = getType();
  if (in.getRank() < 2 || w.getRank() != 2 || out.getRank() != in.getRank())
    return emitOpError("expects input [..., K], weight [N, K] and result "
                       "[..., N]");
  int64_t k = in.getDimSize(in.getRank() - 1), n = w.getDimSize(0);
  SmallVector<int64_t> expected(in.getShape());
  expected.back() = n;
  if (w.getDimSize(1) != k || out.getShape() != ArrayRef<int64_t>(expected))
    return emitOpError("shapes ")
           << in << " x " << w << "^T -> " << out << " do not match";
  if (auto bias = getBias()) {
    auto b = cast<RankedTensorType>(bias.getType());
    if (b.getRank() != 1 || b.getDimSize(0) != n)
      return emitOpError("bias ") << b << " is not [" << n << "]";
  }
  if (failed(verifyWeightZeroPoints(*this, getWeightZeroPoints(),
                                    w.getElementType(), n)))
    return failure();
  ArrayRef<float> scales = getWeightScales();
  if (scales.size() != 1 && int64_t(scales.size()) != n)
    return emitOpError("has ")
           << scales.size() << " weight scales for " << n << " output channels";
  for (float s : scales)
    if (!(s > 0.0f) || !std::isfinite(s))
      return emitOpError("weight scale ") << s << " is not positive and finite";
  int64_t qmin = int32_t(getQmin()), qmax = int32_t(getQmax());
  int64_t smin = int32_t(getStorageMin()), smax = int32_t(getStorageMax());
  if (qmin >= qmax || qmin < smin || qmax > smax || smin < 0 || smax > 255)
    return emitOpError("range [") << qmin << ", " << qmax
                                  << "] must be non-empty and inside the "
                                     "uint8 storage range ["
                                  << smin << ", " << smax << "]";
  const float fallback = getFallbackScale().convertToFloat();
  if (!(fallback > 0.0f) || !std::isfinite(fallback))
    return emitOpError("fallback scale must be positive and finite");
  return success();
}
