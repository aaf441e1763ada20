// The named pipelines: --qcc-fuse (up to the integer-only check) and
// --qcc-compile (down to the LLVM dialect).
#include "passes/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace qcc {

void buildFusionPipeline(OpPassManager &pm, const CompileOptions &opts,
                         bool verify) {
  pm.addNestedPass<func::FuncOp>(createQccFoldWeightQuantization());
  pm.addNestedPass<func::FuncOp>(createQccFuseQdq({opts.numerics}));
  pm.addPass(createQccOutlineIntegerCore());
  pm.addPass(createCanonicalizerPass());
  if (verify)
    pm.addPass(createQccVerifyIntegerOnly({opts.strict}));
}

void buildLoweringPipeline(OpPassManager &pm, const CompileOptions &opts) {
  pm.addPass(createQccLowerToRuntime({opts.prefix}));
  pm.addPass(createQccLowerToLLVM());
}

void buildCompilePipeline(OpPassManager &pm, const CompileOptions &opts) {
  buildFusionPipeline(pm, opts);
  buildLoweringPipeline(pm, opts);
}

namespace {
struct PipelineOptions : PassPipelineOptions<PipelineOptions> {
  Option<std::string> numerics{
      *this, "numerics",
      llvm::cl::desc("int (default), int-single-round or onnx"),
      llvm::cl::init("int")};
  Option<bool> strict{*this, "strict",
                      llvm::cl::desc("fail when a float operation remains"),
                      llvm::cl::init(false)};
  Option<std::string> prefix{*this, "prefix",
                             llvm::cl::desc("prefix of exported symbols"),
                             llvm::cl::init("qcc_")};

  CompileOptions get() const { return {numerics, strict, prefix}; }
};
} // namespace

void registerPipelines() {
  PassPipelineRegistration<PipelineOptions>(
      "qcc-fuse",
      "Fold weights, fuse QDQ groups into qint ops, split off the integer "
      "core and check that it is integer-only",
      [](OpPassManager &pm, const PipelineOptions &o) {
        buildFusionPipeline(pm, o.get());
      });
  PassPipelineRegistration<PipelineOptions>(
      "qcc-compile",
      "The whole compilation: --qcc-fuse, then lowering to runtime calls and "
      "to the LLVM dialect",
      [](OpPassManager &pm, const PipelineOptions &o) {
        buildCompilePipeline(pm, o.get());
      });
}

} // namespace qcc
