// In-process execution of a compiled model: LLVM IR through ORC's LLJIT,
// with the runtime's entry points resolved in this process.
#ifndef QCC_COMPILER_JIT_H
#define QCC_COMPILER_JIT_H

#include "qcc/runtime/qcc_runtime.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

struct qcc_rt_context;

namespace llvm::orc {
class LLJIT;
}

namespace qcc {

class JitModel {
public:
  /// JIT-compiles a module in the LLVM dialect (after the lowering pipeline
  /// with `prefix`) and creates its runtime context with `options`.
  static llvm::Expected<std::unique_ptr<JitModel>>
  create(mlir::ModuleOp llvmDialectModule, const std::string &prefix,
         const qcc_rt_options &options);
  ~JitModel();

  /// Calls the compiled function `function` with one pointer per input and
  /// output, each sized as its signature says.
  llvm::Error run(llvm::StringRef function, llvm::ArrayRef<const void *> inputs,
                  llvm::ArrayRef<void *> outputs);

  /// The kernels' instruction-set path and thread count.
  int32_t isa() const { return qcc_rt_context_isa(context); }
  int32_t threads() const { return qcc_rt_context_threads(context); }

private:
  JitModel() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit;
  qcc_rt_context *context = nullptr;
  std::string prefix;
};

} // namespace qcc

#endif // QCC_COMPILER_JIT_H
