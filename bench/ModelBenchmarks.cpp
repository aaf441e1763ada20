// Whole corpus models end to end through qcc's embeddable API: compiled
// once by qcc::Session (JIT), then run() timed on the model's own
// input_0.bin. GOPS is over the model's fully connected and convolution
// MACs, counted on qcc's fused graph.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "ModelMacs.h"

#include "compiler/Session.h"
#include "qcc/runtime/qcc_runtime.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace qcc::bench {

namespace {

struct PreparedModel {
  std::unique_ptr<Session> session;
  std::string entry;
  std::vector<std::vector<uint8_t>> inputs, outputs;
  std::vector<const void *> inputPointers;
  std::vector<void *> outputPointers;
  ModelMacs macs;
  std::string error, label;
};

bool readFile(const std::string &path, std::vector<uint8_t> &data) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return false;
  data.assign(std::istreambuf_iterator<char>(f),
              std::istreambuf_iterator<char>());
  return true;
}

/// How a model runs: the default (the best path, 1 thread, integer
/// numerics), or one thing changed.
struct Variant {
  const char *suffix; ///< appended to the benchmark's name
  RunOptions run;
  const char *numerics;
};

/// Largest |difference| to a float reference output, or -1 without one.
double maxDiff(const std::vector<uint8_t> &out, const std::string &refPath) {
  std::vector<uint8_t> ref;
  if (!readFile(refPath, ref) || ref.size() != out.size() || out.size() % 4)
    return -1;
  double worst = 0;
  for (size_t i = 0; i < out.size(); i += 4) {
    float a, b;
    std::memcpy(&a, &out[i], 4);
    std::memcpy(&b, &ref[i], 4);
    worst = std::max(worst, double(std::fabs(a - b)));
  }
  return worst;
}

std::shared_ptr<PreparedModel> prepare(const std::string &model,
                                       const Variant &variant) {
  auto p = std::make_shared<PreparedModel>();
  const std::string dir = options().corpus + "/" + model;
  const std::string path = dir + "/model.onnx";
  if (!std::ifstream(path)) {
    p->error =
        "corpus model not found: " + path + " (set --corpus=DIR or QCC_CORPUS)";
    return p;
  }
  CompileOptions opts;
  opts.numerics = variant.numerics;
  auto session = Session::compile(path, opts, false, variant.run);
  if (!session) {
    p->error = "qcc cannot compile " + path + ": " +
               llvm::toString(session.takeError());
    return p;
  }
  p->session = std::move(*session);
  const FunctionSignature *entry = p->session->entry();
  if (!entry) {
    p->error = "no default entry function in " + path;
    return p;
  }
  p->entry = entry->name;
  for (size_t i = 0; i < entry->inputs.size(); ++i) {
    const std::string file = dir + "/input_" + std::to_string(i) + ".bin";
    std::vector<uint8_t> data;
    if (!readFile(file, data) || data.size() != entry->inputs[i].bytes()) {
      p->error = file + ": missing, or not the " + entry->inputs[i].describe() +
                 " input @" + p->entry + " takes";
      return p;
    }
    p->inputs.push_back(std::move(data));
  }
  for (const TensorInfo &t : entry->outputs)
    p->outputs.emplace_back(t.bytes());
  for (auto &v : p->inputs)
    p->inputPointers.push_back(v.data());
  for (auto &v : p->outputs)
    p->outputPointers.push_back(v.data());

  // Once, outside the timed loop: the output is not constant, and how far
  // it is from PyTorch's (oneDNN engine) output when the corpus has it.
  if (llvm::Error err =
          p->session->run(p->entry, p->inputPointers, p->outputPointers)) {
    p->error = "run failed: " + llvm::toString(std::move(err));
    return p;
  }
  const std::vector<uint8_t> &out = p->outputs.front();
  bool constant = true;
  for (size_t i = 4; i < out.size() && constant; ++i)
    constant = out[i] == out[i % 4];
  if (out.empty() || constant) {
    p->error = "OUTPUT WRONG: the first output is constant";
    return p;
  }
  p->macs = countModelMacs(path);
  char text[256];
  const double diff =
      entry->outputs.front().type == ElementType::F32
          ? maxDiff(out, dir + "/ref_pytorch-onednn_output_0.bin")
          : -1;
  const std::string how = p->session->isa() + ", " +
                          std::to_string(p->session->threads()) +
                          " thread(s), numerics " + variant.numerics;
  std::snprintf(text, sizeof(text), "qcc JIT %s; %.3f GMACs in %d layers%s",
                how.c_str(), double(p->macs.macs) / 1e9, p->macs.layers,
                p->macs.floatLayers ? " (some float)" : "");
  p->label = text;
  if (diff >= 0) {
    std::snprintf(text, sizeof(text), "; max |diff| %.4g vs PyTorch", diff);
    p->label += text;
  }
  if (!p->macs.error.empty())
    p->label = "qcc JIT " + how + "; MACs not counted";
  return p;
}

} // namespace

void registerModelBenchmarks() {
  // The best path; AVX-512 VNNI when AMX is the best (the path of CPUs
  // without AMX, and oneDNN's without it); two threads; and ONNX Runtime's
  // numerics (float32 scales), the like-for-like comparison with it.
  std::vector<Variant> variants = {{"", RunOptions{"auto", 1}, "int"}};
  if (qcc_rt_best_isa() == QCC_RT_ISA_AMX)
    variants.push_back({"/avx512-vnni", RunOptions{"avx512-vnni", 1}, "int"});
  variants.push_back({"/threads:2", RunOptions{"auto", 2}, "int"});
  variants.push_back({"/onnx-numerics", RunOptions{"auto", 1}, "onnx"});
  for (const char *model : kBenchmarkModels)
    for (const Variant &variant : variants) {
      const std::string name =
          std::string("model/qcc/") + model + variant.suffix;
      benchmark::RegisterBenchmark(
          name.c_str(),
          [name, variant,
           dirName = std::string(model)](benchmark::State &state) {
            auto p = cached<PreparedModel>(
                name, [&] { return prepare(dirName, variant); });
            if (!p->error.empty()) {
              state.SkipWithError(p->error.c_str());
              return;
            }
            for (auto _ : state) {
              if (llvm::Error err = p->session->run(p->entry, p->inputPointers,
                                                    p->outputPointers)) {
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
