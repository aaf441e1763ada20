#include "QccModel.h"

#include "BenchSupport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace qcc::bench {

namespace {

bool readFile(const std::string &path, std::vector<uint8_t> &data) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return false;
  data.assign(std::istreambuf_iterator<char>(f),
              std::istreambuf_iterator<char>());
  return true;
}

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

} // namespace

std::shared_ptr<QccModel> prepareQccModel(const std::string &model,
                                          const ModelVariant &variant) {
  auto p = std::make_shared<QccModel>();
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
  if (llvm::Error err = p->run()) {
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

} // namespace qcc::bench
