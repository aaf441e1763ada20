// Everything qcc registers with MLIR: dialects, passes, pipelines.
#ifndef QCC_COMPILER_REGISTRATION_H
#define QCC_COMPILER_REGISTRATION_H

#include "mlir/IR/DialectRegistry.h"

namespace qcc {

/// The dialects a qcc module may contain, and their LLVM IR translations.
void registerDialects(mlir::DialectRegistry &registry);
/// qcc's passes and pipelines, and the upstream passes qcc-opt offers.
void registerPasses();

} // namespace qcc

#endif // QCC_COMPILER_REGISTRATION_H
