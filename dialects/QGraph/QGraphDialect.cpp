#include "dialects/QGraph/QGraphDialect.h"

#include "dialects/QuantTypeChecks.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace qcc::qgraph;

#include "dialects/QGraph/QGraphDialect.cpp.inc"

void QGraphDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/QGraph/QGraphOps.cpp.inc"
      >();
}

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
  if (auto dense = dyn_cast<DenseIntElementsAttr>(getValue())) {
    int64_t lo = qtype.getStorageTypeMin(), hi = qtype.getStorageTypeMax();
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
  if (failed(verifyQuantizationPair(*this, getInput().getType(),
                                    getResult().getType(), "result")))
    return failure();
  if (qcc::getQuantizedElementType(getType()).getStorageTypeIntegralWidth() !=
      8)
    return emitOpError("quantizes to ")
           << getType() << "; activations must be 8-bit";
  return success();
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
