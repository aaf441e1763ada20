// Imports an ONNX model (QDQ or QOperator form) into the qgraph dialect.
#ifndef QCC_COMPILER_ONNX_ONNXIMPORTER_H
#define QCC_COMPILER_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace qcc::onnx {

/// Reads an ONNX file into a module with one function, @main, whose
/// arguments and results are the graph's inputs and outputs (named by
/// `qcc.name`). Each operation's location is its node's name. An operator,
/// attribute or type qcc does not support, or a malformed model, is an error
/// diagnostic naming the node; the result is then null.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxFile(llvm::StringRef path,
                                                 mlir::MLIRContext *ctx);

} // namespace qcc::onnx

#endif // QCC_COMPILER_ONNX_ONNXIMPORTER_H
