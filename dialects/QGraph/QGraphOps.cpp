#include "dialects/QGraph/QGraphDialect.h"

#include "dialects/QuantTypeChecks.h"
#include "dialects/WindowGeometry.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace qcc::qgraph;

#define GET_OP_CLASSES
#include "dialects/QGraph/QGraphOps.cpp.inc"

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

// qgraph.constant dense<...> : tensor<NxT> [-> tensor<Nx!quant...>]
ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  Attribute value;
  if (parser.parseAttribute(value) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(parser.getCurrentLocation(),
                            "expected an elements attribute");
  Type resultType = elements.getType();
  if (succeeded(parser.parseOptionalArrow()) && parser.parseType(resultType))
    return failure();
  result.addAttribute(getValueAttrName(result.name), value);
  result.addTypes(resultType);
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printAttribute(getValue());
  p.printOptionalAttrDict((*this)->getAttrs(), {getValueAttrName()});
  if (getType() != getValue().getType())
    p << " -> " << getType();
}

LogicalResult ConstantOp::verify() {
  auto resultType = cast<TensorType>(getType());
  auto valueType = cast<ShapedType>(getValue().getType());
  if (valueType.getShape() != resultType.getShape())
    return emitOpError("value shape ")
           << valueType << " differs from result shape " << resultType;
  auto qtype = qcc::getQuantizedElementType(resultType);
  if (!qtype) {
    if (valueType.getElementType() != resultType.getElementType())
      return emitOpError("value type ")
             << valueType << " differs from result type " << resultType;
    return success();
  }
  if (failed(qcc::verifyQuantizedType(resultType, "result",
                                      [&] { return emitOpError(); })))
    return failure();
  Type storage = qcc::storageIntegerType(qtype);
  if (valueType.getElementType() != storage)
    return emitOpError("a constant of ")
           << qtype << " must hold " << storage << " values, not "
           << valueType.getElementType();
  // Values of the storage type are in range unless the quantized type
  // narrows it (i8 with [-127, 127], say): only then look at each one.
  const int64_t lo = qtype.getStorageTypeMin(), hi = qtype.getStorageTypeMax();
  const unsigned width = qtype.getStorageTypeIntegralWidth();
  const bool fullRange =
      lo == quant::QuantizedType::getDefaultMinimumForInteger(qtype.isSigned(),
                                                              width) &&
      hi == quant::QuantizedType::getDefaultMaximumForInteger(qtype.isSigned(),
                                                              width);
  if (auto dense = dyn_cast<DenseIntElementsAttr>(getValue());
      dense && !fullRange) {
    for (const APInt &v : dense.getValues<APInt>()) {
      int64_t x =
          qtype.isSigned() ? v.getSExtValue() : int64_t(v.getZExtValue());
      if (x < lo || x > hi)
        return emitOpError("value ") << x << " is outside the storage range ["
                                     << lo << ", " << hi << "] of " << qtype;
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeOp / DequantizeOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyQuantizationPair(Operation *op, Type floatType,
                                            Type quantType, StringRef what) {
  auto f = cast<RankedTensorType>(floatType);
  auto q = cast<RankedTensorType>(quantType);
  if (f.getShape() != q.getShape())
    return op->emitOpError("shapes differ: ") << f << " vs " << q;
  return qcc::verifyQuantizedType(q, what, [op] { return op->emitOpError(); });
}

LogicalResult QuantizeOp::verify() {
  return verifyQuantizationPair(*this, getInput().getType(),
                                getResult().getType(), "result");
}

LogicalResult DequantizeOp::verify() {
  return verifyQuantizationPair(*this, getResult().getType(),
                                getInput().getType(), "operand");
}

//===----------------------------------------------------------------------===//
// LinearOp
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::verify() {
  auto in = getInput().getType();
  auto w = getWeight().getType();
  auto out = getResult().getType();
  if (in.getRank() != 2 || w.getRank() != 2 || out.getRank() != 2)
    return emitOpError("expects rank-2 input [M, K], weight [N, K] and "
                       "result [M, N]");
  int64_t m = in.getDimSize(0), k = in.getDimSize(1);
  int64_t n = w.getDimSize(0);
  if (w.getDimSize(1) != k)
    return emitOpError("weight ")
           << w << " does not have K = " << k << " columns of input " << in;
  if (out.getDimSize(0) != m || out.getDimSize(1) != n)
    return emitOpError("result ")
           << out << " is not [" << m << ", " << n << "]";
  if (auto bias = getBias()) {
    auto b = cast<RankedTensorType>(bias.getType());
    if (b.getRank() != 1 || b.getDimSize(0) != n)
      return emitOpError("bias ") << b << " is not [" << n << "]";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Conv2dOp
//===----------------------------------------------------------------------===//

/// Checks an NCHW image result against its input through a window.
static LogicalResult verifyWindowResult(Operation *op, RankedTensorType in,
                                        RankedTensorType out,
                                        const qcc::Window &w, int64_t channels,
                                        bool ceilMode) {
  if (in.getRank() != 4 || out.getRank() != 4)
    return op->emitOpError("expects NCHW tensors of rank 4");
  int64_t expected[4] = {in.getDimSize(0), channels, 0, 0};
  for (int d = 0; d < 2; ++d) {
    expected[2 + d] =
        qcc::windowOutputSize(w, d, in.getDimSize(2 + d), ceilMode);
    if (expected[2 + d] < 1)
      return op->emitOpError("window does not fit in the ")
             << in.getDimSize(2 + d) << (d ? " columns" : " rows")
             << " of the input";
  }
  if (out.getShape() != ArrayRef<int64_t>(expected))
    return op->emitOpError("result ")
           << out << " is not [" << expected[0] << ", " << expected[1] << ", "
           << expected[2] << ", " << expected[3] << "]";
  return success();
}

LogicalResult Conv2dOp::verify() {
  auto in = getInput().getType(), w = getWeight().getType();
  if (w.getRank() != 4 || in.getRank() != 4)
    return emitOpError("expects input [N, C, H, W] and weight [O, C / groups, "
                       "KH, KW]");
  int64_t groups = getGroups();
  int64_t c = in.getDimSize(1), o = w.getDimSize(0);
  if (groups < 1 || c % groups || o % groups)
    return emitOpError("groups ") << groups << " do not divide " << c
                                  << " input and " << o << " output channels";
  if (w.getDimSize(1) != c / groups)
    return emitOpError("weight ")
           << w << " does not have C / groups = " << c / groups
           << " input channels";
  if (auto bias = getBias()) {
    auto b = cast<RankedTensorType>(bias.getType());
    if (b.getRank() != 1 || b.getDimSize(0) != o)
      return emitOpError("bias ") << b << " is not [" << o << "]";
  }
  qcc::Window win;
  int64_t kernel[2] = {w.getDimSize(2), w.getDimSize(3)};
  if (failed(qcc::verifyWindow(
          kernel, getStrides(), getDilations(), getPads(),
          [&] { return emitOpError(); }, win)))
    return failure();
  return verifyWindowResult(*this, in, getType(), win, o, false);
}

//===----------------------------------------------------------------------===//
// Binary ops, clip
//===----------------------------------------------------------------------===//

static LogicalResult verifyBroadcast(Operation *op, RankedTensorType lhs,
                                     RankedTensorType rhs,
                                     RankedTensorType result) {
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(lhs.getShape(), rhs.getShape(),
                                          shape))
    return op->emitOpError("operands ")
           << lhs << " and " << rhs << " do not broadcast";
  if (result.getShape() != ArrayRef<int64_t>(shape))
    return op->emitOpError("result ")
           << result << " is not the broadcast shape of its operands";
  return success();
}

LogicalResult AddOp::verify() {
  return verifyBroadcast(*this, getLhs().getType(), getRhs().getType(),
                         getType());
}

LogicalResult MulOp::verify() {
  return verifyBroadcast(*this, getLhs().getType(), getRhs().getType(),
                         getType());
}

LogicalResult ClipOp::verify() {
  if (getMin().convertToFloat() > getMax().convertToFloat())
    return emitOpError("min ") << getMin().convertToFloat() << " exceeds max "
                               << getMax().convertToFloat();
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  qcc::Window w;
  if (failed(qcc::verifyWindow(
          op.getKernel(), op.getStrides(), op.getDilations(), op.getPads(),
          [&] { return op.emitOpError(); }, w)))
    return failure();
  auto in = op.getInput().getType();
  if (in.getRank() != 4)
    return op.emitOpError("expects NCHW tensors of rank 4");
  if (failed(verifyWindowResult(op, in, op.getType(), w, in.getDimSize(1),
                                op.getCeilMode())))
    return failure();
  for (int d = 0; d < 2; ++d)
    if (!qcc::everyWindowSeesInput(w, d, in.getDimSize(2 + d),
                                   op.getType().getDimSize(2 + d)))
      return op.emitOpError("a window falls entirely in the padding (")
             << (d ? "columns" : "rows") << "): nothing to pool";
  return success();
}

LogicalResult MaxPool2dOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2dOp::verify() { return verifyPool(*this); }

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  auto out = getType();
  int64_t rank = out.getRank(), axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError("axis ") << axis << " is outside rank " << rank;
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  int64_t total = 0;
  for (Value v : getInputs()) {
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
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType(), out = getType();
  if (in.getElementType() != out.getElementType() &&
      !(qcc::getQuantizedElementType(in) && qcc::getQuantizedElementType(out)))
    return emitOpError("changes the element type");
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError("reshapes ")
           << in.getNumElements() << " elements into " << out.getNumElements();
  if (auto q =
          dyn_cast<quant::UniformQuantizedPerAxisType>(in.getElementType()))
    return emitOpError("cannot reshape a tensor quantized per axis");
  if (in.getElementType() != out.getElementType())
    return emitOpError("changes the quantization");
  return success();
}

/// The result dimensions a permutation gives, or failure.
static LogicalResult checkPermutation(Operation *op, ArrayRef<int64_t> perm,
                                      int64_t rank) {
  if (int64_t(perm.size()) != rank)
    return op->emitOpError("permutation has ")
           << perm.size() << " entries for rank " << rank;
  SmallVector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return op->emitOpError("is not a permutation of [0, ") << rank << ")";
    seen[p] = true;
  }
  return success();
}

LogicalResult TransposeOp::verify() {
  auto in = getInput().getType(), out = getType();
  ArrayRef<int64_t> perm = getPermutation();
  if (failed(checkPermutation(*this, perm, in.getRank())))
    return failure();
  if (out.getRank() != in.getRank())
    return emitOpError("result ") << out << " does not have the rank of " << in;
  for (size_t i = 0; i < perm.size(); ++i)
    if (out.getDimSize(i) != in.getDimSize(perm[i]))
      return emitOpError("result ")
             << out << " is not the permutation of " << in;
  auto qin = qcc::getQuantizedElementType(in);
  auto qout = qcc::getQuantizedElementType(out);
  if (auto axis = dyn_cast_or_null<quant::UniformQuantizedPerAxisType>(qin)) {
    auto outAxis = dyn_cast_or_null<quant::UniformQuantizedPerAxisType>(qout);
    int64_t moved =
        llvm::find(perm, axis.getQuantizedDimension()) - perm.begin();
    if (!outAxis || outAxis.getQuantizedDimension() != moved ||
        outAxis.getScales() != axis.getScales() ||
        outAxis.getZeroPoints() != axis.getZeroPoints())
      return emitOpError("must move the quantized axis ")
             << axis.getQuantizedDimension() << " to " << moved;
    return success();
  }
  if (in.getElementType() != out.getElementType())
    return emitOpError("changes the element type");
  return success();
}

//===----------------------------------------------------------------------===//
// Dynamic quantization
//===----------------------------------------------------------------------===//

LogicalResult DynamicQuantizeOp::verify() {
  int64_t qmin = int32_t(getQmin()), qmax = int32_t(getQmax());
  int64_t smin = int32_t(getStorageMin()), smax = int32_t(getStorageMax());
  if (qmin >= qmax || smin > smax || qmin < smin || qmax > smax ||
      smin < -128 || smax > 255)
    return emitOpError("range [")
           << qmin << ", " << qmax << "] must be non-empty and inside the "
           << "8-bit storage range [" << smin << ", " << smax << "]";
  const float fallback = getFallbackScale().convertToFloat();
  if (!(fallback > 0.0f) || !std::isfinite(fallback))
    return emitOpError("fallback scale must be positive and finite");
  return success();
}

LogicalResult DynamicQuantizeLinearOp::verify() {
  if (getOutput().getType().getShape() != getInput().getType().getShape())
    return emitOpError("output shape differs from the input's");
  if (getScale().getType().getRank() != 0 ||
      getZeroPoint().getType().getRank() != 0)
    return emitOpError("scale and zero point must be scalars (rank 0)");
  return success();
}
