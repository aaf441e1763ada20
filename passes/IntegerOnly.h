// What counts as integer-only, shared by --qcc-verify-integer-only and
// `qcc explain`.
#ifndef QCC_PASSES_INTEGERONLY_H
#define QCC_PASSES_INTEGERONLY_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>

namespace qcc {

/// The attribute that marks a float boundary wrapper made by
/// --qcc-outline-integer-core.
constexpr llvm::StringLiteral kIoWrapperAttr = "qcc.io_wrapper";
/// The attribute that marks an integer core, naming the function it was
/// outlined from.
constexpr llvm::StringLiteral kIntegerCoreAttr = "qcc.integer_core_of";
/// The attribute in which fusion says why an op was not fused.
constexpr llvm::StringLiteral kNotFusedAttr = "qcc.not_fused";

struct FloatOpReport {
  mlir::Operation *op;
  std::string reason; ///< "'qgraph.linear' computes in float: ..."
};

/// Every operation of `func` that is not integer arithmetic, with why.
llvm::SmallVector<FloatOpReport> findFloatOps(mlir::func::FuncOp func);

inline bool isIoWrapper(mlir::func::FuncOp func) {
  return func->hasAttr(kIoWrapperAttr);
}

} // namespace qcc

#endif // QCC_PASSES_INTEGERONLY_H
