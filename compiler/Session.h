// The embeddable API: compile a model file in memory and run it.
//
//   auto session = qcc::Session::compile("model.mlir", {});
//   if (!session) { report(session.takeError()); }
//   const qcc::FunctionSignature *main = (*session)->entry();
//   (*session)->run(main->name, {input.data()}, {output.data()});
#ifndef QCC_COMPILER_SESSION_H
#define QCC_COMPILER_SESSION_H

#include "compiler/Signature.h"
#include "passes/Passes.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace qcc {

class Compiler;
class JitModel;

/// How the compiled model runs: the kernels' instruction-set path and the
/// thread count (results are bit-identical for every choice).
struct RunOptions {
  /// "auto" (the QCC_ISA environment variable, else the best path), or
  /// "reference", "avx2", "avx-vnni", "avx512-vnni", "amx" (x86-64),
  /// "neon", "dotprod", "i8mm" (AArch64).
  std::string isa = "auto";
  /// 0: the QCC_THREADS environment variable, else 1.
  int threads = 0;
};

class Session {
public:
  /// Loads, compiles and JIT-links a model. Diagnostics (float operations
  /// left, for instance) are kept in diagnostics(); with `printDiagnostics`
  /// they also go to stderr. Errors come back as the llvm::Error's text.
  static llvm::Expected<std::unique_ptr<Session>>
  compile(const std::string &path, const CompileOptions &opts,
          bool printDiagnostics = false, const RunOptions &run = {});

  /// The path and the thread count the runtime chose.
  std::string isa() const;
  int threads() const;
  ~Session();

  const std::vector<FunctionSignature> &functions() const { return sigs; }
  const FunctionSignature *function(llvm::StringRef name) const;
  /// The function to run when none is named (see defaultEntry).
  const FunctionSignature *entry() const { return defaultEntry(sigs); }
  const std::vector<std::string> &diagnostics() const;

  /// Runs `function`; one buffer per input and output, sized as its
  /// signature says. Not thread-safe: one run at a time per session.
  llvm::Error run(llvm::StringRef function, llvm::ArrayRef<const void *> inputs,
                  llvm::ArrayRef<void *> outputs);

private:
  Session();
  std::unique_ptr<Compiler> compiler;
  std::unique_ptr<JitModel> jit;
  std::vector<FunctionSignature> sigs;
};

} // namespace qcc

#endif // QCC_COMPILER_SESSION_H
