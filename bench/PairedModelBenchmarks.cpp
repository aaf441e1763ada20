// model/qcc-vs-onnxruntime/<corpus model>[/onnx-numerics]: qcc and ONNX
// Runtime on the same model in alternating blocks of runs, so that both
// engines meet the same minutes of a shared machine. model/qcc/... and
// model/onnxruntime/... time each engine on its own, and on a machine whose
// speed drifts by 10-50 % from minute to minute (docs/performance.md) their
// ratio moves with whichever one a neighbour's burst hit. Here each round
// times a block of qcc's runs and a block of ONNX Runtime's (about
// kBlockSeconds each after one uncounted run, the engine that goes first
// alternating, the two on CPUs of their own: PinnedPair), and the speed-up
// is the median over the rounds of each round's ratio of medians.
//
// The benchmark's time is qcc's (the median of each round's block, averaged
// over the rounds); counters: qcc_us and onnxruntime_us (medians of every
// run), speedup (ONNX Runtime's time over qcc's), GOPS (qcc's). 1 thread.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "OnnxRuntime.h"
#include "QccModel.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sched.h>
#include <string>
#include <system_error>
#include <vector>

namespace qcc::bench {

namespace {

constexpr int kRounds = 25;
constexpr double kBlockSeconds = 0.03;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Where the machine has two CPUs, this thread and the ONNX Runtime script
/// each run on one of them, and swap them from round to round (assign):
/// within a round each engine keeps its L2 as a lone engine does, rather
/// than finding the other's data there after each hand-over (ResNet-18's
/// qcc blocks measured 5 % slower unpinned than alone), and over the rounds
/// a neighbour busy on one CPU meets both engines alike. The thread's CPUs
/// come back at the end, for the benchmarks on two threads.
class PinnedPair {
public:
  explicit PinnedPair(pid_t script) : script(script) {
    CPU_ZERO(&mask);
    if (script <= 0 || sched_getaffinity(0, sizeof(mask), &mask) != 0 ||
        CPU_COUNT(&mask) < 2)
      return;
    for (int c = 0, found = 0; c < CPU_SETSIZE && found < 2; ++c)
      if (CPU_ISSET(c, &mask))
        cpus[found++] = c;
    pinned = true;
  }
  ~PinnedPair() {
    if (pinned)
      sched_setaffinity(0, sizeof(mask), &mask);
  }
  PinnedPair(const PinnedPair &) = delete;
  PinnedPair &operator=(const PinnedPair &) = delete;

