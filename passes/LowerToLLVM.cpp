// Converts the runtime-call form to the LLVM dialect.
//
// After --qcc-lower-to-runtime, functions hold only calls, pointer
// arithmetic and constants; this pass converts func (and any arith) to the
// LLVM dialect with the standard patterns, so that the module translates to
// LLVM IR.
//
// Refuses: any operation of another dialect (a qgraph or qint operation
// means --qcc-lower-to-runtime has not run), with an error naming it.
#include "passes/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Transforms/DialectConversion.h"

namespace qcc {
#define GEN_PASS_DEF_QCCLOWERTOLLVM
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

struct LowerToLLVMPass : qcc::impl::QccLowerToLLVMBase<LowerToLLVMPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    WalkResult leftovers = getOperation().walk([](Operation *op) {
      if (isa<ModuleOp>(op) ||
          isa<LLVM::LLVMDialect, func::FuncDialect, arith::ArithDialect>(
              op->getDialect()))
        return WalkResult::advance();
      op->emitError("'") << op->getName()
                         << "' must be lowered by --qcc-lower-to-runtime "
                            "before --qcc-lower-to-llvm";
      return WalkResult::interrupt();
    });
    if (leftovers.wasInterrupted())
      return signalPassFailure();

    LLVMTypeConverter converter(ctx, LowerToLLVMOptions(ctx));
    RewritePatternSet patterns(ctx);
    populateFuncToLLVMConversionPatterns(converter, patterns);
    arith::populateArithToLLVMConversionPatterns(converter, patterns);
    LLVMConversionTarget target(*ctx);
    target.addLegalOp<ModuleOp>();
    if (failed(
            applyFullConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
