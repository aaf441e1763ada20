// Whole corpus models end to end through qcc's embeddable API: compiled
// once by qcc::Session (JIT), then run() timed on the model's own
// input_0.bin. GOPS is over the model's fully connected and convolution
// MACs, counted on qcc's fused graph.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "QccModel.h"

#include "qcc/runtime/qcc_runtime.h"

#include <string>
#include <vector>

namespace qcc::bench {

void registerModelBenchmarks() {
  // The best path; AVX-512 VNNI when AMX is the best (the path of CPUs
  // without AMX, and oneDNN's without it); two threads; and ONNX Runtime's
  // numerics (float32 scales), the like-for-like comparison with it.
  std::vector<ModelVariant> variants = {{"", RunOptions{"auto", 1}, "int"}};
  if (qcc_rt_best_isa() == QCC_RT_ISA_AMX)
    variants.push_back({"/avx512-vnni", RunOptions{"avx512-vnni", 1}, "int"});
  variants.push_back({"/threads:2", RunOptions{"auto", 2}, "int"});
  variants.push_back({"/onnx-numerics", RunOptions{"auto", 1}, "onnx"});
  for (const char *model : kBenchmarkModels)
    for (const ModelVariant &variant : variants) {
      const std::string name =
          std::string("model/qcc/") + model + variant.suffix;
      benchmark::RegisterBenchmark(
          name.c_str(),
          [name, variant,
           dirName = std::string(model)](benchmark::State &state) {
            auto p = cached<QccModel>(
                name, [&] { return prepareQccModel(dirName, variant); });
            if (!p->error.empty()) {
              state.SkipWithError(p->error.c_str());
              return;
            }
            for (auto _ : state) {
              if (llvm::Error err = p->run()) {
                state.SkipWithError(llvm::toString(std::move(err)).c_str());
                break;
              }
            }
            if (p->macs.macs > 0)
              setGops(state, double(p->macs.macs));
            state.SetLabel(p->label);
          })
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
    }
}

} // namespace qcc::bench
