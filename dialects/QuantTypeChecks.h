// Checks of MLIR !quant.uniform types that qcc relies on. The quant dialect's
// own type verifier rejects non-positive scales when it parses, but accepts
// zero points outside the storage range and lets code build anything; these
// checks run wherever a quantized type enters the compiler.
#ifndef QCC_DIALECTS_QUANTTYPECHECKS_H
#define QCC_DIALECTS_QUANTTYPECHECKS_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

namespace qcc {

/// Verifies that `type` (a quantized element type, or a ranked tensor of one)
/// has finite positive scales, zero points inside its storage range, a float32
/// expressed type, a supported storage type (8-bit, or 32-bit for biases),
/// and, when per-axis, an axis inside the tensor with one scale per slice.
/// `what` names the value in the message ("operand #0", "result").
mlir::LogicalResult
verifyQuantizedType(mlir::Type type, llvm::StringRef what,
                    llvm::function_ref<mlir::InFlightDiagnostic()> emitError);

/// The integer type that stores a quantized type's values: i8 (signed),
/// ui8 (unsigned) or i32, the element types of the qint dialect.
mlir::IntegerType storageIntegerType(mlir::quant::QuantizedType type);

/// Per-channel (or single) scales and zero points of a quantized type.
struct QuantParams {
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> zeroPoints;
  int32_t axis = -1; ///< -1 when per tensor
  int64_t storageMin = 0, storageMax = 0;
  bool isSigned = true;
  unsigned storageWidth = 8;
};
QuantParams getQuantParams(mlir::quant::QuantizedType type);

/// The quantized element type of a tensor type, or null.
mlir::quant::QuantizedType getQuantizedElementType(mlir::Type type);

} // namespace qcc

#endif // QCC_DIALECTS_QUANTTYPECHECKS_H
