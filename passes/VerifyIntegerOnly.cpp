// Reports every operation of a compiled graph that computes in float.
//
// A function is integer-only when each of its operations is a qint operation
// with an integer rounding rule, a constant, a storage cast, a call or a
// return. The boundary wrappers made by --qcc-outline-integer-core convert
// the model's float inputs and outputs by definition and are not checked;
// their cores are.
//
// Refuses nothing: it only reports, as warnings, or as errors that fail the
// pass with `strict`.
#include "passes/IntegerOnly.h"
#include "passes/Passes.h"

namespace qcc {
#define GEN_PASS_DEF_QCCVERIFYINTEGERONLY
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

struct VerifyIntegerOnlyPass
    : qcc::impl::QccVerifyIntegerOnlyBase<VerifyIntegerOnlyPass> {
  using QccVerifyIntegerOnlyBase::QccVerifyIntegerOnlyBase;

  void runOnOperation() override {
    bool failedCheck = false;
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isDeclaration() || isIoWrapper(func))
        continue;
      for (const FloatOpReport &r : findFloatOps(func)) {
        if (strict) {
          r.op->emitError(r.reason);
          failedCheck = true;
        } else {
          r.op->emitWarning(r.reason);
        }
      }
    }
    if (failedCheck)
      signalPassFailure();
  }
};

} // namespace
