// `qcc explain`: the integer arithmetic each fused operation runs, and
// whether the compiled graph is integer-only.
#ifndef QCC_COMPILER_EXPLAIN_H
#define QCC_COMPILER_EXPLAIN_H

#include "passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace qcc {

/// Describes a module after the fusion pipeline. Returns true when every
/// integer core is integer-only.
bool explainModule(mlir::ModuleOp module, const CompileOptions &opts,
                   llvm::raw_ostream &os, bool verbose);

} // namespace qcc

#endif // QCC_COMPILER_EXPLAIN_H
