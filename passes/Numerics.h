// Numerics modes and the construction of #qint.requant attributes, shared by
// every fusion pattern.
#ifndef QCC_PASSES_NUMERICS_H
#define QCC_PASSES_NUMERICS_H

#include "dialects/QInt/QIntDialect.h"
#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>

namespace qcc {

enum class Numerics { Int, IntSingleRound, Onnx };

/// "int", "int-single-round" or "onnx".
std::optional<Numerics> parseNumerics(llvm::StringRef name);
llvm::StringRef numericsName(Numerics n);
qint::Rounding roundingOf(Numerics n);

/// One requantization per channel: integer modes derive multiplier and shift
/// from `reals` (double); the onnx mode takes `floats`, the float32 scales
/// computed as ONNX Runtime computes them for the operation at hand. On a
/// scale no rule can represent, returns null and says why in `reason`.
qint::RequantAttr buildRequantFromScales(mlir::MLIRContext *ctx,
                                         Numerics numerics,
                                         llvm::ArrayRef<double> reals,
                                         llvm::ArrayRef<float> floats,
                                         int32_t zeroPoint, int32_t clampMin,
                                         int32_t clampMax, std::string &reason);

/// The three rescalings of a quantized add (see qint.add): each input's
/// rescale and the output's, and the left shift.
struct AddRequant {
  qint::RequantAttr lhs, rhs, output;
  int32_t leftShift = 0;
};
std::optional<AddRequant>
buildAddRequant(mlir::MLIRContext *ctx, Numerics numerics, double lhsScale,
                double rhsScale, double outScale, int32_t zeroPoint,
                int32_t clampMin, int32_t clampMax, std::string &reason);

/// The requantization of an accumulator whose real scale per output channel
/// is inScale * weightScales[c] / outScale. Integer modes derive multiplier
/// and shift in double (qcc::rt::quantizeMultiplier). The onnx mode computes
/// the float32 scale as ONNX Runtime does, (float(in) * float(w)) / float(out)
/// in float32 arithmetic, to be bit-exact with it. On a scale no rule can
/// represent, returns null and says why in `reason`.
qint::RequantAttr buildRequant(mlir::MLIRContext *ctx, Numerics numerics,
                               double inScale,
                               llvm::ArrayRef<double> weightScales,
                               double outScale, int32_t zeroPoint,
                               int32_t clampMin, int32_t clampMax,
                               std::string &reason);

} // namespace qcc

#endif // QCC_PASSES_NUMERICS_H
