// The pipeline driver: owns the MLIR context, loads models, runs qcc's
// pipelines and reports diagnostics.
#ifndef QCC_COMPILER_COMPILER_H
#define QCC_COMPILER_COMPILER_H

#include "passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>
#include <vector>

namespace qcc {

class Compiler {
public:
  /// With `printDiagnostics`, errors and warnings also go to stderr (the
  /// CLI); they are always kept in diagnostics().
  explicit Compiler(bool printDiagnostics = true);
  ~Compiler();

  mlir::MLIRContext &context() { return *ctx; }

  /// Parses a model file (.mlir); null on error, already reported.
  mlir::OwningOpRef<mlir::ModuleOp> load(llvm::StringRef path);
  /// Folds, fuses, outlines the integer core and (with `verify`) reports
  /// float operations.
  mlir::LogicalResult fuse(mlir::ModuleOp module, const CompileOptions &opts,
                           bool verify = true);
  /// After fuse(): runtime calls, then the LLVM dialect.
  mlir::LogicalResult lower(mlir::ModuleOp module, const CompileOptions &opts);

  /// Every diagnostic so far, "location: severity: message".
  const std::vector<std::string> &diagnostics() const { return messages; }
  /// The error diagnostics joined, for an error message.
  std::string errorText() const;

private:
  std::unique_ptr<mlir::MLIRContext> ctx;
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<mlir::ScopedDiagnosticHandler> collector;
  std::vector<std::string> messages;
  std::vector<std::string> errors;
};

} // namespace qcc

#endif // QCC_COMPILER_COMPILER_H
