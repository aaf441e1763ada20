// Ahead-of-time compilation: an object file for a target triple, and the C
// header that declares what it exports.
#ifndef QCC_COMPILER_OBJECTEMITTER_H
#define QCC_COMPILER_OBJECTEMITTER_H

#include "compiler/Signature.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace qcc {

/// The triple qcc compiles for when none is given: this machine's.
std::string hostTriple();

/// Writes an object file for `triple` from a module in the LLVM dialect.
llvm::Error emitObjectFile(mlir::ModuleOp llvmDialectModule,
                           const std::string &triple, const std::string &path);

/// The C header of an object compiled with `prefix`: the model descriptor
/// and one function per signature, with its tensors' shapes and
/// quantization in comments and macros.
std::string emitHeader(const std::vector<FunctionSignature> &functions,
                       const std::string &prefix, const std::string &source);

} // namespace qcc

#endif // QCC_COMPILER_OBJECTEMITTER_H
