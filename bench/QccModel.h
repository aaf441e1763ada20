// A corpus model compiled once by qcc::Session (JIT) with its own input
// (input_0.bin ...) and output buffers, run once and checked before any
// timing: the model benchmarks' qcc side.
#ifndef QCC_BENCH_QCCMODEL_H
#define QCC_BENCH_QCCMODEL_H

#include "ModelMacs.h"

#include "compiler/Session.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace qcc::bench {

/// How a model runs: the default (the best path, 1 thread, integer
/// numerics), or one thing changed.
struct ModelVariant {
  const char *suffix; ///< appended to the benchmark's name
  RunOptions run;
  const char *numerics;
};

struct QccModel {
  std::unique_ptr<Session> session;
  std::string entry;
  std::vector<std::vector<uint8_t>> inputs, outputs;
  std::vector<const void *> inputPointers;
  std::vector<void *> outputPointers;
  ModelMacs macs;
  std::string error; ///< why the model cannot be timed, or empty
  std::string label; ///< path, threads, numerics, MACs, distance to PyTorch

  /// One run on the model's input.
  llvm::Error run() {
    return session->run(entry, inputPointers, outputPointers);
  }
};

/// Corpus model `model` (a directory of options().corpus) compiled for
/// `variant`, run once: a constant output is an error.
std::shared_ptr<QccModel> prepareQccModel(const std::string &model,
                                          const ModelVariant &variant);

} // namespace qcc::bench

#endif // QCC_BENCH_QCCMODEL_H
