// qcc's passes and the named pipeline.
#ifndef QCC_PASSES_PASSES_H
#define QCC_PASSES_PASSES_H

#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QInt/QIntDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace qcc {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// Options of the whole compilation, shared by `qcc-opt --qcc-compile` and
/// the `qcc` driver.
struct CompileOptions {
  std::string numerics = "int";
  bool strict = false;
  std::string prefix = "qcc_";
};

/// Up to and including the integer-only check: fold, fuse, outline the core,
/// verify. What `qcc explain` looks at.
void buildFusionPipeline(mlir::OpPassManager &pm, const CompileOptions &opts,
                         bool verify = true);
/// After the fusion pipeline: runtime calls, then the LLVM dialect.
void buildLoweringPipeline(mlir::OpPassManager &pm, const CompileOptions &opts);
/// The whole pipeline, ending in the LLVM dialect.
void buildCompilePipeline(mlir::OpPassManager &pm, const CompileOptions &opts);
/// Registers `--qcc-compile` and `--qcc-fuse` with mlir-opt style tools.
void registerPipelines();

} // namespace qcc

#endif // QCC_PASSES_PASSES_H
