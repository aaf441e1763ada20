// The qgraph dialect: float graphs with quantize/dequantize nodes.
#ifndef QCC_DIALECTS_QGRAPH_QGRAPHDIALECT_H
#define QCC_DIALECTS_QGRAPH_QGRAPHDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/QGraph/QGraphDialect.h.inc"

#define GET_OP_CLASSES
#include "dialects/QGraph/QGraphOps.h.inc"

#endif // QCC_DIALECTS_QGRAPH_QGRAPHDIALECT_H
