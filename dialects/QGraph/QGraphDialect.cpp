#include "dialects/QGraph/QGraphDialect.h"

#include "dialects/QuantTypeChecks.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace qcc::qgraph;

#include "dialects/QGraph/QGraphDialect.cpp.inc"

void QGraphDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/QGraph/QGraphOps.cpp.inc"
      >();
}
