// Lowers tensor functions to calls into the qcc runtime's C ABI.
//
// A function `f(inputs) -> outputs` on tensors becomes
// `<prefix>f(ctx, input pointers..., output pointers...)`; each operation
// becomes one call `qcc_rt_<kernel>(ctx, &descriptor, inputs..., output)`
// whose descriptor is a constant global laid out as the runtime's struct
// (lowering/LowerIntegerOps.cpp, lowering/LowerFloatOps.cpp).
//
// Memory: each tensor an operation produces lives in the context's arena at
// an offset fixed here (ArenaPlanner: by size, at the lowest 64-byte aligned
// offset free for the tensor's lifetime; storage casts and reshapes alias
// their input). A tensor the function returns is written straight into the
// caller's output buffer; one returned twice, or a returned argument or
// constant, is copied. A function that calls another places its buffers
// above the callee's arena. Constants become internal globals.
//
// Refuses (errors naming the operation): arguments and results that are not
// tensors of static shape, functions of more than one block, recursion, calls
// of functions without a body, operations with no runtime kernel, weights and
// biases that are not dense constants, an empty prefix.
#include "passes/Passes.h"
#include "passes/lowering/FunctionLowering.h"
#include "qcc/runtime/qcc_runtime.h"

namespace qcc {
#define GEN_PASS_DEF_QCCLOWERTORUNTIME
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

struct LowerToRuntimePass
    : qcc::impl::QccLowerToRuntimeBase<LowerToRuntimePass> {
  using QccLowerToRuntimeBase::QccLowerToRuntimeBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (prefix.empty()) {
      module.emitError("qcc-lower-to-runtime needs a non-empty prefix");
      return signalPassFailure();
    }
    SmallVector<func::FuncOp> funcs;
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isDeclaration())
        funcs.push_back(f);

    lowering::ModuleLowering m(module, prefix);
    SmallVector<Operation *> stack;
    for (func::FuncOp f : funcs)
      if (failed(m.lower(f, stack)))
        return signalPassFailure();

    int64_t arenaSize = 0;
    for (func::FuncOp f : funcs) {
      arenaSize = std::max(arenaSize, m.arenaEnd.lookup(f));
      f.erase();
    }
    Location loc = module.getLoc();
    auto ops = m.globals.pointerArray(loc, "__qcc_ops", m.descriptors);
    m.globals.structure(loc, prefix + "model", m.abi.modelInfo,
                        LLVM::Linkage::External, [&](StructInit &s) {
                          s.i32({0}, QCC_RT_ABI_VERSION)
                              .i32({1}, int64_t(m.descriptors.size()))
                              .address({2}, ops)
                              .i64({3}, arenaSize);
                        });
  }
};

} // namespace