  /// This thread to CPU `round % 2` of the two, the script to the other.
  void assign(int round) {
    if (!pinned)
      return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpus[(round + 1) % 2], &one);
    // Every thread of the script: ONNX Runtime runs on Node.js's workers.
    std::error_code ec;
    for (const auto &task : std::filesystem::directory_iterator(
             "/proc/" + std::to_string(script) + "/task", ec))
      sched_setaffinity(pid_t(std::atoi(task.path().filename().c_str())),
                        sizeof(one), &one);
    CPU_ZERO(&one);
    CPU_SET(cpus[round % 2], &one);
    sched_setaffinity(0, sizeof(one), &one);
  }

private:
  pid_t script;
  cpu_set_t mask;
  int cpus[2] = {0, 0};
  bool pinned = false;
};

struct PairedModel {
  std::shared_ptr<QccModel> qcc;
  std::unique_ptr<OnnxRuntimeServer> onnxRuntime;
  int runsPerBlock = 1;
  std::string error;
};

std::shared_ptr<PairedModel> prepare(const std::string &model,
                                     const ModelVariant &variant) {
  auto p = std::make_shared<PairedModel>();
  p->qcc = prepareQccModel(model, variant);
  if (!p->qcc->error.empty()) {
    p->error = p->qcc->error;
    return p;
  }
  p->onnxRuntime = std::make_unique<OnnxRuntimeServer>(
      options().corpus + "/" + model, variant.run.threads);
  if (!p->onnxRuntime->error().empty()) {
    p->error = p->onnxRuntime->error();
    return p;
  }
  // Blocks of about kBlockSeconds of qcc's runs, after a few to warm up.
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  for (int i = 0; i < 3; ++i)
    if (llvm::Error err = p->qcc->run()) {
      p->error = "run failed: " + llvm::toString(std::move(err));
      return p;
    }
  const double each =
      std::chrono::duration<double>(clock::now() - start).count() / 3;
  p->runsPerBlock = std::max(3, int(kBlockSeconds / each));
  return p;
}

void registerPaired(const std::string &model, const ModelVariant &variant) {
  const std::string name = "model/qcc-vs-onnxruntime/" + model + variant.suffix;
  benchmark::RegisterBenchmark(
      name.c_str(),
      [name, model, variant](benchmark::State &state) {
        auto p =
            cached<PairedModel>(name, [&] { return prepare(model, variant); });
        if (!p->error.empty()) {
          state.SkipWithError(p->error.c_str());
          return;
        }
        PinnedPair pinned(p->onnxRuntime->process());
        using clock = std::chrono::steady_clock;
        const int runs = p->runsPerBlock;
        std::vector<double> qccAll, ortAll, ratios;
        std::vector<double> qccBlock(size_t(runs), 0.0);
        int round = 0;
        for (auto _ : state) {
          pinned.assign(round);
          std::vector<double> ortBlock;
          // The engine that goes first alternates from round to round. Each
          // block's first run is not counted: it finds the caches full of
          // the other engine's data.
          auto runOnnxRuntime = [&] {
            ortBlock = p->onnxRuntime->run(runs + 1);
            if (!ortBlock.empty())
              ortBlock.erase(ortBlock.begin());
          };
          if (round % 2)
            runOnnxRuntime();
          for (int i = -1; i < runs; ++i) {
            const auto start = clock::now();
            if (llvm::Error err = p->qcc->run()) {
              state.SkipWithError(llvm::toString(std::move(err)).c_str());
              return;
            }
            if (i >= 0)
              qccBlock[size_t(i)] =
                  std::chrono::duration<double>(clock::now() - start).count();
          }
          if (round % 2 == 0)
            runOnnxRuntime();
          if (ortBlock.empty()) {
            state.SkipWithError(p->onnxRuntime->error().c_str());
            return;
          }
          const double q = median(qccBlock), o = median(ortBlock);
          ratios.push_back(o / q);
          qccAll.insert(qccAll.end(), qccBlock.begin(), qccBlock.end());
          ortAll.insert(ortAll.end(), ortBlock.begin(), ortBlock.end());
          state.SetIterationTime(q);
          ++round;
        }
        state.counters["qcc_us"] = median(qccAll) * 1e6;
        state.counters["onnxruntime_us"] = median(ortAll) * 1e6;
        state.counters["speedup"] = median(ratios);
        if (p->qcc->macs.macs > 0)
          setGops(state, double(p->qcc->macs.macs));
        state.SetLabel(p->qcc->label + "; ONNX Runtime " +
                       p->onnxRuntime->version() + ", " +
                       describeOnnxRuntimeDiff(p->onnxRuntime->outputDiff()) +
                       "; " + std::to_string(round) + " rounds of " +
                       std::to_string(runs) + " runs each");
      })
      ->UseManualTime()
      ->Iterations(kRounds)
      ->Unit(benchmark::kMicrosecond);
}

} // namespace

void registerPairedModelBenchmarks() {
  if (!onnxRuntimeInstalled())
    return; // registerOnnxRuntimeBenchmarks says so
  const ModelVariant variants[] = {
      {"", RunOptions{"auto", 1}, "int"},
      {"/onnx-numerics", RunOptions{"auto", 1}, "onnx"}};
  // The two models: the corpus CNN and MLP run in 10-50 us, where
  // Node.js's call around each of ONNX Runtime's runs (up to 13 us) is most
  // of the difference.
  for (const char *model : {"arch_resnet18_onednn", "arch_mobilenet_v2_onednn"})
    for (const ModelVariant &variant : variants)
      registerPaired(model, variant);
}

} // namespace qcc::bench
