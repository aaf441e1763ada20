#include "dialects/QInt/QIntDialect.h"

#include "dialects/QuantTypeChecks.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

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

LogicalResult FullyConnectedOp::verify() {
  auto in = getInput().getType();
  auto w = getWeight().getType();
  auto out = getResult().getType();
  if (in.getRank() != 2 || w.getRank() != 2 || out.getRank() != 2)
    return emitOpError("expects rank-2 input [M, K], weight [N, K] and "
                       "result [M, N]");
  int64_t m = in.getDimSize(0), k = in.getDimSize(1), n = w.getDimSize(0);
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
  auto [inLo, inHi] = integerRange(in.getElementType());
  if (inputZeroPoint() < inLo || inputZeroPoint() > inHi)
    return emitOpError("input zero point ")
           << inputZeroPoint() << " is outside " << in.getElementType()
           << " range [" << inLo << ", " << inHi << "]";
  ArrayRef<int32_t> wzp = getWeightZeroPoints();
  if (wzp.size() != 1 && int64_t(wzp.size()) != n)
    return emitOpError("has ") << wzp.size() << " weight zero points for " << n
                               << " output channels";
  auto [wLo, wHi] = integerRange(w.getElementType());
  for (int32_t z : wzp)
    if (z < wLo || z > wHi)
      return emitOpError("weight zero point ")
             << z << " is outside " << w.getElementType() << " range [" << wLo
             << ", " << wHi << "]";
  return verifyRequantForOutput(*this, getRequant(), out.getElementType(), n);
}
