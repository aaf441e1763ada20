#include "ModelMacs.h"

#include "compiler/Compiler.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace qcc::bench {

ModelMacs countModelMacs(const std::string &path) {
  ModelMacs result;
  Compiler compiler(/*printDiagnostics=*/false);
  auto module = compiler.load(path);
  if (!module || mlir::failed(compiler.fuse(*module, CompileOptions{}))) {
    result.error = compiler.errorText();
    return result;
  }
  module->walk([&](mlir::Operation *op) {
    const llvm::StringRef name = op->getName().getStringRef();
    const bool integer = name == "qint.fully_connected" ||
                         name == "qint.conv2d" ||
                         name == "qint.dynamic_fully_connected";
    const bool floating = name == "qgraph.linear" || name == "qgraph.conv2d";
    if ((!integer && !floating) || op->getNumOperands() < 2 ||
        op->getNumResults() < 1)
      return;
    // The weight is [N, K] or [O, KH, KW, C/groups] (OIHW for float):
    // each output element reads weight elements / dim 0 inputs.
    auto weight =
        llvm::dyn_cast<mlir::RankedTensorType>(op->getOperand(1).getType());
    auto out =
        llvm::dyn_cast<mlir::RankedTensorType>(op->getResult(0).getType());
    if (!weight || !out || !weight.hasStaticShape() || !out.hasStaticShape() ||
        weight.getRank() < 1 || weight.getDimSize(0) == 0)
      return;
    result.macs +=
        out.getNumElements() * (weight.getNumElements() / weight.getDimSize(0));
    ++result.layers;
    result.floatLayers += floating;
  });
  return result;
}

} // namespace qcc::bench
