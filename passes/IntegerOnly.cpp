#include "passes/IntegerOnly.h"

#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QInt/QIntDialect.h"
#include "llvm/ADT/TypeSwitch.h"

#include <functional>

using namespace mlir;

namespace qcc {

static bool hasFloat(TypeRange types) {
  return llvm::any_of(
      types, [](Type t) { return isa<FloatType>(getElementTypeOrSelf(t)); });
}

/// Whether any #qint.requant of the op, also inside arrays, is the float rule.
static bool usesFloatRequant(Operation *op) {
  bool found = false;
  std::function<void(Attribute)> visit = [&](Attribute a) {
    if (auto rq = dyn_cast<qint::RequantAttr>(a))
      found |= !rq.isIntegerOnly();
    else if (auto arr = dyn_cast<ArrayAttr>(a))
      for (Attribute e : arr)
        visit(e);
  };
  for (NamedAttribute a : op->getAttrs())
    visit(a.getValue());
  return found;
}

SmallVector<FloatOpReport> findFloatOps(func::FuncOp func) {
  SmallVector<FloatOpReport> reports;
  func.walk([&](Operation *op) {
    if (op == func.getOperation())
      return;
    std::string name = "'" + op->getName().getStringRef().str() + "'";
    auto report = [&](StringRef why) {
      reports.push_back({op, name + " " + why.str()});
    };
    // Constants are data, calls and returns move no numbers, a reshape is a
    // view of its input; the callee of a call is checked on its own.
    if (isa<qgraph::ConstantOp, qint::ConstantOp, qint::StorageCastOp,
            qgraph::ReshapeOp, func::ReturnOp, func::CallOp>(op))
      return;
    if (isa<qint::DynamicFullyConnectedOp>(op))
      return report("quantizes its float input at run time and returns float "
                    "(dynamic quantization: float range, float epilogue)");
    if (usesFloatRequant(op))
      return report("has a float epilogue: float32 scale, rounded half to "
                    "even (numerics onnx)");
    if (isa<qgraph::QuantizeOp>(op))
      return report("converts float to integer inside the graph");
    if (isa<qgraph::DequantizeOp>(op))
      return report("converts integer to float inside the graph");
    if (op->getDialect() && isa<qint::QIntDialect>(op->getDialect()))
      return;
    std::string why =
        hasFloat(op->getOperandTypes()) || hasFloat(op->getResultTypes())
            ? "computes in float"
            : "is not a qint operation";
    if (auto notFused = op->getAttrOfType<StringAttr>(kNotFusedAttr))
      why += ": not fused: " + notFused.str();
    report(why);
  });
  return reports;
}

} // namespace qcc
