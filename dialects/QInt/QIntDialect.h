// The qint dialect: fused integer-only operations.
#ifndef QCC_DIALECTS_QINT_QINTDIALECT_H
#define QCC_DIALECTS_QINT_QINTDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/QInt/QIntDialect.h.inc"
#include "dialects/QInt/QIntEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/QInt/QIntAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/QInt/QIntOps.h.inc"

namespace qcc::qint {

/// The values an integer element type can hold: [-128, 127] for i8,
/// [0, 255] for ui8, the int32 range for i32.
std::pair<int64_t, int64_t> integerRange(mlir::Type elementType);

} // namespace qcc::qint

#endif // QCC_DIALECTS_QINT_QINTDIALECT_H
